/** Manager connections and pending OAuth authorizations. */
import type { OwnerSchedule } from '../types';

/** Stored state of a manager's calendar connection. `tokenCache` is always a sealed envelope, never plaintext. */
export interface ManagerConnection {
  managerId: string;
  provider: 'microsoft';
  /** The connected account's email address. */
  account: string;
  displayName?: string;
  homeAccountId: string;
  /** The owner's IANA zone, from the mailbox; absent means "use the configured default". */
  timeZone?: string;
  /** Working hours from the mailbox; absent means "use the configured default". */
  working?: OwnerSchedule['working'];
  /** ISO instant the mailbox settings were last read. */
  mailboxCheckedAt?: string;
  needsReconnect: boolean;
  connectedAt: string;
  lastUsedAt?: string;
  /** Optimistic-concurrency counter for token cache write-backs. */
  version: number;
  /** Sealed (envelope-encrypted) msal token cache. */
  tokenCache: string;
}

/** Manager connections (the Connections table). */
export interface ConnectionStore {
  get(managerId: string): Promise<ManagerConnection | undefined>;
  /** Creates or replaces a connection (a fresh connect). */
  put(connection: ManagerConnection): Promise<void>;
  /** Writes a changed token cache if the stored version still equals `expectedVersion`; returns the new version. Throws ConcurrencyError. */
  updateTokenCache(managerId: string, sealedCache: string, expectedVersion: number): Promise<number>;
  /** Flags the connection as needing a reconnect (grant revoked or expired). */
  markNeedsReconnect(managerId: string, at: string): Promise<void>;
  /** Records that the calendar was used. */
  touch(managerId: string, at: string): Promise<void>;
  /** Stores a freshly read owner schedule (absent parts are removed, so they fall back to the defaults again). */
  updateSchedule(managerId: string, schedule: OwnerSchedule, checkedAt: string): Promise<void>;
}

/** One pending OAuth authorization, stored under the SHA-256 of its state. */
export interface OAuthStateRecord {
  stateHash: string;
  managerId: string;
  codeVerifier: string;
  nonce: string;
  /** SHA-256 (base64url) of the browser-binding cookie value. */
  bindingHash: string;
  /** Epoch seconds after which the state is void (checked on read, not left to TTL). */
  expiresAt: number;
  /** The invite this authorization was started from (bound to the first account it connects). */
  inviteId?: string;
  /** Epoch seconds the invite itself expires (how long its "used" mark must be kept). */
  inviteExpiresAt?: number;
  /** Epoch seconds the invite was issued (an invite older than the current connection cannot switch its account). */
  inviteIssuedAt?: number;
}

/** Pending OAuth authorizations (the OAuthState table). */
export interface StateStore {
  put(record: OAuthStateRecord): Promise<void>;
  /** Atomically deletes and returns the record if it exists and has not expired at `nowEpochSeconds`; else undefined. */
  consume(stateHash: string, nowEpochSeconds: number): Promise<OAuthStateRecord | undefined>;
  /**
   * Binds an invite to the account it connected (conditional put): true when the invite is unused or already bound to
   * this same account, false when it connected a different account (a leaked link cannot re-link the manager).
   */
  claimInvite(inviteId: string, homeAccountId: string, inviteExpiresAt: number): Promise<boolean>;
}
