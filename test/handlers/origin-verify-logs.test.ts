/** The origin-verify authorizer: no header costs no secret read; an unreadable secret is logged. */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ORIGIN_VERIFY_HEADER } from '../../functions/contract/origin-verify';
import { captureOutput } from '../integration/log-capture';
import event from '../events/origin-verify-authorizer.json';

const ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:VoiceCalendarBooking/origin-verify-AbCdEf';
const sm = mockClient(SecretsManagerClient);
afterAll(() => sm.restore());

describe('Function: originVerify handler (reads and logs)', () => {
  /** A fresh module (its cache of secret values is per container). */
  const load = async () => (await import('../../functions/handlers/originVerify')).handler;

  beforeEach(() => {
    vi.resetModules();
    vi.stubEnv('ORIGIN_VERIFY_SECRET_ARN', ARN);
  });
  afterEach(() => {
    sm.reset();
    vi.unstubAllEnvs();
  });

  it('refuses a request without the header before reading the secret, and logs nothing', async () => {
    // Prepare
    sm.on(GetSecretValueCommand).resolves({ SecretString: 'current-origin-value' });
    const handler = await load();
    const logs = captureOutput();

    // Act
    const answer = await handler({
      ...event,
      headers: { ...event.headers, [ORIGIN_VERIFY_HEADER]: undefined },
    }).finally(logs.stop);

    // Assess
    expect(answer).toEqual({ isAuthorized: false });
    expect(sm.commandCalls(GetSecretValueCommand)).toEqual([]);
    expect(logs.entries()).toEqual([]);
  });

  it('logs an error naming the unreadable secret and why when it refuses for that', async () => {
    // Prepare
    sm.on(GetSecretValueCommand).rejects(new Error('AccessDenied'));
    const handler = await load();
    const logs = captureOutput();

    // Act
    const answer = await handler(event).finally(logs.stop);

    // Assess
    expect(answer).toEqual({ isAuthorized: false });
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({
        level: 'ERROR',
        message: 'Origin-verify secret unreadable; refusing the request',
        reason: 'AccessDenied',
      }),
    );
  });
});
