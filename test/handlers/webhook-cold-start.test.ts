/** The webhook's cold start: its Secrets Manager reads go out together, not one after another. */
import { randomBytes } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { coldStart, httpEvent, webhookBaseEnv } from './invoke';

const ARN = 'arn:aws:secretsmanager:us-west-2:123456789012:secret:VoiceCalendarBooking';
const VAPI_SECRET_ARN = `${ARN}/vapi-webhook-secret-AbCdEf`;
const CLIENT_SECRET_ARN = `${ARN}/microsoft-client-secret-GhIjKl`;
const VAPI_SECRET = randomBytes(24).toString('base64url');
/** How long Secrets Manager takes to answer each read here. */
const READ_MS = 40;

describe('Handler: vapiWebhook cold start', () => {
  const sm = mockClient(SecretsManagerClient);

  afterEach(() => {
    vi.unstubAllEnvs();
    sm.reset();
  });
  afterAll(() => sm.restore());

  it('reads the Microsoft client secret and both stages of the webhook secret at once (one round trip)', async () => {
    // Prepare: every read answers after READ_MS; the test tracks how many are in flight together.
    const reads: string[] = [];
    let inFlight = 0;
    let mostInFlight = 0;
    sm.on(GetSecretValueCommand).callsFake(async (input: { SecretId: string; VersionStage?: string }) => {
      reads.push(`${input.SecretId === VAPI_SECRET_ARN ? 'vapi' : 'microsoft'} ${input.VersionStage}`);
      mostInFlight = Math.max(mostInFlight, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, READ_MS));
      inFlight--;
      if (input.VersionStage === 'AWSPREVIOUS') return { SecretString: `previous-${input.SecretId}` };
      return { SecretString: input.SecretId === VAPI_SECRET_ARN ? VAPI_SECRET : 'client-secret' };
    });
    const { vapiWebhook } = await coldStart(['vapiWebhook'], {
      ...(await webhookBaseEnv()),
      MICROSOFT_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
      MICROSOFT_CLIENT_SECRET_ARN: CLIENT_SECRET_ARN,
      VAPI_SECRET_ARN,
      POWERTOOLS_LOG_LEVEL: 'SILENT',
    });
    const event = httpEvent('vapi-webhook-speech-update', { headers: { 'x-vapi-secret': VAPI_SECRET } });

    // Act
    const first = await vapiWebhook(event);
    const warm = await vapiWebhook(event);

    // Assess: three reads, all in flight together, so the cold start waits for one read's time, not three; the warm
    // request reads none.
    expect([first.statusCode, warm.statusCode]).toEqual([200, 200]);
    expect(reads.sort()).toEqual(['microsoft AWSCURRENT', 'vapi AWSCURRENT', 'vapi AWSPREVIOUS']);
    expect(mostInFlight).toBe(3);
  });
});
