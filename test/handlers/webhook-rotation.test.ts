import { createHmac, randomBytes } from 'node:crypto';
import {
  GetSecretValueCommand,
  ResourceNotFoundException,
  SecretsManagerClient,
} from '@aws-sdk/client-secrets-manager';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { coldStart, httpEvent, type Invoke, webhookBaseEnv } from './invoke';

const SECRET_ARN =
  'arn:aws:secretsmanager:us-west-2:123456789012:secret:VoiceCalendarBooking/vapi-webhook-secret-AbCdEf';
const OLD = `old-${randomBytes(16).toString('hex')}`;
const NEW = `new-${randomBytes(16).toString('hex')}`;
const T0 = Date.parse('2026-12-01T10:00:00Z');
const MAX_AGE_SECONDS = 120;

/** Secrets Manager with one secret whose stages an operator moves (put-secret-value, update-secret-version-stage). */
function secretsManagerStages(sm: ReturnType<typeof mockClient>) {
  const stages: { current: string; previous?: string } = { current: OLD };
  sm.on(GetSecretValueCommand, { SecretId: SECRET_ARN }).callsFake((input: { VersionStage?: string }) => {
    if (input.VersionStage !== 'AWSPREVIOUS') return { SecretString: stages.current };
    if (stages.previous === undefined) {
      throw new ResourceNotFoundException({ message: "can't find staging label: AWSPREVIOUS", $metadata: {} });
    }
    return { SecretString: stages.previous };
  });
  return stages;
}

/** A VAPI request that needs no table (speech-update), call `n`, authenticated with `secret` the way `how` says. */
function request(n: number, secret: string, how: 'signature' | 'static') {
  const fixture = httpEvent('vapi-webhook-speech-update');
  const body = fixture.body!.replace('call-rotation-1', `call-rotation-${n}`);
  if (how === 'static') return httpEvent('vapi-webhook-speech-update', { body, headers: { 'x-vapi-secret': secret } });
  const stamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', secret).update(`${stamp}.${body}`).digest('hex');
  return httpEvent('vapi-webhook-speech-update', {
    body,
    headers: { 'x-timestamp': stamp, 'x-signature': signature },
  });
}

describe('Handler: vapiWebhook while its secret rotates', () => {
  const sm = mockClient(SecretsManagerClient);
  const dynamo = mockClient(DynamoDBDocumentClient);

  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
    sm.reset();
    dynamo.reset();
  });
  afterAll(() => {
    sm.restore();
    dynamo.restore();
  });

  const start = async (mode: 'any' | 'hmac'): Promise<Invoke> => {
    const { vapiWebhook } = await coldStart(['vapiWebhook'], {
      ...(await webhookBaseEnv()),
      VAPI_SECRET_ARN: SECRET_ARN,
      SECRETS_MAX_AGE_SECONDS: String(MAX_AGE_SECONDS),
      VAPI_AUTH_MODE: mode,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
    return vapiWebhook;
  };

  it.each([
    ['HMAC signatures (VAPI_AUTH_MODE=hmac)', 'hmac', 'signature'],
    ['the static secret header', 'any', 'static'],
  ] as const)('answers 0 401s to correctly authenticated calls across a rotation: %s', async (_case, mode, how) => {
    // Prepare: the README's steps: put-secret-value at +100 s, VAPI moved to the new secret once maxAge has passed.
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    const stages = secretsManagerStages(sm);
    dynamo.on(PutCommand).resolves({});
    const webhook = await start(mode);
    const ROTATED_AT = 100;
    const VAPI_MOVES_AT = ROTATED_AT + MAX_AGE_SECONDS + 10;
    const statuses: number[] = [];
    let n = 0;

    // Act: three parallel calls every 10 s for 6.5 minutes.
    for (let t = 0; t < 390; t += 10) {
      vi.setSystemTime(T0 + t * 1000);
      if (t === ROTATED_AT) Object.assign(stages, { current: NEW, previous: OLD });
      const secret = t < VAPI_MOVES_AT ? OLD : NEW;
      const answers = await Promise.all([1, 2, 3].map(() => webhook(request(++n, secret, how))));
      statuses.push(...answers.map((a) => a.statusCode!));
    }
    // The operator then retires the old version (update-secret-version-stage --remove-from-version-id).
    stages.previous = undefined;
    vi.setSystemTime(T0 + (390 + MAX_AGE_SECONDS + 1) * 1000);
    const oldAfterRetiring = await webhook(request(++n, OLD, how));
    const newAfterRetiring = await webhook(request(++n, NEW, how));

    // Assess
    expect(statuses).toHaveLength(117);
    expect(statuses.filter((s) => s === 401)).toHaveLength(0);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect([oldAfterRetiring.statusCode, newAfterRetiring.statusCode]).toEqual([401, 200]);
    // Read again about every maxAge, not per request: 119 requests, a handful of Secrets Manager calls.
    expect(sm.commandCalls(GetSecretValueCommand).length).toBeLessThanOrEqual(12);
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(how === 'signature' ? 118 : 0);
  });
});
