import { beforeEach, describe, expect, it, vi } from 'vitest';
import { GoogleAuthorizationClient } from '../../../functions/adapters/google/authorization-client';
import { parseCredentials } from '../../../functions/adapters/google/credentials';
import type { RoundTrip } from '../../../functions/adapters/shared/http-retry';
import { JwksCache } from '../../../functions/adapters/google/jwks';
import { fixture, googleClaims, googleFetch, idTokenSigner, json, manualClock } from './helpers';

const CLIENT = 'client-1.apps.googleusercontent.com';
const REQUIRED = ['calendar.events', 'calendar.readonly'].map((s) => `https://www.googleapis.com/auth/${s}`);
const signer = idTokenSigner('kid-1');
const REDEEM = {
  code: '4/0Ab-code',
  codeVerifier: 'v'.repeat(43),
  nonce: 'nonce-1',
  redirectUri: 'https://api.example/cb',
};

let cache: JwksCache;
beforeEach(() => {
  cache = new JwksCache();
});

/** A client against routed Google endpoints; the token endpoint answers `token` with a signed id_token. */
function setup(
  options: {
    claims?: Record<string, unknown>;
    token?: Record<string, unknown>;
    idToken?: string;
    clientSecret?: string | (() => Promise<string>);
  } = {},
) {
  const time = manualClock(Date.UTC(2026, 2, 15, 12));
  const idToken = options.idToken ?? signer.sign(googleClaims(time.state.now, options.claims));
  const http = googleFetch({
    'POST /token': () => json(200, { ...fixture('token-code'), id_token: idToken, ...options.token }),
    'GET /oauth2/v3/certs': signer.jwks(),
  });
  const events: RoundTrip[] = [];
  const client = new GoogleAuthorizationClient({
    clientId: CLIENT,
    clientSecret: options.clientSecret ?? 'app-secret',
    accountsBaseUrl: 'https://accounts.google.com',
    oauth2BaseUrl: 'https://oauth2.googleapis.com',
    apiBaseUrl: 'https://www.googleapis.com',
    fetch: http.fetch,
    clock: time.clock,
    sleep: time.sleep,
    random: () => 1,
    jwksCache: cache,
    onRequest: (event) => events.push(event),
  });
  const deadline = () => ({ at: time.state.now + 10_000 });
  return { client, http, time, events, deadline };
}

describe('Class: GoogleAuthorizationClient (client secret)', () => {
  it('reads the secret only for the code exchange, not to build the sign-in URL', async () => {
    // Prepare
    const secret = vi.fn(async () => 'lazy-secret');
    const { client, http, deadline } = setup({ clientSecret: secret });
    // Act
    await client.buildAuthorizeUrl({ state: 's', codeChallenge: 'c', nonce: 'nonce-1', redirectUri: 'https://a/cb' });
    const before = secret.mock.calls.length;
    await client.redeemCode(REDEEM, deadline());
    // Assess
    expect(before).toBe(0);
    expect(secret).toHaveBeenCalledTimes(1);
    expect(http.requests.find((r) => r.key === 'POST /token')!.form.client_secret).toBe('lazy-secret');
  });
});

