/**
 * Access tokens kept in process memory across invocations, so a warm tool call neither opens (decrypts) nor parses
 * the sealed cache. An entry is bound to the connection's credential version: once another writer stores a newer
 * cache the version no longer matches and the entry is dropped. Only tokens are kept, never a refresh token.
 */

/** How long before its expiry an access token stops being handed out (msal's 300 s renewal offset). */
export const RENEWAL_OFFSET_MS = 300_000;

interface Remembered {
  version: number;
  token: string;
  /** expires_on minus RENEWAL_OFFSET_MS (epoch ms). */
  usableUntil: number;
}

/** Per-process access tokens by manager and connection; the oldest go first beyond `limit` entries. */
export class TokenMemory {
  private readonly entries = new Map<string, Remembered>();

  constructor(private readonly limit = 1_000) {}

  /** The token remembered for exactly this credential version, while usable at `now`; a stale entry is dropped. */
  get(managerId: string, connectionId: string, version: number, now: number): string | undefined {
    const key = keyOf(managerId, connectionId);
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.version === version && entry.usableUntil > now) return entry.token;
    this.entries.delete(key);
    return undefined;
  }

  /** Remembers `token` (valid until `expiresOnMs`) for the credential version it was read from or stored as. */
  set(managerId: string, connectionId: string, version: number, token: string, expiresOnMs: number): void {
    const key = keyOf(managerId, connectionId);
    this.entries.delete(key);
    this.entries.set(key, { version, token, usableUntil: expiresOnMs - RENEWAL_OFFSET_MS });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limit) break;
      this.entries.delete(oldest);
    }
  }

  /** Forgets the connection's token (a forced refresh: Graph refused it, or the keeper renews the grant). */
  drop(managerId: string, connectionId: string): void {
    this.entries.delete(keyOf(managerId, connectionId));
  }

  /** Entries held (tests). */
  get size(): number {
    return this.entries.size;
  }
}

function keyOf(managerId: string, connectionId: string): string {
  return JSON.stringify([managerId, connectionId]);
}
