import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type WebhookModule = typeof import('../../functions/runtime/compose-webhook');

const ENV = {
  CONNECTIONS_TABLE: 'connections',
  SETTINGS_TABLE: 'settings',
  BOOKINGS_TABLE: 'bookings',
  OAUTH_STATE_TABLE: 'oauth-state',
  AWS_REGION: 'us-west-2',
  LOCAL_TOKEN_KEY: Buffer.alloc(32, 9).toString('base64'),
  VAPI_SECRET: 'vapi-secret-value',
  MAILBOX_REFRESH_HOURS: '6',
};

describe('Function: webhookDeps (the webhook composition root)', () => {
  let compose: WebhookModule;
  beforeEach(async () => {
    // Built once per container: a fresh module per test.
    vi.resetModules();
    for (const [name, value] of Object.entries(ENV)) vi.stubEnv(name, value);
    compose = await import('../../functions/runtime/compose-webhook');
  });
  afterEach(() => vi.unstubAllEnvs());

  it('refreshes a mailbox schedule after MAILBOX_REFRESH_HOURS and caches busy time by default', async () => {
    // Act
    const deps = await compose.webhookDeps();

    // Assess
    expect(deps.scheduleRefreshMs).toBe(6 * 3_600_000);
    expect(deps.busyCache).toBeDefined();
    expect(await deps.vapiSecrets()).toEqual(['vapi-secret-value']);
  });

  it('keeps no busy-time cache with BUSY_PREFETCH=off (every read is live)', async () => {
    // Prepare
    vi.stubEnv('BUSY_PREFETCH', 'off');

    // Act
    const deps = await compose.webhookDeps();

    // Assess
    expect(deps.busyCache).toBeUndefined();
  });

  it('refuses to start without the webhook secret', async () => {
    // Prepare
    vi.stubEnv('VAPI_SECRET', undefined);

    // Act
    const built = compose.webhookDeps();

    // Assess
    await expect(built).rejects.toThrow('VAPI_SECRET (or VAPI_SECRET_ARN) environment variable is not set');
  });
});