describe('Class: GoogleAuthorizationClient', () => {
  describe('Method: buildAuthorizeUrl', () => {
    it('asks for offline access with consent, PKCE S256, the nonce and both calendar scopes', async () => {
      // Prepare
      const { client } = setup();
      // Act
      const url = new URL(
        await client.buildAuthorizeUrl({
          state: 'state-1',
          codeChallenge: 'challenge-1',
          nonce: 'nonce-1',
          redirectUri: 'https://api.example/cb',
          loginHint: ' pat@example.com ',
        }),
      );
      // Assess
      expect(url.origin + url.pathname).toBe('https://accounts.google.com/o/oauth2/v2/auth');
      expect(Object.fromEntries(url.searchParams)).toEqual({
        client_id: CLIENT,
        redirect_uri: 'https://api.example/cb',
        response_type: 'code',
        scope: ['openid', 'email', ...REQUIRED].join(' '),
        access_type: 'offline',
        prompt: 'consent',
        include_granted_scopes: 'true',
        state: 'state-1',
        code_challenge: 'challenge-1',
        code_challenge_method: 'S256',
        nonce: 'nonce-1',
        login_hint: 'pat@example.com',
      });
      expect(url.search).toContain('scope=openid%20email%20');
    });

    it('leaves login_hint out without a hint, and uses the sandbox root when configured', async () => {
      // Prepare
      const sandbox = new GoogleAuthorizationClient({
        clientId: CLIENT,
        clientSecret: 's',
        accountsBaseUrl: 'http://localhost:3000/_sandbox/google',
        oauth2BaseUrl: 'http://localhost:3000/_sandbox/google',
        apiBaseUrl: 'http://localhost:3000/_sandbox/google',
      });
      // Act
      const url = new URL(
        await sandbox.buildAuthorizeUrl({ state: 's', codeChallenge: 'c', nonce: 'n', redirectUri: 'http://x/cb' }),
      );
      // Assess
      expect(url.href.startsWith('http://localhost:3000/_sandbox/google/o/oauth2/v2/auth?')).toBe(true);
      expect([...url.searchParams.keys()]).toEqual([
        'client_id',
        'redirect_uri',
        'response_type',
        'scope',
        'access_type',
        'prompt',
        'include_granted_scopes',
        'state',
        'code_challenge',
        'code_challenge_method',
        'nonce',
      ]);
    });

    it('drops trailing slashes of the sign-in and key roots', async () => {
      // Prepare
      const root = 'http://localhost:3000/_sandbox/google';
      const http = googleFetch({ 'GET /_sandbox/google/oauth2/v3/certs': signer.jwks() });
      const time = manualClock(Date.UTC(2026, 2, 15, 12));
      http.on('POST /_sandbox/google/token', () =>
        json(200, { ...fixture('token-code'), id_token: signer.sign(googleClaims(time.state.now)) }),
      );
      const sandbox = new GoogleAuthorizationClient({
        clientId: CLIENT,
        clientSecret: 's',
        accountsBaseUrl: `${root}//`,
        oauth2BaseUrl: root,
        apiBaseUrl: `${root}//`,
        fetch: http.fetch,
        clock: time.clock,
        jwksCache: cache,
      });
      // Act
      const url = await sandbox.buildAuthorizeUrl({ state: 's', codeChallenge: 'c', nonce: 'n', redirectUri: 'x' });
      await sandbox.redeemCode(REDEEM, { at: time.state.now + 10_000 });
      // Assess
      expect(url.startsWith(`${root}/o/oauth2/v2/auth?`)).toBe(true);
      expect(http.requests.map((r) => r.url.href)).toEqual([`${root}/token`, `${root}/oauth2/v3/certs`]);
    });
  });

  describe('Method: redeemCode', () => {
    it('posts the code form, verifies the id_token and returns the account, scopes and credentials', async () => {
      // Prepare
      const { client, http, time, events, deadline } = setup();
      // Act
      const grant = await client.redeemCode(REDEEM, deadline());
      // Assess
      expect(http.to('POST /token')[0]!.form).toEqual({
        code: '4/0Ab-code',
        client_id: CLIENT,
        client_secret: 'app-secret',
        redirect_uri: 'https://api.example/cb',
        grant_type: 'authorization_code',
        code_verifier: REDEEM.codeVerifier,
      });
      expect(grant.account).toEqual({ accountId: '110169484474386276334', email: 'pat@example.com' });
      expect(grant.grantedScopes).toEqual([
        'openid',
        'https://www.googleapis.com/auth/userinfo.email',
        'https://www.googleapis.com/auth/calendar.events',
        'https://www.googleapis.com/auth/calendar.readonly',
      ]);
      expect(parseCredentials(grant.credentials)).toEqual({
        refreshToken: '1//rt-secret-1',
        accessToken: 'ya29.at-secret-1',
        accessTokenExpiresAt: time.state.now + 3_599_000,
        scope: fixture<{ scope: string }>('token-code').scope,
      });
      expect(Object.keys(JSON.parse(grant.credentials))).toEqual([
        'refreshToken',
        'accessToken',
        'accessTokenExpiresAt',
        'scope',
      ]);
      expect(events.map((e) => `${e.method} ${e.path} ${e.status}`)).toEqual([
        'POST /token 200',
        'GET /oauth2/v3/certs 200',
      ]);
    });

    it('keeps the signing keys for the container: a second sign-in fetches no keys', async () => {
      // Prepare
      const { client, http, deadline } = setup();
      await client.redeemCode(REDEEM, deadline());
      // Act
      await client.redeemCode(REDEEM, deadline());
      // Assess
      expect(http.to('GET /oauth2/v3/certs')).toHaveLength(1);
      expect(http.to('POST /token')).toHaveLength(2);
    });

    it('reads the name when Google sends one, and accepts the issuer without https://', async () => {
      // Prepare
      const { client, deadline } = setup({ claims: { iss: 'accounts.google.com', name: 'Pat Manager' } });
      // Act
      const grant = await client.redeemCode(REDEEM, deadline());
      // Assess
      expect(grant.account.name).toBe('Pat Manager');
    });

    it.each([
      ['another audience', { aud: 'someone-else.apps.googleusercontent.com' }],
      ['another issuer', { iss: 'https://evil.example' }],
      ['an expired token', { exp: Math.floor(Date.UTC(2026, 2, 15, 11) / 1000) }],
      ['no email', { email: undefined }],
    ])('rejects an id_token with %s as InvalidIdToken', async (_what, claims) => {
      // Prepare
      const { client, deadline } = setup({ claims });
      // Act
      const redeeming = client.redeemCode(REDEEM, deadline());
      // Assess
      await expect(redeeming).rejects.toMatchObject({ name: 'ProviderError', code: 'InvalidIdToken' });
    });

    it("rejects another sign-in's nonce as a ValidationError (start again)", async () => {
      // Prepare
      const { client, deadline } = setup({ claims: { nonce: 'nonce-2' } });
      // Act
      const redeeming = client.redeemCode(REDEEM, deadline());
      // Assess
      await expect(redeeming).rejects.toMatchObject({ name: 'ValidationError', reason: 'invalid_grant' });
    });

    it.each([false, undefined])('rejects an account whose email Google has not verified (%s)', async (verified) => {
      // Prepare
      const { client, deadline } = setup({ claims: { email_verified: verified } });
      // Act
      const redeeming = client.redeemCode(REDEEM, deadline());
      // Assess
      await expect(redeeming).rejects.toMatchObject({ name: 'ValidationError', reason: 'email_unverified' });
    });

    it('rejects a token signed by another key under our kid (bad signature)', async () => {
      // Prepare
      const forger = idTokenSigner('kid-1');
      const idToken = forger.sign(googleClaims(Date.UTC(2026, 2, 15, 12)));
      const { client, deadline } = setup({ idToken });
      // Act
      const redeeming = client.redeemCode(REDEEM, deadline());
      // Assess
      await expect(redeeming).rejects.toThrow(/bad signature/);
    });

    it('rejects an unknown kid after refetching the keys once (rotation), and an unsigned token', async () => {
      // Prepare
      const other = idTokenSigner('kid-9');
      const { client, http, time, deadline } = setup({ idToken: other.sign(googleClaims(Date.UTC(2026, 2, 15, 12))) });
      await client.redeemCode(REDEEM, deadline()).catch(() => undefined);
      time.state.now += 120_000;
      // Act
      const redeeming = client.redeemCode(REDEEM, deadline());
      const unsigned = setup({ idToken: `${Buffer.from('{"alg":"none"}').toString('base64url')}.e30.` });
      // Assess
      await expect(redeeming).rejects.toThrow(/unknown key/);
      expect(http.to('GET /oauth2/v3/certs')).toHaveLength(2);
      await expect(unsigned.client.redeemCode(REDEEM, unsigned.deadline())).rejects.toThrow(/not a signed JWT/);
    });

    it('refuses a grant without a refresh token with a clear ProviderError', async () => {
      // Prepare
      const { client, deadline } = setup({ token: { refresh_token: undefined } });
      // Act
      const redeeming = client.redeemCode(REDEEM, deadline());
      // Assess
      await expect(redeeming).rejects.toMatchObject({
        name: 'ProviderError',
        code: 'NoRefreshToken',
        message: 'Google returned no refresh token (offline access with consent was asked)',
      });
    });

    it('refuses a grant without an id_token with a clear ProviderError', async () => {
      // Prepare
      const { client, http, deadline } = setup({ token: { id_token: undefined } });
      // Act
      const redeeming = client.redeemCode(REDEEM, deadline());
      // Assess
      await expect(redeeming).rejects.toMatchObject({
        name: 'ProviderError',
        status: 200,
        code: 'NoIdToken',
        message: 'Google returned no id_token (openid was asked)',
      });
      expect(http.to('GET /oauth2/v3/certs')).toHaveLength(0);
    });

    it('reports no granted scopes when the token response names none', async () => {
      // Prepare
      const { client, deadline } = setup({ token: { scope: undefined } });
      // Act
      const grant = await client.redeemCode(REDEEM, deadline());
      // Assess
      expect(grant.grantedScopes).toEqual([]);
      expect(parseCredentials(grant.credentials).scope).toBe('');
    });

    it('maps invalid_grant to a ValidationError and invalid_client to a ProviderError', async () => {
      // Prepare
      const { client, http, deadline } = setup();
      http.on('POST /token', json(400, fixture('token-invalid-grant')), json(401, fixture('token-invalid-client')));
      // Act
      const spent = client.redeemCode(REDEEM, deadline());
      await expect(spent).rejects.toMatchObject({ name: 'ValidationError', reason: 'invalid_grant' });
      const misconfigured = client.redeemCode(REDEEM, deadline());
      // Assess
      await expect(misconfigured).rejects.toMatchObject({ name: 'ProviderError', status: 401, code: 'invalid_client' });
    });

    it('retries a 503 from the token endpoint, but never a timeout (the code may be spent)', async () => {
      // Prepare
      const { client, http, deadline } = setup();
      const ok = http.to('POST /token');
      http.on('POST /token', json(503, {}), () => json(200, { ...fixture('token-code'), id_token: 'x' }));
      await expect(client.redeemCode(REDEEM, deadline())).rejects.toMatchObject({ code: 'InvalidIdToken' });
      const timeout = Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' });
      http.on('POST /token', timeout);
      // Act
      const redeeming = client.redeemCode(REDEEM, deadline());
      // Assess
      await expect(redeeming).rejects.toMatchObject({ name: 'ProviderUnavailableError' });
      expect(http.to('POST /token')).toHaveLength(ok.length + 3);
    });
  });

  describe('Method: missingScopes', () => {
    it('names the calendar scopes a granular consent left out', () => {
      // Prepare
      const { client } = setup();
      // Act
      const none = client.missingScopes(['openid', 'https://www.googleapis.com/auth/calendar.readonly']);
      const all = client.missingScopes([
        'https://www.googleapis.com/auth/calendar.events',
        'https://www.googleapis.com/auth/calendar.readonly',
      ]);
      // Assess
      expect(none).toEqual(['https://www.googleapis.com/auth/calendar.events']);
      expect(all).toEqual([]);
      expect(client.missingScopes([])).toHaveLength(2);
      expect(client.missingScopes(REQUIRED.map((scope) => ` ${scope}\t`))).toEqual([]);
    });
  });
});
