import { randomBytes } from 'node:crypto';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createInviteToken } from '../../functions/domain/connect/invite';
import { useDynamoTables, type DynamoTables } from '../support/dynamo';
import { connectEnv, invitePage } from './connect-support';
import { coldStart } from './invoke';

const KEY_ARN = 'arn:aws:secretsmanager:us-west-2:123456789012:secret:VoiceCalendarBooking/invite-signing-key-AbCdEf';
const OLD_KEY = randomBytes(32).toString('base64url');
const NEW_KEY = randomBytes(32).toString('base64url');
const T0 = Date.parse('2026-12-01T10:00:00Z');

describe('Handler: authStart while the invite signing key rotates', () => {
  const sm = mockClient(SecretsManagerClient);
  let dynamo: DynamoTables;

  beforeAll(async () => {
    dynamo = await useDynamoTables();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
    sm.reset();
  });
  afterAll(() => sm.restore());

  it('verifies invites with the key as it is after SECRETS_MAX_AGE_SECONDS, without a new container', async () => {
    // Prepare
    vi.useFakeTimers({ toFake: ['Date'], now: T0 });
    let stored = OLD_KEY;
    sm.on(GetSecretValueCommand, { SecretId: KEY_ARN }).callsFake(() => ({ SecretString: stored }));
    const { INVITE_SIGNING_KEY: _inline, ...env } = connectEnv(dynamo);
    const { authStart } = await coldStart(['authStart'], {
      ...env,
      INVITE_SIGNING_KEY_ARN: KEY_ARN,
      SECRETS_MAX_AGE_SECONDS: '120',
    });
    const page = async (key: string) =>
      (await authStart(invitePage(createInviteToken('pat', key, Date.now(), 24, {})))).statusCode;

    // Act
    const before = [await page(OLD_KEY), await page(NEW_KEY)];
    stored = NEW_KEY;
    vi.setSystemTime(T0 + 60_000);
    const withinMaxAge = [await page(OLD_KEY), await page(NEW_KEY)];
    vi.setSystemTime(T0 + 121_000);
    const afterMaxAge = [await page(OLD_KEY), await page(NEW_KEY)];

    // Assess
    expect(before).toEqual([200, 401]);
    expect(withinMaxAge).toEqual([200, 401]);
    expect(afterMaxAge).toEqual([401, 200]);
  });
});
