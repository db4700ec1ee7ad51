/**
 * In-memory plaintext data keys for KmsCipher, so a warm container opens and re-seals a manager's token cache with no
 * KMS call. Bounded three ways (age in the cache, encryptions per key, LRU size) plus a lifetime measured from the
 * key's generation, so a key is not chained across write-backs forever and KMS key rotation still takes effect.
 * Keys are zeroed when evicted. Nothing here is ever logged.
 */

export interface DataKeyLimits {
  /** How long a key may stay in this container's cache (default 1 h). */
  maxAgeMs: number;
  /** Encryptions per cached key before a fresh one is generated (default 1,000). */
  maxUses: number;
  /** Entries kept, least recently used evicted first (default 100). */
  maxEntries: number;
  /** A key generated longer ago than this still opens blobs but no longer seals new ones (default 24 h). */
  maxSealLifetimeMs: number;
}

export const DEFAULT_LIMITS: DataKeyLimits = {
  maxAgeMs: 3_600_000,
  maxUses: 1_000,
  maxEntries: 100,
  maxSealLifetimeMs: 86_400_000,
};

/** A plaintext data key with the wrapped form and metadata needed to seal with it. */
export interface DataKey {
  key: Buffer;
  edk: Buffer;
  kid: string;
  /** Epoch seconds the key was generated. */
  iat: number;
}

interface Entry extends DataKey {
  cachedAt: number;
  uses: number;
}

/** LRU of data keys keyed by (canonical context, wrapped key); one "sealing" key per context. */
export class DataKeyCache {
  private readonly entries = new Map<string, Entry>();
  private readonly sealing = new Map<string, string>();

  constructor(
    private readonly limits: DataKeyLimits,
    private readonly now: () => number,
  ) {}

  /** The plaintext key for a wrapped key under this context, if cached and not too old. */
  forOpening(context: string, edk: Buffer): Buffer | undefined {
    const id = entryId(context, edk);
    const entry = this.fresh(id);
    return entry?.key;
  }

  /** A key to seal with under this context, counting the use; undefined when none is within every limit. */
  forSealing(context: string): DataKey | undefined {
    const id = this.sealing.get(context);
    const entry = id ? this.fresh(id) : undefined;
    if (!entry || entry.uses >= this.limits.maxUses || this.now() - entry.iat * 1000 >= this.limits.maxSealLifetimeMs)
      return undefined;
    entry.uses += 1;
    return entry;
  }

  /** Caches a key (taking ownership of its buffer) and makes it the context's sealing key. */
  put(context: string, dataKey: DataKey, uses = 0): void {
    const id = entryId(context, dataKey.edk);
    this.evict(id);
    this.entries.set(id, { ...dataKey, cachedAt: this.now(), uses });
    this.sealing.set(context, id);
    while (this.entries.size > this.limits.maxEntries) this.evict(this.entries.keys().next().value as string);
  }

  /** Zeroes and drops every key. */
  clear(): void {
    for (const id of [...this.entries.keys()]) this.evict(id);
  }

  private fresh(id: string): Entry | undefined {
    const entry = this.entries.get(id);
    if (!entry) return undefined;
    if (this.now() - entry.cachedAt >= this.limits.maxAgeMs) {
      this.evict(id);
      return undefined;
    }
    // Map order is the LRU order: move to the back on every hit.
    this.entries.delete(id);
    this.entries.set(id, entry);
    return entry;
  }

  private evict(id: string): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    entry.key.fill(0);
    this.entries.delete(id);
    for (const [context, sealingId] of this.sealing) if (sealingId === id) this.sealing.delete(context);
  }
}

function entryId(context: string, edk: Buffer): string {
  return `${context}\n${edk.toString('base64url')}`;
}
