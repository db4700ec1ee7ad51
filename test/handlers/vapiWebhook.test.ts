import { randomBytes } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { captureOutput } from '../integration/log-capture';
import { coldStart, failureLines, GENERIC_5XX, httpEvent, STACK_TRACE, webhookBaseEnv } from './invoke';

const VAPI_SECRET = randomBytes(24).toString('base64url');
const CLIENT_SECRET = `client-secret-${randomBytes(12).toString('hex')}`;
const SECRET_ARN = 'arn:aws:secretsmanager:us-west-2:123456789012:secret:VoiceCalendarBooking/vapi-secret-AbCdEf';

/** A configuration the webhook accepts; DynamoDB refuses, which a 5xx before any tool call never reaches. */
const webhookEnv = async (): Promise<Record<string, string>> => ({
  ...(await webhookBaseEnv()),
  MICROSOFT_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
  MICROSOFT_CLIENT_SECRET: CLIENT_SECRET,
  VAPI_SECRET,
});

/** POST /vapi/webhook with the fixture's tool-calls body and the right secret. */
const webhookEvent = () => httpEvent('vapi-webhook-post', { headers: { 'x-vapi-secret': VAPI_SECRET } });

describe('Handler: vapiWebhook', () => {
  const secretsManager = mockClient(SecretsManagerClient);

  afterEach(() => {
    vi.unstubAllEnvs();
    secretsManager.reset();
  });
  afterAll(() => secretsManager.restore());

  it('answers 500 with a generic JSON error when the configuration is broken, and logs which variable', async () => {
    // Prepare
    const logs = captureOutput();
    const { vapiWebhook } = await coldStart(['vapiWebhook'], { ...(await webhookEnv()), VAPI_ROUTES: '{"phone-1":' });

    // Act
    const res = await vapiWebhook(webhookEvent()).finally(logs.stop);

    // Assess
    expect(res.statusCode).toBe(500);
    expect(res.headers?.['content-type']).toBe('application/json');
    expect(JSON.parse(res.body!)).toEqual({ error: GENERIC_5XX });
    expect(res.body).not.toMatch(/VAPI_ROUTES|phone-1/);
    expect(res.body).not.toMatch(STACK_TRACE);
    expect(failureLines(logs.entries())).toEqual([
      expect.objectContaining({
        level: 'ERROR',
        status: 500,
        error: 'ConfigError',
        reason: expect.stringMatching(/^VAPI_ROUTES must be a JSON object/),
      }),
    ]);
    for (const secret of [VAPI_SECRET, CLIENT_SECRET]) {
      expect(res.body).not.toContain(secret);
      expect(logs.text()).not.toContain(secret);
    }
  });

  it('answers 500, not 401 nor a tool result, when Secrets Manager cannot hand out the webhook secret', async () => {
    // Prepare
    const throttled = `Rate exceeded for ${SECRET_ARN}`;
    const error = Object.assign(new Error(throttled), { name: 'ThrottlingException' });
    secretsManager.on(GetSecretValueCommand).rejects(error);
    const { VAPI_SECRET: _inline, ...env } = await webhookEnv();
    const logs = captureOutput();
    const { vapiWebhook } = await coldStart(['vapiWebhook'], { ...env, VAPI_SECRET_ARN: SECRET_ARN });

    // Act
    const res = await vapiWebhook(webhookEvent()).finally(logs.stop);

    // Assess
    expect(res.statusCode).toBe(500);
    expect(JSON.parse(res.body!)).toEqual({ error: GENERIC_5XX });
    expect(res.body).not.toMatch(/Rate exceeded|secretsmanager/);
    expect(failureLines(logs.entries())).toEqual([
      expect.objectContaining({ status: 500, error: 'ThrottlingException', reason: throttled }),
    ]);
  });

  it('answers 401, not a 5xx, for a wrong secret with the same broken DynamoDB: auth comes first', async () => {
    // Prepare
    const logs = captureOutput();
    const { vapiWebhook } = await coldStart(['vapiWebhook'], await webhookEnv());
    const event = httpEvent('vapi-webhook-post', { headers: { 'x-vapi-secret': 'wrong' } });

    // Act
    const res = await vapiWebhook(event).finally(logs.stop);

    // Assess
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body!)).toEqual({ error: 'Unauthorized' });
    expect(failureLines(logs.entries())).toEqual([]);
  });

  it('answers 200 with a spoken per-call error, not a 5xx, when DynamoDB refuses during a tool call', async () => {
    // Prepare
    const logs = captureOutput();
    const { vapiWebhook } = await coldStart(['vapiWebhook'], await webhookEnv());

    // Act
    const res = await vapiWebhook(webhookEvent()).finally(logs.stop);

    // Assess: VAPI must always get tool results; the caller hears a call-back offer.
    expect(res.statusCode).toBe(200);
    const { results } = JSON.parse(res.body!) as { results: Array<{ toolCallId: string; error?: string }> };
    const spoken = expect.stringMatching(/call you back/);
    expect(results).toEqual([{ toolCallId: 'tc-1', name: 'get_availability', error: spoken }]);
    expect(results[0]!.error).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|Error/);
    expect(failureLines(logs.entries())).toEqual([]);
    const warning = expect.objectContaining({ level: 'WARN', message: 'get_availability failed' });
    expect(logs.entries()).toContainEqual(warning);
  });
});
