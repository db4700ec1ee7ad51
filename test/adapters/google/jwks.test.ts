/** GoogleSigningKeys: which keys of Google's JWKS count, how long a set is kept, and a broken answer. */
import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { GoogleSigningKeys, JwksCache } from '../../../functions/adapters/google/jwks';
import { transportOf } from '../../../functions/adapters/shared/http-retry';
import { googleFetch, idTokenSigner, json, manualClock } from './helpers';

const CERTS = 'GET /oauth2/v3/certs';
const HOUR = 3_600_000;
const signer = idTokenSigner('kid-1');

/** Signing keys over a routed fetch answering `replies` for the certs URL, on a manual clock. */
function setup(...replies: Parameters<ReturnType<typeof googleFetch>['on']>[1][]) {
  const time = manualClock();
  const http = googleFetch({ [CERTS]: replies });
  const keys = new GoogleSigningKeys({
    url: new URL('https://www.googleapis.com/oauth2/v3/certs'),
    path: '/oauth2/v3/certs',
    transport: transportOf({ fetch: http.fetch, clock: time.clock, sleep: time.sleep, random: () => 1 }),
    cache: new JwksCache(),
  });
  const deadline = () => ({ at: time.state.now + 10_000 });
  return { keys, http, time, deadline, fetches: () => http.to(CERTS).length };
}

/** A JWKS answer with those keys and that Cache-Control (none when undefined). */
const jwks = (keys: unknown[], cacheControl?: string) =>
  json(200, { keys }, cacheControl === undefined ? {} : { 'cache-control': cacheControl });

describe('Class: GoogleSigningKeys', () => {
  describe('Method: key (which keys count)', () => {
    it('keeps RSA signing keys (use "sig" or none) and skips other key types, encryption keys and junk', async () => {
      // Prepare
      const ec = { ...generateKeyPairSync('ec', { namedCurve: 'P-256' }).publicKey.export({ format: 'jwk' }) };
      const rsa = (kid: string, use?: string) => ({ ...signer.jwk, kid, use });
      const { keys, deadline } = setup(
        jwks([null, 'junk', { ...ec, kid: 'ec-1' }, rsa('enc-1', 'enc'), rsa('plain-1'), signer.jwk]),
      );
      // Act
      const found = await Promise.all(['kid-1', 'plain-1', 'enc-1', 'ec-1'].map((kid) => keys.key(kid, deadline())));
      // Assess
      expect(found.map((key) => key?.asymmetricKeyType)).toEqual(['rsa', 'rsa', undefined, undefined]);
    });

    it('retries a network failure of the key fetch', async () => {
      // Prepare
      const { keys, deadline, fetches } = setup(new TypeError('fetch failed'), signer.jwks());
      // Act
      const key = await keys.key('kid-1', deadline());
      // Assess
      expect(key?.asymmetricKeyType).toBe('rsa');
      expect(fetches()).toBe(2);
    });

    it.each([
      ['a 404 error page', json(404, { error: 'not_found' }), 404],
      ['a non-200 answer carrying keys', json(400, { keys: [signer.jwk] }), 400],
      ['an HTML 200', new Response('<html>down</html>', { status: 200 }), 200],
      ['a 200 without a keys list', json(200, { keys: 'none' }), 200],
    ])('refuses %s as InvalidJwks, naming the status', async (_what, reply, status) => {
      // Prepare
      const { keys, deadline } = setup(reply);
      // Act
      const reading = keys.key('kid-1', deadline());
      // Assess
      await expect(reading).rejects.toMatchObject({
        name: 'ProviderError',
        code: 'InvalidJwks',
        status,
        message: `Google signing keys answered ${status}`,
      });
    });
  });

  describe('Method: key (caching)', () => {
    it('refetches an unknown kid (rotation), but not again within a minute, and a known kid not at all', async () => {
      // Prepare
      const { keys, time, deadline, fetches } = setup(signer.jwks());
      await keys.key('kid-1', deadline());
      // Act
      time.state.now += 30_000;
      await keys.key('kid-2', deadline());
      const withinMinute = fetches();
      time.state.now += 30_000;
      await keys.key('kid-1', deadline());
      const knownAfterMinute = fetches();
      await keys.key('kid-2', deadline());
      // Assess
      expect([withinMinute, knownAfterMinute, fetches()]).toEqual([1, 1, 2]);
    });

    it.each([
      ['no Cache-Control: one hour', undefined, HOUR],
      ['max-age first', 'max-age=600', 600_000],
      ['max-age after another directive', 'public, max-age=900, must-revalidate', 900_000],
      ['max-age after a comma without space', 'public,max-age=1200', 1_200_000],
      ['a max-age under five minutes: five minutes', 'max-age=10', 300_000],
      ['a max-age over six hours: six hours', 'public, max-age=86400', 6 * HOUR],
      ['s-maxage only: one hour', 'public, s-maxage=600', HOUR],
    ])('keeps a set for its lifetime (%s), then fetches it again', async (_what, cacheControl, lifetime) => {
      // Prepare
      const { keys, time, deadline, fetches } = setup(jwks([signer.jwk], cacheControl));
      const start = time.state.now;
      await keys.key('kid-1', deadline());
      // Act
      time.state.now = start + lifetime - 1;
      await keys.key('kid-1', deadline());
      const before = fetches();
      time.state.now = start + lifetime;
      await keys.key('kid-1', deadline());
      // Assess
      expect([before, fetches()]).toEqual([1, 2]);
    });
  });
});
