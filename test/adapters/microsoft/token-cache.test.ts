import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createMsalClient } from '../../../functions/adapters/microsoft/msal-client';
import { GRAPH_SCOPES } from '../../../functions/adapters/microsoft/scopes';
import {
  findAccessToken,
  findAccount,
  findRefreshToken,
  parseTokenCache,
  serializeTokenCache,
} from '../../../functions/adapters/microsoft/token-cache';
import { withRefreshedTokens } from '../../../functions/adapters/microsoft/token-cache-update';
import { REFRESH_SCOPES } from '../../../functions/adapters/microsoft/token-refresh';
import { ReconnectRequiredError } from '../../../functions/domain/errors';
import { fixture, scriptedFetch } from './helpers';

// test/events/graph/msal-token-cache.json: what msal-node 7 serialized after redeeming a code (cached_at below).
const CACHED_AT_S = 1796164565;
const HOME = 'oid-1.tid-1';
const CLIENT = 'client-1';
// The target part of msal's access-token key: lower case.
const TARGET_KEY = 'calendars.readwrite mailboxsettings.read user.read openid profile offline_access';
const msalCache = () => parseTokenCache(JSON.stringify(fixture('msal-token-cache')));
const refreshed = (requestedAt: number, extra: Record<string, unknown> = {}) => ({
  requestedAt,
  tokens: {
    access_token: 'at-secret-new',
    expires_in: 3599,
    ext_expires_in: 3599,
    token_type: 'Bearer',
    scope: 'Calendars.ReadWrite MailboxSettings.Read User.Read openid profile offline_access',
    refresh_token: 'rt-secret-new',
    ...extra,
  },
});

