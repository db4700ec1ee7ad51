/**
 * Google's id_token signing keys (JWKS at `${api}/oauth2/v3/certs`), cached per container: a connect costs one key
 * fetch per several hours, not one per sign-in. An unknown kid refetches once (Google rotates keys), at most a minute.
 */
import { createPublicKey, type JsonWebKey, type KeyObject } from 'node:crypto';
import type { Deadline } from '../../domain/ports';
import { ProviderError } from '../../domain/errors';
import type { RoundTrip, Transport } from '../shared/http-retry';
import { isRecord } from '../shared/is-record';
import { sendOAuth } from './oauth-http';

interface CachedSet {
  keys: Map<string, KeyObject>;
  fetchedAt: number;
  expiresAt: number;
}

const DEFAULT_TTL_MS = 3_600_000;
const MIN_TTL_MS = 300_000;
const MAX_TTL_MS = 6 * 3_600_000;
// A token naming a key we do not hold refetches the set, but not more often than this.
const REFETCH_AFTER_MS = 60_000;

/** Key sets by URL; one per container unless a test brings its own. */
export class JwksCache {
  readonly sets = new Map<string, CachedSet>();
}

const containerCache = new JwksCache();

export interface SigningKeysOptions {
  url: URL;
  /** The path reported to onRequest ("/oauth2/v3/certs"). */
  path: string;
  transport: Transport;
  onRequest?: (event: RoundTrip) => void;
  cache?: JwksCache;
}

/** The RSA public key for a kid, or undefined when Google's current set has none of that id. */
export class GoogleSigningKeys {
  private readonly cache: JwksCache;

  constructor(private readonly options: SigningKeysOptions) {
    this.cache = options.cache ?? containerCache;
  }

  /** The key named `kid`, from the cached set while it is fresh, else from a new fetch. */
  async key(kid: string, deadline: Deadline): Promise<KeyObject | undefined> {
    const now = this.options.transport.clock();
    const href = this.options.url.href;
    let set = this.cache.sets.get(href);
    const stale = !set || set.expiresAt <= now || (!set.keys.has(kid) && now - set.fetchedAt >= REFETCH_AFTER_MS);
    if (stale) {
      set = await this.fetchSet(deadline);
      this.cache.sets.set(href, set);
    }
    return set!.keys.get(kid);
  }

  private async fetchSet(deadline: Deadline): Promise<CachedSet> {
    const { url, path, transport, onRequest } = this.options;
    const reply = await sendOAuth(transport, { method: 'GET', url, path, retryNetwork: true }, deadline, onRequest);
    const body = reply.body;
    if (reply.status !== 200 || !isRecord(body) || !Array.isArray(body.keys)) {
      throw new ProviderError(`Google signing keys answered ${reply.status}`, reply.status, 'InvalidJwks');
    }
    const keys = new Map<string, KeyObject>();
    for (const jwk of body.keys) {
      if (!isRecord(jwk) || jwk.kty !== 'RSA' || typeof jwk.kid !== 'string') continue;
      if (jwk.use !== undefined && jwk.use !== 'sig') continue;
      try {
        keys.set(jwk.kid, createPublicKey({ key: jwk as JsonWebKey, format: 'jwk' }));
      } catch {
        // One malformed key must not hide the others.
      }
    }
    const now = transport.clock();
    return { keys, fetchedAt: now, expiresAt: now + ttlMs(reply.headers.get('cache-control')) };
  }
}

/** How long to keep a set: Cache-Control max-age (Google sends hours), within [5 min, 6 h]; 1 h without one. */
function ttlMs(cacheControl: string | null): number {
  const match = /(?:^|,)\s*max-age=(\d+)/i.exec(cacheControl ?? '');
  if (!match) return DEFAULT_TTL_MS;
  return Math.min(MAX_TTL_MS, Math.max(MIN_TTL_MS, Number(match[1]) * 1000));
}
