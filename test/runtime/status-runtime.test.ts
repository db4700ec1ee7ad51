import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { recordingSecrets } from '../support/secret-reads';

type StatusModule = typeof import('../../functions/runtime/compose-status');

const ENV = {
  CONNECTIONS_TABLE: 'connections',
  SETTINGS_TABLE: 'settings',
  BOOKINGS_TABLE: 'bookings',
  AWS_REGION: 'us-west-2',
  ADMIN_TOKEN: 'admin-token-value',
};
const CONTEXT = { managerId: 'mgr-1', purpose: 'refresh-token' };

describe('Function: statusDeps (the status composition root)', () => {
  let compose: StatusModule;
  /** The names of the secrets read so far (through the runtime's own secret source). */
  let reads: string[];
  beforeEach(async () => {
    // Built once per container: a fresh module per test.
    vi.resetModules();
    for (const [name, value] of Object.entries(ENV)) vi.stubEnv(name, value);
    reads = [];
    vi.doMock('../../functions/runtime/secrets', recordingSecrets(reads));
    compose = await import('../../functions/runtime/compose-status');
  });
  afterEach(() => {
    vi.doUnmock('../../functions/runtime/secrets');
    vi.unstubAllEnvs();
  });

  it('opens sealed credentials when a token key is configured (a provider that revokes is offered)', async () => {
    // Prepare
    vi.stubEnv('LOCAL_TOKEN_KEY', Buffer.alloc(32, 3).toString('base64'));
    const { cipher, adminToken } = await compose.statusDeps();

    // Act
    const opened = await cipher.open(await cipher.seal('refresh-token', CONTEXT), CONTEXT);

    // Assess
    expect(opened).toBe('refresh-token');
    expect(await adminToken()).toBe('admin-token-value');
  });

  it('starts without a token key (blank is none), then refuses to seal or open, naming the variable', async () => {
    // Prepare
    vi.stubEnv('TOKEN_KMS_KEY_ID', ' ');
    vi.stubEnv('LOCAL_TOKEN_KEY', ' ');
    const { cipher } = await compose.statusDeps();

    // Act
    const opening = cipher.open('sealed', CONTEXT);
    const sealing = cipher.seal('plain', CONTEXT);

    // Assess
    const message = 'No token key is configured for the status function (TOKEN_KMS_KEY_ID)';
    await expect(opening).rejects.toThrow(message);
    await expect(sealing).rejects.toThrow(message);
  });

  it('offers a configured provider (for its revoke), its client secret read at the cold start', async () => {
    // Prepare
    vi.stubEnv('GOOGLE_CLIENT_ID', 'google-client-id');
    vi.stubEnv('GOOGLE_CLIENT_SECRET', 'google-client-secret');
    vi.stubEnv('GOOGLE_CLIENT_SECRET_ARN', undefined);

    // Act
    const { providers } = await compose.statusDeps();

    // Assess
    expect(providers.get('google')).toMatchObject({ label: 'Google Calendar', revoke: expect.any(Function) });
    expect(reads).toEqual(['googleClientSecret']);
  });

  it('refuses to start without the admin token', async () => {
    // Prepare
    vi.stubEnv('ADMIN_TOKEN', undefined);

    // Act
    const built = compose.statusDeps();

    // Assess
    await expect(built).rejects.toThrow('ADMIN_TOKEN (or ADMIN_TOKEN_ARN) environment variable is not set');
  });
});
