import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type ConnectModule = typeof import('../../functions/runtime/compose-connect');

const ENV = {
  CONNECTIONS_TABLE: 'connections',
  SETTINGS_TABLE: 'settings',
  OAUTH_STATE_TABLE: 'oauth-state',
  AWS_REGION: 'us-west-2',
  PUBLIC_BASE_URL: 'https://api.example.com',
  INVITE_SIGNING_KEY: 'invite-signing-key-value',
};
const CONTEXT = { managerId: 'mgr-1', purpose: 'refresh-token' };

describe('Function: connectStartDeps (the authStart composition root)', () => {
  let compose: ConnectModule;
  beforeEach(async () => {
    // Built once per container: a fresh module per test.
    vi.resetModules();
    for (const [name, value] of Object.entries(ENV)) vi.stubEnv(name, value);
    compose = await import('../../functions/runtime/compose-connect');
  });
  afterEach(() => vi.unstubAllEnvs());

  it('seals and opens with the token key once it is first used', async () => {
    // Prepare
    vi.stubEnv('LOCAL_TOKEN_KEY', Buffer.alloc(32, 5).toString('base64'));
    const { cipher } = await compose.connectStartDeps();

    // Act
    const opened = await cipher.open(await cipher.seal('refresh-token', CONTEXT), CONTEXT);

    // Assess
    expect(opened).toBe('refresh-token');
  });

  it('starts without a token key, and names it only when sealing is asked for', async () => {
    // Prepare
    const deps = await compose.connectStartDeps();

    // Act
    const sealing = async () => deps.cipher.seal('refresh-token', CONTEXT);

    // Assess
    await expect(sealing).rejects.toThrow('TOKEN_KMS_KEY_ID (or LOCAL_TOKEN_KEY) environment variable is not set');
    expect(deps.inviteSigningKey).toBe('invite-signing-key-value');
  });

  it.each([
    ['https://api.example.com', true],
    ['http://localhost:3000', false],
  ])('at %s sets secure (__Host-) cookies: %s', async (url, secure) => {
    // Prepare
    vi.stubEnv('PUBLIC_BASE_URL', url);

    // Act
    const deps = await compose.connectStartDeps();

    // Assess
    expect(deps.secureCookies).toBe(secure);
    expect(deps.redirectUri.startsWith(`${url}/`)).toBe(true);
  });

  it('names a missing invite key first, before any provider is looked at', async () => {
    // Prepare: a half-configured provider too (its secret without its client id).
    vi.stubEnv('INVITE_SIGNING_KEY', undefined);
    vi.stubEnv('GOOGLE_CLIENT_SECRET', 'google-client-secret');

    // Act
    const built = compose.connectStartDeps();

    // Assess
    await expect(built).rejects.toThrow(
      'INVITE_SIGNING_KEY (or INVITE_SIGNING_KEY_ARN) environment variable is not set',
    );
  });
});
