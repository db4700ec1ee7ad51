import { describe, expect, it, vi } from 'vitest';
import { ManagerTokenSource } from '../../../functions/adapters/microsoft/token-source';
import { CREDENTIALS_PURPOSE as TOKEN_CACHE_PURPOSE } from '../../../functions/contract/credentials';
import { ProviderUnavailableError, ReconnectRequiredError } from '../../../functions/domain/errors';
import { APP, connected, deadline, SECRETS } from './connected';
import { fixture, json, scriptedFetch } from './helpers';

describe('Class: ManagerTokenSource', () => {
  describe('Method: getAccessToken', () => {
    it('serves a fresh cached access token without a round trip or a write, opening the cache once', async () => {
      // Prepare
      const { http, db, open, source } = await connected();
      const tokens = source();
      // Act
      const first = await tokens.getAccessToken(deadline());
      const second = await tokens.getAccessToken(deadline());
      // Assess
      expect([first, second]).toEqual(['at-secret-1', 'at-secret-1']);
      expect(http.requests).toHaveLength(0);
      expect(db.updates).toHaveLength(0);
      expect(open).toHaveBeenCalledTimes(1);
      expect(open).toHaveBeenCalledWith(expect.stringMatching(/^sealed:/), {
        managerId: 'mgr-1',
        purpose: 'msal-token-cache',
      });
    });

    it('refreshes a stale token and writes the sealed new cache back with the stored version', async () => {
      // Prepare: msal counts tokens within 300 s of expiry as stale.
      const { endpoint, db, cipher, source } = await connected({ expiresIn: 120 });
      // Act
      const token = await source().getAccessToken(deadline());
      // Assess
      expect(token).toBe('at-secret-2');
      expect(endpoint.state.grants.at(-1)).toMatchObject({ grant_type: 'refresh_token', refresh_token: 'rt-secret-1' });
      expect(db.updates).toEqual([
        { managerId: 'mgr-1', connectionId: 'microsoft-1', sealed: cipher.sealed.at(-1), expectedVersion: 1 },
      ]);
      const stored = db.stored();
      expect(stored.version).toBe(2);
      expect(stored.credentials).not.toContain('rt-secret');
      expect(await cipher.open(stored.credentials, { managerId: 'mgr-1', purpose: TOKEN_CACHE_PURPOSE })).toContain(
        'rt-secret-2',
      );
    });

    it('refreshes with the client secret as it is now: a rotated secret reaches the next token source', async () => {
      // Prepare: the module's reader of the shared secret source (Secrets Manager, re-read after its maxAge).
      const { endpoint, http, db, cipher } = await connected({ expiresIn: 120 });
      let stored = 'secret-before';
      const clientSecret = vi.fn(async () => stored);
      const app = { ...APP, clientSecret, fetch: http.fetch };
      const tokens = () => new ManagerTokenSource('mgr-1', db.stored(), { app, store: db.store, cipher });
      // Act
      await tokens().getAccessToken(deadline(), true);
      stored = 'secret-after';
      await tokens().getAccessToken(deadline(), true);
      // Assess
      const refreshes = endpoint.state.grants.filter((form) => form.grant_type === 'refresh_token');
      expect(refreshes.map((form) => form.client_secret)).toEqual(['secret-before', 'secret-after']);
      expect(clientSecret).toHaveBeenCalledTimes(2);
    });

    it("writes back to its own connection only, leaving the manager's other connection alone", async () => {
      // Prepare
      const { db, row, source } = await connected();
      const other = { ...row, connectionId: 'microsoft-2', accountId: 'oid-2.tid-1', credentials: 'sealed:other' };
      db.rows.get('mgr-1')!.connections.push(structuredClone(other));
      // Act
      await source().getAccessToken(deadline(), true);
      // Assess
      expect(db.updates.map((u) => u.connectionId)).toEqual(['microsoft-1']);
      expect(db.stored('microsoft-2')).toMatchObject({ version: 1, credentials: 'sealed:other' });
      expect(db.stored().version).toBe(2);
    });

    it('forces a refresh on request and keeps its version current across write-backs', async () => {
      // Prepare
      const { endpoint, db, source } = await connected();
      const tokens = source();
      // Act
      const first = await tokens.getAccessToken(deadline(), true);
      const second = await tokens.getAccessToken(deadline(), true);
      // Assess
      expect([first, second]).toEqual(['at-secret-2', 'at-secret-3']);
      expect(endpoint.state.grants.map((g) => g.refresh_token)).toEqual([undefined, 'rt-secret-1', 'rt-secret-2']);
      expect(db.updates.map((u) => u.expectedVersion)).toEqual([1, 2]);
      expect(db.stored().version).toBe(3);
    });

    it('carries on when another invocation stored a newer cache first (ConcurrencyError)', async () => {
      // Prepare
      const { db, logger, source } = await connected();
      db.stored().version = 7;
      // Act
      const token = await source().getAccessToken(deadline(), true);
      // Assess
      expect(token).toBe('at-secret-2');
      expect(db.updates).toHaveLength(1);
      expect(db.stored().version).toBe(7);
      expect(logger.warn).not.toHaveBeenCalled();
    });

    it('still answers, and warns without secrets, when the write-back fails otherwise', async () => {
      // Prepare
      const { db, logger, source } = await connected();
      db.store.updateCredentials = async () => {
        throw new Error('DynamoDB unavailable');
      };
      // Act
      const token = await source().getAccessToken(deadline(), true);
      // Assess
      expect(token).toBe('at-secret-2');
      expect(logger.warn).toHaveBeenCalledWith('Could not store the refreshed Microsoft token cache', {
        managerId: 'mgr-1',
        connectionId: 'microsoft-1',
        error: 'Error',
      });
      expect(JSON.stringify(logger.warn.mock.calls)).not.toMatch(SECRETS);
    });

    it.each(['login-invalid-grant-bad-token', 'login-invalid-grant'])(
      'asks for a reconnect on %s, without tokens in the error',
      async (name) => {
        // Prepare
        const { endpoint, source } = await connected();
        endpoint.state.fault = { status: 400, body: fixture(name) };
        // Act
        const error = await source()
          .getAccessToken(deadline(), true)
          .catch((e: unknown) => e);
        // Assess
        expect(error).toBeInstanceOf(ReconnectRequiredError);
        expect((error as Error).message).not.toMatch(SECRETS);
        expect(String((error as Error).cause)).not.toMatch(SECRETS);
        expect(String((error as Error).cause)).toContain('invalid_grant');
      },
    );

    it('asks for a reconnect when the cache holds no account for the connection', async () => {
      // Prepare
      const { http, row, source } = await connected();
      // Act
      const getting = source({ ...row, accountId: 'someone-else.tid-1' }).getAccessToken(deadline());
      // Assess
      await expect(getting).rejects.toBeInstanceOf(ReconnectRequiredError);
      await expect(getting).rejects.toThrow('No cached Microsoft account for this connection');
      expect(http.requests).toHaveLength(0);
    });

    it('asks for a reconnect when the cache holds no refresh token to redeem', async () => {
      // Prepare
      const { endpoint, http, source } = await connected({ expiresIn: 120, refreshToken: false });
      // Act
      const getting = source().getAccessToken(deadline());
      // Assess
      await expect(getting).rejects.toBeInstanceOf(ReconnectRequiredError);
      await expect(getting).rejects.toThrow('No cached Microsoft refresh token for this connection');
      expect(http.requests).toHaveLength(0);
      expect(endpoint.state.grants).toHaveLength(1);
    });

    it('remembers the refreshed token for the stored version when its write-back fails, without a logger', async () => {
      // Prepare
      const { db, cipher, http, memory, row, source } = await connected();
      db.store.updateCredentials = async () => {
        throw new Error('DynamoDB unavailable');
      };
      const app = { ...APP, fetch: http.fetch };
      const quiet = new ManagerTokenSource('mgr-1', row, { app, store: db.store, cipher, memory });
      // Act
      const refreshed = await quiet.getAccessToken(deadline(), true);
      const next = await source().getAccessToken(deadline());
      // Assess
      expect([refreshed, next]).toEqual(['at-secret-2', 'at-secret-2']);
      expect(http.requests).toHaveLength(1);
    });

    it('asks for a reconnect when no cache was stored', async () => {
      // Prepare
      const { row, source } = await connected();
      // Act
      const getting = source({ ...row, credentials: '' }).getAccessToken(deadline());
      // Assess
      await expect(getting).rejects.toBeInstanceOf(ReconnectRequiredError);
      await expect(getting).rejects.toThrow('No stored Microsoft token cache');
    });

    it('never serves a cache sealed for another manager', async () => {
      // Prepare
      const { row, source } = await connected();
      // Act
      const error = await source(row, 'mgr-2')
        .getAccessToken(deadline())
        .catch((e: unknown) => e);
      // Assess
      expect(error).toBeInstanceOf(ProviderUnavailableError);
      expect(error).toMatchObject({ message: 'Could not open the stored token cache' });
      expect(String((error as Error).cause)).toBe('Error: encryption context mismatch');
    });

    it.each([
      ['a 503', () => json(503, fixture('login-temporarily-unavailable'))],
      ['a 429', () => json(429, fixture('login-temporarily-unavailable'), { 'Retry-After': '30' })],
    ])('reports %s from the token endpoint as ProviderUnavailableError', async (_name, reply) => {
      // Prepare
      const { endpoint, source } = await connected();
      const response = reply();
      endpoint.state.fault = {
        status: response.status,
        body: await response.json(),
        headers: Object.fromEntries(response.headers),
      };
      // Act
      const getting = source().getAccessToken(deadline(), true);
      // Assess
      await expect(getting).rejects.toBeInstanceOf(ProviderUnavailableError);
    });

    it('reports a network failure as ProviderUnavailableError', async () => {
      // Prepare
      const { row, db, cipher } = await connected();
      const fetch = scriptedFetch(new TypeError('fetch failed')).fetch;
      const tokens = new ManagerTokenSource('mgr-1', row, { app: { ...APP, fetch }, store: db.store, cipher });
      // Act
      const getting = tokens.getAccessToken(deadline(), true);
      // Assess
      await expect(getting).rejects.toBeInstanceOf(ProviderUnavailableError);
    });
  });
});
