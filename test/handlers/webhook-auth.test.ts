import { createHmac, randomBytes } from 'node:crypto';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import { captureOutput } from '../integration/log-capture';
import { coldStart, httpEvent, webhookBaseEnv } from './invoke';

const VAPI_SECRET = randomBytes(24).toString('base64url');
const BODY = httpEvent('vapi-webhook-speech-update').body!;

const env = async (extra: Record<string, string> = {}) => ({
  ...(await webhookBaseEnv()),
  VAPI_SECRET,
  ...extra,
});

/** The speech-update fixture, signed now with the webhook secret. */
function signed() {
  const stamp = String(Math.floor(Date.now() / 1000));
  const signature = createHmac('sha256', VAPI_SECRET).update(`${stamp}.${BODY}`).digest('hex');
  return {
    event: httpEvent('vapi-webhook-speech-update', { headers: { 'x-timestamp': stamp, 'x-signature': signature } }),
    signature,
  };
}

/** DynamoDB's answer to the replay record's conditional put when a record of another request is there. */
const alreadySeen = () =>
  Object.assign(new Error('The conditional request failed'), {
    name: 'ConditionalCheckFailedException',
    Item: { writer: { S: 'an-earlier-request' } },
  });

describe('Handler: vapiWebhook authentication (HMAC-only switch, replay record)', () => {
  const dynamo = mockClient(DynamoDBDocumentClient);

  afterEach(() => {
    vi.unstubAllEnvs();
    dynamo.reset();
  });
  afterAll(() => dynamo.restore());

  it('with VAPI_AUTH_MODE=hmac refuses the right static secret: 401 and a WARN line naming why', async () => {
    // Prepare
    const { vapiWebhook } = await coldStart(['vapiWebhook'], await env({ VAPI_AUTH_MODE: 'hmac' }));
    const event = httpEvent('vapi-webhook-speech-update', { headers: { 'x-vapi-secret': VAPI_SECRET } });
    const logs = captureOutput();

    // Act
    const res = await vapiWebhook(event).finally(logs.stop);

    // Assess
    expect(res.statusCode).toBe(401);
    expect(JSON.parse(res.body!)).toEqual({ error: 'Unauthorized' });
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({
        level: 'WARN',
        message: 'webhook request rejected',
        reason: 'static secret refused (VAPI_AUTH_MODE=hmac)',
      }),
    );
    expect(logs.text()).not.toContain(VAPI_SECRET);
  });

  it('admits a signed request once: the same request again is a 401 "replayed signature", the value never logged', async () => {
    // Prepare
    dynamo.on(PutCommand).resolvesOnce({}).rejects(alreadySeen());
    const { vapiWebhook } = await coldStart(['vapiWebhook'], await env({ VAPI_AUTH_MODE: 'hmac' }));
    const { event, signature } = signed();
    const logs = captureOutput();

    // Act
    const first = await vapiWebhook(event);
    const replay = await vapiWebhook(structuredClone(event)).finally(logs.stop);

    // Assess
    expect([first.statusCode, replay.statusCode]).toEqual([200, 401]);
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({ level: 'WARN', status: 401, reason: 'replayed signature' }),
    );
    const put = dynamo.commandCalls(PutCommand)[0]!.args[0].input;
    expect(put).toMatchObject({
      TableName: 'oauth-state',
      Item: { stateHash: expect.stringMatching(/^replay#[0-9a-f]{64}$/) },
    });
    for (const value of [signature, VAPI_SECRET]) {
      expect(logs.text()).not.toContain(value);
      expect(JSON.stringify(put)).not.toContain(value);
    }
  });

  it('writes no replay record for the static secret (there is nothing to tell its requests apart by)', async () => {
    // Prepare
    const { vapiWebhook } = await coldStart(['vapiWebhook'], await env());
    const event = httpEvent('vapi-webhook-speech-update', { headers: { 'x-vapi-secret': VAPI_SECRET } });

    // Act
    const res = await vapiWebhook(event);

    // Assess
    expect(res.statusCode).toBe(200);
    expect(dynamo.commandCalls(PutCommand)).toHaveLength(0);
  });

  it('answers 500 (ours to fix), not 200 nor 401, when the replay record cannot be written', async () => {
    // Prepare
    dynamo.on(PutCommand).rejects(Object.assign(new Error('Throughput exceeded'), { name: 'ThrottlingException' }));
    const { vapiWebhook } = await coldStart(['vapiWebhook'], await env());
    const logs = captureOutput();

    // Act
    const res = await vapiWebhook(signed().event).finally(logs.stop);

    // Assess
    expect(res.statusCode).toBe(500);
    expect(logs.entries()).toContainEqual(expect.objectContaining({ status: 500, error: 'ThrottlingException' }));
  });
});
