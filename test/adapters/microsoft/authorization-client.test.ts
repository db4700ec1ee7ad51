import { describe, expect, it } from 'vitest';
import { MsalAuthorizationClient } from '../../../functions/adapters/microsoft/authorization-client';
import { ProviderUnavailableError, ValidationError } from '../../../functions/domain/errors';
import { fixture, json, scriptedFetch } from './helpers';
import { tokenEndpoint } from './token-endpoint';

const APP = { clientId: 'client-1', tenantId: 'tid-1', clientSecret: 'app-secret' };
const AUTHORIZE = {
  state: 'state-1',
  codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM',
  nonce: 'nonce-1',
  redirectUri: 'https://api.example/auth/callback',
};
const REDEEM = {
  code: 'code-1',
  codeVerifier: 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk',
  nonce: 'nonce-1',
  redirectUri: AUTHORIZE.redirectUri,
};
const deadline = () => ({ at: Date.now() + 10_000 });

describe('Class: MsalAuthorizationClient', () => {
  describe('Method: buildAuthorizeUrl', () => {
    it('builds the v2 authorize URL with PKCE S256, state, nonce, scopes and select_account', async () => {
      // Prepare
      const client = new MsalAuthorizationClient({
        ...APP,
        fetch: scriptedFetch(new Error('no network expected')).fetch,
      });
      // Act
      const url = new URL(await client.buildAuthorizeUrl(AUTHORIZE));
      // Assess
      const q = url.searchParams;
      expect(`${url.origin}${url.pathname}`).toBe('https://login.microsoftonline.com/tid-1/oauth2/v2.0/authorize');
      expect(q.get('client_id')).toBe('client-1');
      expect(q.get('redirect_uri')).toBe(AUTHORIZE.redirectUri);
      expect(q.get('code_challenge')).toBe(AUTHORIZE.codeChallenge);
      expect(q.get('code_challenge_method')).toBe('S256');
      expect(q.get('state')).toBe('state-1');
      expect(q.get('nonce')).toBe('nonce-1');
      expect(q.get('prompt')).toBe('select_account');
      expect(q.get('response_mode')).toBe('query');
      expect(q.get('response_type')).toBe('code');
      expect(q.get('scope')!.split(' ')).toEqual(
        expect.arrayContaining([
          'Calendars.ReadWrite',
          'MailboxSettings.Read',
          'User.Read',
          'offline_access',
          'openid',
          'profile',
        ]),
      );
    });

    it('pre-fills the expected account via login_hint, without the account picker msal would drop it for', async () => {
      // Prepare
      const client = new MsalAuthorizationClient(APP);
      // Act
      const url = new URL(await client.buildAuthorizeUrl({ ...AUTHORIZE, loginHint: ' pat@contoso.example ' }));
      // Assess
      expect(url.searchParams.get('login_hint')).toBe('pat@contoso.example');
      expect(url.searchParams.has('prompt')).toBe(false);
      expect(url.searchParams.get('state')).toBe('state-1');
    });

    it('points the browser at the sandbox when a login base URL is set', async () => {
      // Prepare
      const client = new MsalAuthorizationClient({ ...APP, loginBaseUrl: 'http://localhost:3000/_sandbox/login' });
      // Act
      const url = await client.buildAuthorizeUrl(AUTHORIZE);
      // Assess
      expect(url.startsWith('http://localhost:3000/_sandbox/login/tid-1/oauth2/v2.0/authorize?')).toBe(true);
    });
  });

  describe('Method: redeemCode', () => {
    it('redeems the code with verifier and secret and returns the account and a serialized cache', async () => {
      // Prepare
      const endpoint = tokenEndpoint({ nonce: 'nonce-1' });
      const http = scriptedFetch(endpoint.handle);
      const client = new MsalAuthorizationClient({ ...APP, fetch: http.fetch });
      // Act
      const grant = await client.redeemCode(REDEEM, deadline());
      // Assess
      const form = endpoint.state.grants[0]!;
      expect(http.requests[0]!.url.pathname).toBe('/tid-1/oauth2/v2.0/token');
      expect(form).toMatchObject({
        grant_type: 'authorization_code',
        code: 'code-1',
        code_verifier: REDEEM.codeVerifier,
        client_secret: 'app-secret',
      });
      expect(grant.account).toEqual({ accountId: 'oid-1.tid-1', email: 'adele@contoso.com', name: 'Adele Vance' });
      expect(grant.grantedScopes).toEqual(
        expect.arrayContaining(['Calendars.ReadWrite', 'MailboxSettings.Read', 'User.Read', 'offline_access']),
      );
      expect(Object.keys(JSON.parse(grant.credentials))).toEqual(
        expect.arrayContaining(['Account', 'RefreshToken', 'AccessToken']),
      );
      expect(grant.credentials).toContain('rt-secret-1');
    });

    it('reads the client secret each time: after a rotation the next redemption sends the new one', async () => {
      // Prepare: the secret source as the module passes it (Secrets Manager, re-read after its maxAge).
      const endpoint = tokenEndpoint({ nonce: 'nonce-1' });
      let stored = 'secret-before';
      const client = new MsalAuthorizationClient({
        ...APP,
        clientSecret: async () => stored,
        fetch: scriptedFetch(endpoint.handle, endpoint.handle).fetch,
      });
      // Act
      await client.redeemCode(REDEEM, deadline());
      stored = 'secret-after';
      await client.redeemCode(REDEEM, deadline());
      // Assess
      expect(endpoint.state.grants.map((form) => form.client_secret)).toEqual(['secret-before', 'secret-after']);
    });

    it('answers ProviderUnavailable, and calls nobody, when the client secret cannot be read', async () => {
      // Prepare
      const http = scriptedFetch(new Error('no network expected'));
      const throttled = Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
      const unreadable = async () => {
        throw throttled;
      };
      const client = new MsalAuthorizationClient({ ...APP, clientSecret: unreadable, fetch: http.fetch });
      // Act
      const redeeming = client.redeemCode(REDEEM, deadline());
      // Assess
      await expect(redeeming).rejects.toThrow(ProviderUnavailableError);
      await expect(redeeming).rejects.toThrow('The Microsoft client secret could not be read');
      await expect(redeeming).rejects.toMatchObject({ cause: throttled });
      expect(http.requests).toHaveLength(0);
    });

    it("counts offline_access as granted when a refresh token came back, though Entra's scope omits it", async () => {
      // Prepare
      const scope = 'https://graph.microsoft.com/Calendars.ReadWrite https://graph.microsoft.com/User.Read';
      const endpoint = tokenEndpoint({ nonce: 'nonce-1', scope });
      const client = new MsalAuthorizationClient({ ...APP, fetch: scriptedFetch(endpoint.handle).fetch });
      // Act
      const grant = await client.redeemCode(REDEEM, deadline());
      // Assess
      expect(grant.grantedScopes).toEqual([
        'https://graph.microsoft.com/Calendars.ReadWrite',
        'https://graph.microsoft.com/User.Read',
        'offline_access',
      ]);
      expect(client.missingScopes(grant.grantedScopes)).toEqual(['MailboxSettings.Read']);
    });

    it('leaves offline_access out when no refresh token came back', async () => {
      // Prepare
      const scope = 'Calendars.ReadWrite MailboxSettings.Read User.Read';
      const endpoint = tokenEndpoint({ nonce: 'nonce-1', scope, refreshToken: false });
      const client = new MsalAuthorizationClient({ ...APP, fetch: scriptedFetch(endpoint.handle).fetch });
      // Act
      const grant = await client.redeemCode(REDEEM, deadline());
      // Assess
      expect(grant.grantedScopes).toEqual(['Calendars.ReadWrite', 'MailboxSettings.Read', 'User.Read']);
      expect(client.missingScopes(grant.grantedScopes)).toEqual(['offline_access']);
    });

    it('rejects an id_token whose nonce differs (a replayed or swapped code)', async () => {
      // Prepare
      const http = scriptedFetch(tokenEndpoint({ nonce: 'someone-else' }).handle);
      const client = new MsalAuthorizationClient({ ...APP, fetch: http.fetch });
      // Act
      const redeeming = client.redeemCode(REDEEM, deadline());
      // Assess
      await expect(redeeming).rejects.toBeInstanceOf(ValidationError);
    });

    it.each(['login-invalid-grant', 'login-invalid-grant-bad-token'])(
      'turns %s (code reused or expired) into a generic ValidationError',
      async (name) => {
        // Prepare
        const http = scriptedFetch(json(400, fixture(name)));
        const client = new MsalAuthorizationClient({ ...APP, fetch: http.fetch });
        // Act
        const error = await client.redeemCode(REDEEM, deadline()).catch((e: unknown) => e);
        // Assess
        expect(error).toBeInstanceOf(ValidationError);
        expect((error as Error).message).not.toMatch(/AADSTS|code-1|app-secret/);
      },
    );

    it.each([
      ['a 503', json(503, fixture('login-temporarily-unavailable'))],
      ['a 429', json(429, fixture('login-temporarily-unavailable'), { 'Retry-After': '5' })],
      ['a network failure', new TypeError('fetch failed')],
    ])('reports %s as ProviderUnavailableError', async (_name, reply) => {
      // Prepare
      const client = new MsalAuthorizationClient({ ...APP, fetch: scriptedFetch(reply).fetch });
      // Act
      const redeeming = client.redeemCode(REDEEM, deadline());
      // Assess
      await expect(redeeming).rejects.toBeInstanceOf(ProviderUnavailableError);
    });

    it('refuses a token answer that names no account (an id_token without subject, no client_info)', async () => {
      // Prepare
      const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      const claims = {
        aud: 'client-1',
        iss: 'https://login.microsoftonline.com/tid-1/v2.0',
        iat: now,
        exp: now + 3600,
      };
      const idToken = `${b64url({ alg: 'none' })}.${b64url({ ...claims, nonce: 'nonce-1' })}.`;
      const tokens = {
        token_type: 'Bearer',
        scope: 'User.Read',
        expires_in: 3599,
        access_token: 'at-secret-1',
        id_token: idToken,
      };
      const client = new MsalAuthorizationClient({ ...APP, fetch: scriptedFetch(json(200, tokens)).fetch });
      // Act
      const error = await client.redeemCode(REDEEM, deadline()).catch((e: unknown) => e);
      // Assess
      expect(error).toMatchObject({
        name: 'ProviderError',
        message: 'Microsoft sign-in returned no account',
        status: 200,
        code: 'NoAccount',
      });
    });

    it('sends nothing once the deadline leaves no time for the token call', async () => {
      // Prepare
      const endpoint = tokenEndpoint({ nonce: 'nonce-1' });
      const http = scriptedFetch(endpoint.handle);
      const client = new MsalAuthorizationClient({ ...APP, fetch: http.fetch });
      // Act
      const redeeming = client.redeemCode(REDEEM, { at: Date.now() + 100 });
      // Assess
      await expect(redeeming).rejects.toBeInstanceOf(ProviderUnavailableError);
      expect(http.requests).toHaveLength(0);
    });

    it("reports a rejected client secret as a ProviderError, not as the user's fault", async () => {
      // Prepare
      const client = new MsalAuthorizationClient({
        ...APP,
        fetch: scriptedFetch(json(401, fixture('login-invalid-client'))).fetch,
      });
      // Act
      const error = await client.redeemCode(REDEEM, deadline()).catch((e: unknown) => e);
      // Assess
      expect(error).toMatchObject({ name: 'ProviderError', code: 'invalid_client', status: 401 });
      expect((error as Error).message).not.toContain('app-secret');
    });
  });

  describe('Method: missingScopes', () => {
    it.each([
      [['Calendars.ReadWrite', 'MailboxSettings.Read', 'User.Read', 'offline_access'], []],
      [['calendars.readwrite', 'MAILBOXSETTINGS.READ', 'https://graph.microsoft.com/User.Read', 'offline_access'], []],
      [
        ['00000003-0000-0000-c000-000000000000/Calendars.ReadWrite', 'User.Read', 'openid', 'profile'],
        ['MailboxSettings.Read', 'offline_access'],
      ],
      [['Calendars.Read', 'MailboxSettings.Read', 'User.Read', 'offline_access'], ['Calendars.ReadWrite']],
      [[], ['Calendars.ReadWrite', 'MailboxSettings.Read', 'User.Read', 'offline_access']],
    ])('finds what %j lacks: %j', (granted, missing) => {
      // Prepare
      const client = new MsalAuthorizationClient(APP);
      // Act & Assess
      expect(client.missingScopes(granted)).toEqual(missing);
    });
  });
});
