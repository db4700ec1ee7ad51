import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createCipher } from '../../functions/adapters/crypto/create-cipher';
import { serializeCredentials } from '../../functions/adapters/google/credentials';
import { CREDENTIALS_PURPOSE } from '../../functions/contract/credentials';
import { readBookingDefaults } from '../../functions/runtime/config';
import { recordingSecrets } from '../support/secret-reads';

type KeeperModule = typeof import('../../functions/runtime/compose-keeper');

/** What a deployed keeper is given (no calendar provider configured: none is needed to build the runtime). */
const ENV = {
  CONNECTIONS_TABLE: 'connections',
  SETTINGS_TABLE: 'settings',
  BOOKINGS_TABLE: 'bookings',
  LOCAL_TOKEN_KEY: Buffer.alloc(32, 1).toString('base64'),
  AWS_REGION: 'us-west-2',
  KEEPER_IDLE_DAYS: '10',
  KEEPER_BATCH_SIZE: '50',
  KEEPER_BUDGET_SECONDS: '300',
  MAILBOX_REFRESH_HOURS: '6',
  DEFAULT_TIME_ZONE: 'Europe/London',
};
const DEADLINE = { at: Date.now() + 60_000 };
const NO_SECRET = 'GOOGLE_CLIENT_SECRET (or GOOGLE_CLIENT_SECRET_ARN) environment variable is not set';

/** A stored Google connection, its credentials sealed with the keeper's key (a refresh token, no access token). */
async function googleConnection() {
  const cipher = createCipher({ kind: 'local', key: ENV.LOCAL_TOKEN_KEY }, 'local');
  const plain = serializeCredentials({ refreshToken: 'rt-1', accessToken: '', accessTokenExpiresAt: 0, scope: '' });
  const credentials = await cipher.seal(plain, { managerId: 'mgr-1', purpose: CREDENTIALS_PURPOSE });
  return { provider: 'google', accountId: 'sub-1', account: 'mine@example.com', credentials, version: 1 } as never;
}

describe('Function: keeperRuntime (the keeper composition root)', () => {
  let compose: KeeperModule;
  /** The names of the secrets read so far (through the runtime's own secret source). */
  let reads: string[];
  beforeEach(async () => {
    // Built once per container: a fresh module per test.
    vi.resetModules();
    for (const [name, value] of Object.entries(ENV)) vi.stubEnv(name, value);
    reads = [];
    vi.doMock('../../functions/runtime/secrets', recordingSecrets(reads));
    compose = await import('../../functions/runtime/compose-keeper');
  });
  afterEach(() => {
    vi.doUnmock('../../functions/runtime/secrets');
    vi.unstubAllEnvs();
  });

  it('carries the run settings and turns idle days and refresh hours into milliseconds', async () => {
    // Act
    const { deps, config } = await compose.keeperRuntime();

    // Assess
    expect(config).toEqual({ idleDays: 10, batchSize: 50, budgetSeconds: 300 });
    expect(deps.idleMs).toBe(10 * 86_400_000);
    expect(deps.scheduleRefreshMs).toBe(6 * 3_600_000);
    expect(deps.defaults).toEqual(readBookingDefaults({ DEFAULT_TIME_ZONE: 'Europe/London' }));
  });

  it("builds a configured provider's calendars, its client secret read at the cold start", async () => {
    // Prepare
    vi.stubEnv('GOOGLE_CLIENT_ID', 'google-client-id');
    vi.stubEnv('GOOGLE_CLIENT_SECRET', 'google-client-secret');
    vi.stubEnv('GOOGLE_CLIENT_SECRET_ARN', undefined);

    // Act
    const { deps } = await compose.keeperRuntime();
    const readAtStart = [...reads];
    const account = deps.calendars.open('mgr-1', await googleConnection()).getAccount(DEADLINE);

    // Assess: Google's own calendars (an unconfigured provider's reject every call with ProviderUnavailableError).
    expect(readAtStart).toEqual(['googleClientSecret']);
    await expect(account).resolves.toEqual({ accountId: 'sub-1', email: 'mine@example.com' });
  });

  it('starts on the client id alone, reading no secret, and refuses a refresh naming the secret', async () => {
    // Prepare
    vi.stubEnv('GOOGLE_CLIENT_ID', 'google-client-id');
    vi.stubEnv('GOOGLE_CLIENT_SECRET', undefined);
    vi.stubEnv('GOOGLE_CLIENT_SECRET_ARN', undefined);
    const { deps } = await compose.keeperRuntime();
    const readAtStart = [...reads];

    // Act
    const refusal = deps.calendars.open('mgr-1', await googleConnection()).keepAlive(DEADLINE);

    // Assess
    expect(readAtStart).toEqual([]);
    await expect(refusal).rejects.toMatchObject({
      name: 'ProviderUnavailableError',
      message: 'The Google client secret could not be read',
      cause: expect.objectContaining({ message: NO_SECRET }),
    });
  });

  it.each(['CONNECTIONS_TABLE', 'SETTINGS_TABLE', 'BOOKINGS_TABLE'])('refuses to start without %s', async (name) => {
    // Prepare
    vi.stubEnv(name, undefined);

    // Act
    const built = compose.keeperRuntime();

    // Assess
    await expect(built).rejects.toThrow(name);
  });

  it('names every bad setting at once, the log level too', async () => {
    // Prepare
    vi.stubEnv('KEEPER_IDLE_DAYS', '365');
    vi.stubEnv('DEFAULT_TIME_ZONE', 'Mars/Olympus');
    vi.stubEnv('MAILBOX_REFRESH_HOURS', 'often');
    vi.stubEnv('LOG_LEVEL', 'LOUD');

    // Act
    const error = await compose.keeperRuntime().catch((e: unknown) => e as Error);

    // Assess
    for (const name of ['KEEPER_IDLE_DAYS', 'DEFAULT_TIME_ZONE', 'MAILBOX_REFRESH_HOURS', 'LOG_LEVEL'])
      expect(String(error)).toContain(name);
  });
});
