import { afterEach, describe, expect, it, vi } from 'vitest';
import type { LoginRequestEvent } from '../../../functions/adapters/microsoft/login-url';
import { ManagerTokenSource } from '../../../functions/adapters/microsoft/token-source';
import { ProviderError, ProviderUnavailableError } from '../../../functions/domain/errors';
import { APP, connected, deadline, SECRETS } from './connected';
import { fixture, scriptedFetch } from './helpers';

describe('Class: ManagerTokenSource (process memory, the token endpoint without msal)', () => {
  afterEach(() => vi.useRealTimers());

  describe('Method: getAccessToken', () => {
    it('serves a warm call of the next invocation from memory: no decryption, no round trip', async () => {
      // Prepare: one invocation read the cache.
      const { http, open, source } = await connected();
      await source().getAccessToken(deadline());
      // Act: the next invocation, with the same stored version.
      const token = await source().getAccessToken(deadline());
      // Assess
      expect(token).toBe('at-secret-1');
      expect(open).toHaveBeenCalledTimes(1);
      expect(http.requests).toHaveLength(0);
    });

    it('remembers a refreshed token under the version it was stored as, and drops it once another writer stores', async () => {
      // Prepare: a refresh stores version 2.
      const { db, open, source } = await connected();
      await source().getAccessToken(deadline(), true);
      const afterRefresh = db.stored();
      // Act
      const warm = await source(afterRefresh).getAccessToken(deadline());
      const opensBefore = open.mock.calls.length;
      const newer = { ...afterRefresh, version: afterRefresh.version + 1 };
      const afterOtherWriter = await source(newer).getAccessToken(deadline());
      // Assess
      expect(afterRefresh.version).toBe(2);
      expect(warm).toBe('at-secret-2');
      expect(opensBefore).toBe(1);
      expect(afterOtherWriter).toBe('at-secret-2');
      expect(open).toHaveBeenCalledTimes(2);
    });

    it('never serves a token remembered for an earlier connection of the same account (a reconnect restarts versions)', async () => {
      // Prepare: one invocation read the cache of the first connection.
      const { db, open, source } = await connected();
      await source().getAccessToken(deadline());
      const reconnected = { ...db.stored(), connectedAt: '2031-01-01T00:00:00.000Z' };
      // Act: the same id and version, connected again later.
      await source(reconnected).getAccessToken(deadline());
      // Assess: the sealed cache was opened again instead of trusting memory.
      expect(open).toHaveBeenCalledTimes(2);
    });

    it('stops serving a remembered token 5 minutes before it expires, and refreshes instead', async () => {
      // Prepare
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(Date.UTC(2026, 0, 15, 9));
      const { endpoint, db, source } = await connected({ expiresIn: 3600 });
      await source().getAccessToken(deadline());
      // Act
      vi.setSystemTime(Date.UTC(2026, 0, 15, 9, 54, 59));
      const stillGood = await source().getAccessToken(deadline());
      vi.setSystemTime(Date.UTC(2026, 0, 15, 9, 55, 1));
      const renewed = await source(db.stored()).getAccessToken(deadline());
      // Assess
      expect(stillGood).toBe('at-secret-1');
      expect(renewed).toBe('at-secret-2');
      expect(endpoint.state.grants.at(-1)).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'rt-secret-1' });
    });

    it('skips memory on a forced refresh (Graph refused the token, or the keeper renews the grant)', async () => {
      // Prepare
      const { endpoint, memory, source } = await connected();
      await source().getAccessToken(deadline());
      // Act
      const forced = await source().getAccessToken(deadline(), true);
      // Assess
      expect(forced).toBe('at-secret-2');
      expect(endpoint.state.grants.filter((g) => g.grant_type === 'refresh_token')).toHaveLength(1);
      expect(memory.size).toBe(1);
    });

    it('posts the refresh grant to the sandbox login base URL and reports the round trip, without secrets', async () => {
      // Prepare
      const events: LoginRequestEvent[] = [];
      const loginBaseUrl = 'http://127.0.0.1:3001/_sandbox/login/';
      const { endpoint, http, source } = await connected({}, { loginBaseUrl, onLoginRequest: (e) => events.push(e) });
      // Act
      await source().getAccessToken(deadline(), true);
      // Assess
      expect(http.requests[0]!.url.href).toBe('http://127.0.0.1:3001/_sandbox/login/tid-1/oauth2/v2.0/token');
      expect(endpoint.state.grants.at(-1)).toEqual({
        client_id: 'client-1',
        scope: 'Calendars.ReadWrite MailboxSettings.Read User.Read openid profile offline_access',
        grant_type: 'refresh_token',
        client_info: '1',
        refresh_token: 'rt-secret-1',
        client_secret: 'app-secret',
      });
      expect(events).toEqual([
        {
          method: 'POST',
          path: '/_sandbox/login/tid-1/oauth2/v2.0/token',
          outcome: 'response',
          status: 200,
          durationMs: expect.any(Number),
        },
      ]);
      expect(JSON.stringify(events)).not.toMatch(SECRETS);
    });

    it("after a 429 with Retry-After, fails the same invocation's next refresh at once, as msal's throttle did", async () => {
      // Prepare
      const { endpoint, source } = await connected();
      endpoint.state.fault = {
        status: 429,
        body: fixture('login-temporarily-unavailable'),
        headers: { 'Retry-After': '30' },
      };
      const tokens = source();
      // Act
      const first = await tokens.getAccessToken(deadline(), true).catch((e: unknown) => e);
      const second = await tokens.getAccessToken(deadline(), true).catch((e: unknown) => e);
      // Assess
      expect(first).toBeInstanceOf(ProviderUnavailableError);
      expect((first as Error).message).toContain('Retry-After 30 s');
      expect(second).toBeInstanceOf(ProviderUnavailableError);
      expect(endpoint.state.grants.filter((g) => g.grant_type === 'refresh_token')).toHaveLength(1);
    });

    it('reports any other refusal (invalid_client) as ProviderError with its code, without secrets', async () => {
      // Prepare
      const { endpoint, source } = await connected();
      endpoint.state.fault = { status: 401, body: fixture('login-invalid-client') };
      // Act
      const error = await source()
        .getAccessToken(deadline(), true)
        .catch((e: unknown) => e);
      // Assess
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ status: 401, code: 'invalid_client' });
      expect(`${(error as Error).message} ${String((error as Error).cause)}`).not.toMatch(SECRETS);
    });

    it('times out within the deadline as ProviderUnavailableError', async () => {
      // Prepare: a token endpoint that never answers.
      const { row, db, cipher } = await connected();
      const events: LoginRequestEvent[] = [];
      const hang = scriptedFetch(
        (request) =>
          new Promise<Response>((_resolve, reject) =>
            request.signal?.addEventListener('abort', () => reject(request.signal!.reason)),
          ),
      );
      const app = { ...APP, fetch: hang.fetch, onLoginRequest: (e: LoginRequestEvent) => events.push(e) };
      const tokens = new ManagerTokenSource('mgr-1', row, { app, store: db.store, cipher });
      // Act
      const error = await tokens.getAccessToken({ at: Date.now() + 400 }, true).catch((e: unknown) => e);
      // Assess
      expect(error).toBeInstanceOf(ProviderUnavailableError);
      expect(events.map((e) => e.outcome)).toEqual(['timeout']);
    });
  });
});
