import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { readBookingDefaults } from '../../functions/runtime/config';

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

describe('Function: keeperRuntime (the keeper composition root)', () => {
  let compose: KeeperModule;
  beforeEach(async () => {
    // Built once per container: a fresh module per test.
    vi.resetModules();
    for (const [name, value] of Object.entries(ENV)) vi.stubEnv(name, value);
    compose = await import('../../functions/runtime/compose-keeper');
  });
  afterEach(() => vi.unstubAllEnvs());

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

    // Act
    const { deps } = await compose.keeperRuntime();

    // Assess
    expect(deps.calendars.open('mgr-1', { provider: 'google' } as never)).toBeDefined();
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