describe('Module: token-cache (msal-node serialized cache without msal)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(CACHED_AT_S * 1000 + 60_000);
  });
  afterEach(() => vi.useRealTimers());

  describe('Function: findAccessToken / findRefreshToken (a cache msal wrote)', () => {
    it("reads the account's Graph access token and its refresh token", () => {
      // Prepare
      const cache = msalCache();
      const account = findAccount(cache, HOME)!;
      // Act
      const token = findAccessToken(cache, account, CLIENT, GRAPH_SCOPES, Date.now() + 300_000);
      // Assess
      expect(account).toMatchObject({ environment: 'login.windows.net', realm: 'tid-1' });
      expect(token).toEqual({ secret: 'at-secret-1', expiresOnMs: (CACHED_AT_S + 3599) * 1000 });
      expect(findRefreshToken(cache, account, CLIENT)).toBe('rt-secret-1');
    });

    it('has no token inside the last 5 minutes of its life, none for another client, none for missing scopes', () => {
      // Prepare
      const cache = msalCache();
      const account = findAccount(cache, HOME)!;
      const expiresOnMs = (CACHED_AT_S + 3599) * 1000;
      // Act
      const late = findAccessToken(cache, account, CLIENT, GRAPH_SCOPES, expiresOnMs);
      const lastGood = findAccessToken(cache, account, CLIENT, GRAPH_SCOPES, expiresOnMs - 1);
      const other = findAccessToken(cache, account, 'client-2', GRAPH_SCOPES, Date.now());
      const wider = findAccessToken(cache, account, CLIENT, [...GRAPH_SCOPES, 'Mail.Send'], Date.now());
      // Assess
      expect(late).toBeUndefined();
      expect(lastGood?.secret).toBe('at-secret-1');
      expect(other).toBeUndefined();
      expect(wider).toBeUndefined();
      expect(findRefreshToken(cache, account, 'client-2')).toBeUndefined();
      expect(findAccount(cache, 'oid-2.tid-1')).toBeUndefined();
    });

    it('serves the token that lives longest when several are valid', () => {
      // Prepare
      const cache = msalCache();
      const account = findAccount(cache, HOME)!;
      const graph = Object.values(cache.AccessToken!)[0] as Record<string, unknown>;
      const at = (secret: string, expiresOn: number) => ({ ...graph, secret, expires_on: String(expiresOn) });
      cache.AccessToken = { a: at('at-short', CACHED_AT_S + 1000), b: at('at-long', CACHED_AT_S + 3000) };
      cache.AccessToken.c = at('at-mid', CACHED_AT_S + 2000);
      // Act
      const token = findAccessToken(cache, account, CLIENT, GRAPH_SCOPES, Date.now());
      // Assess
      expect(token).toEqual({ secret: 'at-long', expiresOnMs: (CACHED_AT_S + 3000) * 1000 });
    });

    it('matches an account without a realm to its tokens without one', () => {
      // Prepare
      const cache = msalCache();
      const { realm: _accountRealm, ...account } = Object.values(cache.Account!)[0] as Record<string, unknown>;
      const { realm: _tokenRealm, ...token } = Object.values(cache.AccessToken!)[0] as Record<string, unknown>;
      cache.Account = { a: account };
      cache.AccessToken = { t: token };
      // Act
      const found = findAccount(cache, HOME)!;
      // Assess
      expect(found.realm).toBe('');
      expect(findAccessToken(cache, found, CLIENT, GRAPH_SCOPES, Date.now())?.secret).toBe('at-secret-1');
    });

    it.each(['not json', '[]', '{"AccessToken": 3}'])(
      'refuses an unreadable cache (%s) as reconnect-required',
      (text) => {
        // Act & Assess
        expect(() => parseTokenCache(text)).toThrow(ReconnectRequiredError);
      },
    );
  });

  describe('Function: withRefreshedTokens', () => {
    it('replaces the overlapping access token and the refresh token, keeping every other entry', () => {
      // Prepare: a token for another resource does not overlap the Graph scopes (OIDC scopes never count).
      const cache = msalCache();
      const account = findAccount(cache, HOME)!;
      const smtp = { ...Object.values(cache.AccessToken!)[0]!, secret: 'at-smtp', target: 'SMTP.Send openid profile' };
      cache.AccessToken!['smtp-key'] = smtp;
      const now = Math.floor(Date.now() / 1000);
      // Act
      const next = withRefreshedTokens(cache, account, CLIENT, REFRESH_SCOPES, refreshed(now, { refresh_in: 1800 }));
      // Assess
      expect(next.accessToken).toEqual({ secret: 'at-secret-new', expiresOnMs: (now + 3599) * 1000 });
      expect(Object.values(next.cache.AccessToken!).map((at) => (at as { secret: string }).secret)).toEqual([
        'at-smtp',
        'at-secret-new',
      ]);
      expect(next.cache.AccessToken![`${HOME}-login.windows.net-accesstoken-client-1-tid-1-${TARGET_KEY}-`]).toEqual({
        home_account_id: HOME,
        environment: 'login.windows.net',
        credential_type: 'AccessToken',
        client_id: CLIENT,
        secret: 'at-secret-new',
        realm: 'tid-1',
        target: 'Calendars.ReadWrite MailboxSettings.Read User.Read openid profile offline_access',
        cached_at: String(now),
        expires_on: String(now + 3599),
        extended_expires_on: String(now + 3599 + 3599),
        refresh_on: String(now + 1800),
        token_type: 'Bearer',
      });
      expect(Object.values(next.cache.RefreshToken!)).toEqual([
        {
          home_account_id: HOME,
          environment: 'login.windows.net',
          credential_type: 'RefreshToken',
          client_id: CLIENT,
          secret: 'rt-secret-new',
        },
      ]);
      expect(next.cache.Account).toEqual(cache.Account);
      expect(next.cache.AppMetadata).toEqual({});
    });

    it('keeps the stored refresh token when none came back', () => {
      // Prepare
      const cache = msalCache();
      const account = findAccount(cache, HOME)!;
      const outcome = refreshed(Math.floor(Date.now() / 1000), { refresh_token: undefined });
      // Act
      const next = withRefreshedTokens(cache, account, CLIENT, REFRESH_SCOPES, outcome);
      // Assess
      expect(findRefreshToken(next.cache, account, CLIENT)).toBe('rt-secret-1');
    });

    it('is read by msal-node: acquireTokenSilent serves the new token from it, without a round trip', async () => {
      // Prepare
      const cache = msalCache();
      const account = findAccount(cache, HOME)!;
      const next = withRefreshedTokens(
        cache,
        account,
        CLIENT,
        REFRESH_SCOPES,
        refreshed(Math.floor(Date.now() / 1000)),
      );
      const http = scriptedFetch(new TypeError('no network in this test'));
      const cca = createMsalClient({ clientId: CLIENT, tenantId: 'tid-1', clientSecret: 's', fetch: http.fetch });
      // Act
      cca.getTokenCache().deserialize(serializeTokenCache(next.cache));
      const msalAccount = await cca.getTokenCache().getAccountByHomeId(HOME);
      const result = await cca.acquireTokenSilent({ account: msalAccount!, scopes: GRAPH_SCOPES });
      // Assess
      expect(result.accessToken).toBe('at-secret-new');
      expect(result.fromCache).toBe(true);
      expect(result.expiresOn?.getTime()).toBe(next.accessToken.expiresOnMs);
      expect(http.requests).toHaveLength(0);
      // And what msal serializes back from it is what was written (same keys, same entities).
      expect(JSON.parse(cca.getTokenCache().serialize())).toEqual(next.cache);
    });

    it('replaces a token that shares any scope, and keeps those of other clients, types or unreadable ones', () => {
      // Prepare
      const cache = msalCache();
      const account = findAccount(cache, HOME)!;
      const graph = Object.values(cache.AccessToken!)[0] as Record<string, unknown>;
      cache.AccessToken!.partial = { ...graph, secret: 'at-partial', target: 'User.Read SMTP.Send' };
      cache.AccessToken!.client2 = { ...graph, secret: 'at-client-2', client_id: 'client-2' };
      cache.AccessToken!.pop = { ...graph, secret: 'at-pop', credential_type: 'AccessToken_With_AuthScheme' };
      cache.AccessToken!.broken = { secret: 'at-broken' };
      // Act
      const next = withRefreshedTokens(cache, account, CLIENT, REFRESH_SCOPES, refreshed(CACHED_AT_S + 60));
      // Assess
      const secrets = Object.values(next.cache.AccessToken!).map((at) => (at as { secret: string }).secret);
      expect(secrets).toEqual(['at-client-2', 'at-pop', 'at-broken', 'at-secret-new']);
    });

    it('lets a refresh granting OIDC scopes only replace the tokens that share them, as msal does', () => {
      // Prepare
      const cache = msalCache();
      const account = findAccount(cache, HOME)!;
      // Act
      const next = withRefreshedTokens(
        cache,
        account,
        CLIENT,
        REFRESH_SCOPES,
        refreshed(CACHED_AT_S + 60, { scope: 'openid profile' }),
      );
      // Assess
      expect(Object.keys(next.cache.AccessToken!)).toEqual([
        `${HOME}-login.windows.net-accesstoken-client-1-tid-1-openid profile-`,
      ]);
    });

    it('writes a token without a type as Bearer, and keys any other scheme by its name', () => {
      // Prepare
      const cache = msalCache();
      const account = findAccount(cache, HOME)!;
      const untyped = refreshed(CACHED_AT_S + 60, { token_type: undefined, scope: 'User.Read' });
      const pop = refreshed(CACHED_AT_S + 60, { token_type: 'PoP', scope: 'User.Read' });
      // Act
      const bearer = withRefreshedTokens(cache, account, CLIENT, REFRESH_SCOPES, untyped).cache.AccessToken!;
      const scheme = withRefreshedTokens(cache, account, CLIENT, REFRESH_SCOPES, pop).cache.AccessToken!;
      // Assess
      expect(bearer).toEqual({
        [`${HOME}-login.windows.net-accesstoken-client-1-tid-1-user.read-`]: expect.objectContaining({
          token_type: 'Bearer',
        }),
      });
      expect(Object.keys(scheme)).toEqual([`${HOME}-login.windows.net-accesstoken-client-1-tid-1-user.read-pop`]);
    });

    it("overwrites the account's id token when a new one came back, and keeps it otherwise", () => {
      // Prepare
      const cache = msalCache();
      const account = findAccount(cache, HOME)!;
      const key = `${HOME}-login.windows.net-idtoken-client-1-tid-1--`;
      const before = cache.IdToken![key];
      // Act
      const renewed = withRefreshedTokens(
        cache,
        account,
        CLIENT,
        REFRESH_SCOPES,
        refreshed(CACHED_AT_S + 60, { id_token: 'id-token-new' }),
      );
      const kept = withRefreshedTokens(cache, account, CLIENT, REFRESH_SCOPES, refreshed(CACHED_AT_S + 60));
      // Assess
      expect(renewed.cache.IdToken).toEqual({
        [key]: {
          home_account_id: HOME,
          environment: 'login.windows.net',
          credential_type: 'IdToken',
          client_id: CLIENT,
          secret: 'id-token-new',
          realm: 'tid-1',
        },
      });
      expect(kept.cache.IdToken).toEqual({ [key]: before });
    });
  });
});
