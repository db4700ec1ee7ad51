import { ConfidentialClientApplication, CryptoProvider, type AccountInfo } from '@azure/msal-node';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  REDIRECT_URI,
  SCOPES,
  emulatorNetworkClient,
  graph,
  startEmulator,
  type Running,
} from './helpers';

const HOURS = 3600_000;

describe('real msal-node against the emulator', () => {
  let run: Running;
  let cca: ConfidentialClientApplication;

  beforeEach(async () => {
    run = await startEmulator();
    cca = new ConfidentialClientApplication({
      auth: { clientId: CLIENT_ID, authority: 'https://login.microsoftonline.com/common', clientSecret: CLIENT_SECRET },
      system: { networkClient: emulatorNetworkClient(`${run.baseUrl}/login`) },
    });
  });

  afterEach(async () => {
    vi.useRealTimers();
    await run.close();
  });

  async function connect(): Promise<{ account: AccountInfo; accessToken: string }> {
    const crypto = new CryptoProvider();
    const { verifier, challenge } = await crypto.generatePkceCodes();
    const state = crypto.createNewGuid();
    const nonce = crypto.createNewGuid();
    const url = await cca.getAuthCodeUrl({
      scopes: SCOPES,
      redirectUri: REDIRECT_URI,
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
      state,
      nonce,
      prompt: 'select_account',
    });
    const redirect = new URL(await run.emulator.consent(url));
    expect(redirect.searchParams.get('state')).toBe(state);
    const result = await cca.acquireTokenByCode({
      code: redirect.searchParams.get('code') ?? '',
      scopes: SCOPES,
      redirectUri: REDIRECT_URI,
      codeVerifier: verifier,
      nonce,
    });
    if (!result.account) throw new Error('no account');
    return { account: result.account, accessToken: result.accessToken };
  }

  it('redeems a consented code, with the nonce echoed and the account identified', async () => {
    // Prepare
    const crypto = new CryptoProvider();
    const nonce = crypto.createNewGuid();
    const { verifier, challenge } = await crypto.generatePkceCodes();
    const url = await cca.getAuthCodeUrl({
      scopes: SCOPES,
      redirectUri: REDIRECT_URI,
      codeChallenge: challenge,
      codeChallengeMethod: 'S256',
      state: 's1',
      nonce,
    });

    // Act
    const code = new URL(await run.emulator.consent(url)).searchParams.get('code') ?? '';
    const result = await cca.acquireTokenByCode({
      code,
      scopes: SCOPES,
      redirectUri: REDIRECT_URI,
      codeVerifier: verifier,
      nonce,
    });

    // Assess
    expect(result.account?.username).toBe('demo.manager@contoso.example');
    expect(result.account?.name).toBe('Demo Manager');
    expect(result.idTokenClaims).toMatchObject({ nonce, aud: CLIENT_ID, ver: '2.0' });
    expect(result.account?.homeAccountId).toBe(`${result.account?.localAccountId}.${result.account?.tenantId}`);
    expect(run.emulator.requests.filter((r) => r.route === 'token')).toEqual([
      { method: 'POST', route: 'token', status: 200, grantType: 'authorization_code' },
    ]);
    const me = await graph(run, result.accessToken, '/me');
    expect(((await me.json()) as { mail: string }).mail).toBe('demo.manager@contoso.example');
  });

  it('serves acquireTokenSilent from cache while the token is fresh', async () => {
    // Prepare
    const { account, accessToken } = await connect();

    // Act
    const silent = await cca.acquireTokenSilent({ account, scopes: SCOPES });

    // Assess
    expect(silent.fromCache).toBe(true);
    expect(silent.accessToken).toBe(accessToken);
    expect(run.emulator.requests.filter((r) => r.route === 'token')).toHaveLength(1);
  });

  it('refreshes through the refresh_token grant once the access token has expired', async () => {
    // Prepare
    const { account, accessToken } = await connect();
    run.emulator.advanceClock(2 * HOURS);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 2 * HOURS }); // msal judges expiry by Date

    // Act
    const oldTokenStatus = (await graph(run, accessToken, '/me')).status;
    const silent = await cca.acquireTokenSilent({ account, scopes: SCOPES });

    // Assess
    expect(oldTokenStatus).toBe(401);
    expect(silent.fromCache).toBe(false);
    expect(silent.accessToken).not.toBe(accessToken);
    expect(run.emulator.requests.at(-1)).toEqual({
      method: 'POST',
      route: 'token',
      status: 200,
      grantType: 'refresh_token',
    });
    expect((await graph(run, silent.accessToken, '/me')).status).toBe(200);
  });

  it('rejects a forced refresh with invalid_grant after the grant is revoked', async () => {
    // Prepare
    const { account } = await connect();
    run.emulator.revokeGrants();

    // Act
    const attempt = cca.acquireTokenSilent({ account, scopes: SCOPES, forceRefresh: true });

    // Assess
    await expect(attempt).rejects.toMatchObject({ errorCode: 'invalid_grant', subError: 'bad_token' });
  });
});
