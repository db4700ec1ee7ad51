import { describe, expect, it, vi } from 'vitest';
import { parseCredentials } from '../../../functions/adapters/google/credentials';
import { GoogleTokenEndpoint } from '../../../functions/adapters/google/token-endpoint';
import { GoogleTokenSource } from '../../../functions/adapters/google/token-source';
import { CREDENTIALS_PURPOSE } from '../../../functions/contract/credentials';
import { ProviderError, ProviderUnavailableError, ReconnectRequiredError } from '../../../functions/domain/errors';
import type { CalendarConnection, Cipher } from '../../../functions/domain/ports';
import {
  credentials,
  fixture,
  googleFetch,
  json,
  MANAGER,
  manualClock,
  memoryStore,
  sealedConnection,
  testCipher,
} from './helpers';

const MINUTE = 60_000;

/** A token source for a connection whose access token expires `expiresInMs` from now. */
async function setup(expiresInMs: number, options: { storedVersion?: number; cipher?: Partial<Cipher> } = {}) {
  const time = manualClock();
  const cipher = Object.assign(testCipher(), options.cipher);
  const row = await sealedConnection(cipher, credentials(time.state.now + expiresInMs));
  const db = memoryStore([{ managerId: MANAGER, connection: { ...row, version: options.storedVersion ?? 1 } }]);
  const http = googleFetch({ 'POST /token': json(200, fixture('token-refresh')) });
  const logger = { warn: vi.fn() };
  const endpoint = new GoogleTokenEndpoint({
    clientId: 'client-1',
    clientSecret: 'app-secret',
    oauth2BaseUrl: 'https://oauth2.googleapis.com',
    fetch: http.fetch,
    clock: time.clock,
    sleep: time.sleep,
    random: () => 1,
  });
  const open = vi.spyOn(cipher, 'open');
  const source = (connection: CalendarConnection = row, store = db.store, log: typeof logger | null = logger) =>
    new GoogleTokenSource(MANAGER, connection, {
      endpoint,
      store,
      cipher,
      logger: log ?? undefined,
      clock: time.clock,
    });
  const deadline = () => ({ at: time.state.now + 10_000 });
  const storedCredentials = async () =>
    parseCredentials(
      await cipher.open(db.stored('google-1').credentials, { managerId: MANAGER, purpose: CREDENTIALS_PURPOSE }),
    );
  return { time, cipher, row, db, http, logger, open, source, deadline, storedCredentials };
}

/** Holds the first token request until `release(reply)`; later ones get `then`. `sent` resolves once it is made. */
function holdFirstToken(http: ReturnType<typeof googleFetch>, ...then: Response[]) {
  let release!: (reply: Response) => void;
  let sent!: () => void;
  const held = new Promise<Response>((resolve) => (release = resolve));
  const made = new Promise<void>((resolve) => (sent = resolve));
  const first = () => {
    sent();
    return held;
  };
  http.on('POST /token', first, ...(then.length ? then : [json(200, fixture('token-refresh'))]));
  return { sent: made, release };
}

describe('Class: GoogleTokenSource', () => {
  describe('Method: getAccessToken (stored token)', () => {
    it('uses a token with over five minutes left: no token request, no write, credentials opened once', async () => {
      // Prepare
      const { http, db, open, source, deadline } = await setup(6 * MINUTE);
      const tokens = source();
      // Act
      const first = await tokens.getAccessToken(deadline());
      const second = await tokens.getAccessToken(deadline());
      // Assess
      expect([first, second]).toEqual(['ya29.at-secret-1', 'ya29.at-secret-1']);
      expect(http.requests).toHaveLength(0);
      expect(db.updates).toHaveLength(0);
      expect(open).toHaveBeenCalledTimes(1);
      expect(open).toHaveBeenCalledWith(expect.stringMatching(/^sealed:/), {
        managerId: MANAGER,
        purpose: CREDENTIALS_PURPOSE,
      });
    });

    it('treats unreadable credentials as a grant to reconnect', async () => {
      // Prepare
      const { cipher, source, deadline, row } = await setup(6 * MINUTE);
      const sealed = await cipher.seal('{"accessToken":"x"}', { managerId: MANAGER, purpose: CREDENTIALS_PURPOSE });
      // Act
      const getting = source({ ...row, credentials: sealed }).getAccessToken(deadline());
      // Assess
      await expect(getting).rejects.toBeInstanceOf(ReconnectRequiredError);
    });
  });

  describe('Method: getAccessToken (refresh)', () => {
    it('refreshes a token within five minutes of expiry and writes the sealed credentials back', async () => {
      // Prepare
      const { http, db, cipher, time, source, deadline, storedCredentials } = await setup(4 * MINUTE);
      const tokens = source();
      // Act
      const token = await tokens.getAccessToken(deadline());
      const again = await tokens.getAccessToken(deadline());
      // Assess
      expect([token, again]).toEqual(['ya29.at-secret-2', 'ya29.at-secret-2']);
      expect(http.requests.map((r) => r.form)).toEqual([
        {
          refresh_token: '1//rt-secret-1',
          client_id: 'client-1',
          client_secret: 'app-secret',
          grant_type: 'refresh_token',
        },
      ]);
      expect(http.requests[0]!.headers.get('content-type')).toBe('application/x-www-form-urlencoded;charset=UTF-8');
      expect(db.updates).toEqual([
        { managerId: MANAGER, connectionId: 'google-1', sealed: cipher.sealed.at(-1), expectedVersion: 1 },
      ]);
      expect(db.stored('google-1').version).toBe(2);
      // Google does not rotate refresh tokens: the stored one stays.
      expect(await storedCredentials()).toEqual({
        refreshToken: '1//rt-secret-1',
        accessToken: 'ya29.at-secret-2',
        accessTokenExpiresAt: time.state.now + 3_599_000,
        scope: fixture<{ scope: string }>('token-refresh').scope,
      });
    });

    it('keeps a refresh token the endpoint does send back', async () => {
      // Prepare
      const { http, source, deadline, storedCredentials } = await setup(-MINUTE);
      http.on('POST /token', json(200, { ...fixture('token-refresh'), refresh_token: '1//rt-secret-2' }));
      // Act
      await source().getAccessToken(deadline());
      // Assess
      expect((await storedCredentials()).refreshToken).toBe('1//rt-secret-2');
    });

    it('shares one refresh between parallel callers, and a forced refresh joins it', async () => {
      // Prepare
      const { http, source, deadline } = await setup(-MINUTE);
      const tokens = source();
      // Act
      const all = await Promise.all([
        tokens.getAccessToken(deadline()),
        tokens.getAccessToken(deadline()),
        tokens.getAccessToken(deadline(), true),
      ]);
      // Assess
      expect(all).toEqual(['ya29.at-secret-2', 'ya29.at-secret-2', 'ya29.at-secret-2']);
      expect(http.requests).toHaveLength(1);
    });

    it('refreshes a fresh token when forced (after a 401)', async () => {
      // Prepare
      const { http, source, deadline } = await setup(30 * MINUTE);
      // Act
      const token = await source().getAccessToken(deadline(), true);
      // Assess
      expect(token).toBe('ya29.at-secret-2');
      expect(http.requests).toHaveLength(1);
    });

    it('answers a 401 on an older token with the one a parallel refresh got: one refresh, not two', async () => {
      // Prepare
      const { http, source, deadline } = await setup(30 * MINUTE);
      const tokens = source();
      const stale = await tokens.getAccessToken(deadline());
      const renewed = await tokens.getAccessToken(deadline(), true, stale);
      // Act
      const again = await tokens.getAccessToken(deadline(), true, stale);
      // Assess
      expect(renewed).not.toBe(stale);
      expect(again).toBe(renewed);
      expect(http.requests).toHaveLength(1);
    });

    it('tolerates a ConcurrencyError on write-back (another invocation refreshed first) silently', async () => {
      // Prepare: the store already moved on to version 2.
      const { db, logger, source, deadline } = await setup(-MINUTE, { storedVersion: 2 });
      // Act
      const token = await source().getAccessToken(deadline());
      // Assess
      expect(token).toBe('ya29.at-secret-2');
      expect(db.updates).toHaveLength(1);
      expect(logger.warn).not.toHaveBeenCalled();
    });

    it('logs another write-back failure and still answers with the new token', async () => {
      // Prepare
      const { db, logger, source, deadline } = await setup(-MINUTE);
      const broken = { ...db.store, updateCredentials: async () => Promise.reject(new Error('DynamoDB down')) };
      // Act
      const token = await source(undefined, broken).getAccessToken(deadline());
      // Assess
      expect(token).toBe('ya29.at-secret-2');
      expect(logger.warn).toHaveBeenCalledWith('Could not store the refreshed Google credentials', {
        managerId: MANAGER,
        connectionId: 'google-1',
        error: 'Error',
      });
    });
    it('refreshes a token with exactly five minutes left', async () => {
      // Prepare
      const { http, source, deadline } = await setup(5 * MINUTE);
      // Act
      const token = await source().getAccessToken(deadline());
      // Assess
      expect(token).toBe('ya29.at-secret-2');
      expect(http.requests).toHaveLength(1);
    });

    it('refreshes again once the refreshed token nears its own expiry', async () => {
      // Prepare
      const { http, time, source, deadline } = await setup(-MINUTE);
      const tokens = source();
      await tokens.getAccessToken(deadline());
      time.state.now += 3_599_000 - 5 * MINUTE;
      // Act
      const token = await tokens.getAccessToken(deadline());
      // Assess
      expect(token).toBe('ya29.at-secret-2');
      expect(http.requests).toHaveLength(2);
    });

    it('answers calls that arrive during a forced refresh with its new token', async () => {
      // Prepare
      const { http, source, deadline } = await setup(30 * MINUTE);
      const gate = holdFirstToken(http);
      const tokens = source();
      const forced = tokens.getAccessToken(deadline(), true, 'ya29.at-secret-1');
      await gate.sent;
      // Act
      const plain = tokens.getAccessToken(deadline());
      const olderRefusal = tokens.getAccessToken(deadline(), true, 'ya29.at-secret-0');
      gate.release(json(200, fixture('token-refresh')));
      // Assess
      expect(await Promise.all([forced, plain, olderRefusal])).toEqual(Array(3).fill('ya29.at-secret-2'));
      expect(http.requests).toHaveLength(1);
    });

    it('writes back without a logger too, when the write fails', async () => {
      // Prepare
      const { db, source, deadline } = await setup(-MINUTE);
      const broken = { ...db.store, updateCredentials: async () => Promise.reject(new Error('DynamoDB down')) };
      // Act
      const token = await source(undefined, broken, null).getAccessToken(deadline());
      // Assess
      expect(token).toBe('ya29.at-secret-2');
    });
  });

  describe('Method: getAccessToken (failures)', () => {
    it('turns invalid_grant into ReconnectRequiredError and never sends that refresh token again', async () => {
      // Prepare
      const { http, db, source, deadline } = await setup(-MINUTE);
      http.on('POST /token', json(400, fixture('token-invalid-grant')));
      const tokens = source();
      // Act
      const first = tokens.getAccessToken(deadline());
      await expect(first).rejects.toBeInstanceOf(ReconnectRequiredError);
      const second = tokens.getAccessToken(deadline(), true);
      // Assess
      await expect(second).rejects.toBeInstanceOf(ReconnectRequiredError);
      expect(http.requests).toHaveLength(1);
      expect(db.updates).toHaveLength(0);
    });

    it('treats 401 invalid_client as our configuration (ProviderError), not a revoked grant', async () => {
      // Prepare
      const { http, source, deadline } = await setup(-MINUTE);
      http.on('POST /token', json(401, fixture('token-invalid-client')));
      // Act
      const getting = source().getAccessToken(deadline());
      // Assess
      await expect(getting).rejects.toBeInstanceOf(ProviderError);
      await expect(getting).rejects.toMatchObject({ status: 401, code: 'invalid_client' });
    });

    it('retries 5xx and network failures, then is unavailable (never reconnect)', async () => {
      // Prepare
      const { http, time, source, deadline } = await setup(-MINUTE);
      http.on('POST /token', json(503, {}), new TypeError('fetch failed'), json(500, {}));
      // Act
      const getting = source().getAccessToken(deadline());
      // Assess
      await expect(getting).rejects.toBeInstanceOf(ProviderUnavailableError);
      expect(http.requests).toHaveLength(3);
      expect(time.state.sleeps).toEqual([250, 500]);
    });

    it('falls back on the stored token while it still works when an eager refresh is unavailable', async () => {
      // Prepare
      const { http, source, deadline } = await setup(2 * MINUTE);
      http.on('POST /token', json(503, {}));
      // Act
      const token = await source().getAccessToken(deadline());
      // Assess
      expect(token).toBe('ya29.at-secret-1');
      expect(http.requests).toHaveLength(3);
    });

    it('never answers a 401 with the refused token, when the eager refresh it joined fell back on it', async () => {
      // Prepare: the eager refresh gets three 503s (falls back on the stored token); the forced one then succeeds.
      const { http, source, deadline } = await setup(2 * MINUTE);
      http.on('POST /token', json(503, {}), json(503, {}), json(503, {}), json(200, fixture('token-refresh')));
      const tokens = source();
      // Act
      const [eager, forced] = await Promise.all([
        tokens.getAccessToken(deadline()),
        tokens.getAccessToken(deadline(), true, 'ya29.at-secret-1'),
      ]);
      // Assess
      expect(eager).toBe('ya29.at-secret-1');
      expect(forced).toBe('ya29.at-secret-2');
      expect(http.requests).toHaveLength(4);
    });
    it('joins an eager refresh that fell back: only a 401 on that very token refreshes again', async () => {
      // Prepare: the eager refresh is under way (then gets 503s) when the other calls come in.
      const { http, source, deadline } = await setup(2 * MINUTE);
      const gate = holdFirstToken(http, json(503, {}), json(503, {}), json(200, fixture('token-refresh')));
      const tokens = source();
      const eager = tokens.getAccessToken(deadline());
      await gate.sent;
      // Act
      const calls = [
        tokens.getAccessToken(deadline()),
        tokens.getAccessToken(deadline(), true, 'ya29.at-secret-0'),
        tokens.getAccessToken(deadline(), false, 'ya29.at-secret-1'),
        tokens.getAccessToken(deadline(), true, 'ya29.at-secret-1'),
      ];
      gate.release(json(503, {}));
      // Assess
      expect(await Promise.all([eager, ...calls])).toEqual([
        'ya29.at-secret-1',
        'ya29.at-secret-1',
        'ya29.at-secret-1',
        'ya29.at-secret-1',
        'ya29.at-secret-2',
      ]);
      expect(http.requests).toHaveLength(4);
    });

    it('tries an unavailable refresh again on the next call (only invalid_grant is final)', async () => {
      // Prepare
      const { http, source, deadline } = await setup(-MINUTE);
      http.on('POST /token', json(503, {}), json(503, {}), json(503, {}), json(200, fixture('token-refresh')));
      const tokens = source();
      await expect(tokens.getAccessToken(deadline())).rejects.toBeInstanceOf(ProviderUnavailableError);
      // Act
      const token = await tokens.getAccessToken(deadline());
      // Assess
      expect(token).toBe('ya29.at-secret-2');
    });

    it('falls back only on a token with over 30 seconds left, and only when Google is unavailable', async () => {
      // Prepare: a deadline already reached makes the refresh unavailable without the clock moving.
      const { http, time, source } = await setup(30_000);
      const spent = { at: time.state.now };
      const last = await setup(31_000);
      last.http.on('POST /token', json(401, fixture('token-invalid-client')));
      // Act
      const atLimit = source().getAccessToken(spent);
      const fallback = await last.source().getAccessToken({ at: last.time.state.now });
      const misconfigured = last.source().getAccessToken(last.deadline());
      // Assess
      await expect(atLimit).rejects.toBeInstanceOf(ProviderUnavailableError);
      expect(fallback).toBe('ya29.at-secret-1');
      await expect(misconfigured).rejects.toMatchObject({ name: 'ProviderError', code: 'invalid_client' });
      expect(http.requests).toHaveLength(0);
    });

    it('asks to reconnect a connection without stored credentials', async () => {
      // Prepare
      const { row, open, source, deadline } = await setup(6 * MINUTE);
      // Act
      const getting = source({ ...row, credentials: '' }).getAccessToken(deadline());
      // Assess
      await expect(getting).rejects.toMatchObject({
        name: 'ReconnectRequiredError',
        message: 'No stored Google credentials',
      });
      expect(open).not.toHaveBeenCalled();
    });

    it('reports credentials the cipher cannot open as unavailable, keeping the cause', async () => {
      // Prepare
      const cause = new Error('KMS throttled');
      const { source, deadline } = await setup(6 * MINUTE, { cipher: { open: async () => Promise.reject(cause) } });
      // Act
      const getting = source().getAccessToken(deadline());
      // Assess
      await expect(getting).rejects.toMatchObject({
        name: 'ProviderUnavailableError',
        message: 'Could not open the stored Google credentials',
        cause,
      });
    });
  });
});
