/** Managers' calendar connections, their own settings, and pending OAuth authorizations. */
import type { OwnerSchedule } from '../types';

/** What a calendar is for: `book` takes new bookings (one per manager), `busy` counts for conflicts, `ignore` not. */
export type CalendarRole = 'book' | 'busy' | 'ignore';

/** One calendar of a connection, with the role the manager gave it. */
export interface ConnectedCalendar {
  id: string;
  name: string;
  role: CalendarRole;
  /** False for a calendar the account may only read: it can never take the `book` role. */
  canEdit: boolean;
  /**
   * True for a calendar someone else shared with the account. The grant we ask for does not reach those (the
   * provider refuses reads), so it is always `ignore`. Absent (calendars stored before the flag): not shared.
   */
  shared?: boolean;
}

/**
 * One connected account of a manager. `credentials` is always a sealed envelope, never plaintext; its format is the
 * provider adapter's business (a token cache, say).
 */
export interface CalendarConnection {
  /** Stable per (provider, account): reconnecting the same account replaces, another account adds. */
  connectionId: string;
  provider: string;
  /** The provider's stable id of the account. */
  accountId: string;
  /** The address the account goes by. */
  account: string;
  displayName?: string;
  calendars: ConnectedCalendar[];
  credentials: string;
  needsReconnect: boolean;
  connectedAt: string;
  lastUsedAt?: string;
  /** When the keeper last redeemed this connection's refresh token (the grant's idle clock restarts then). */
  lastRefreshedAt?: string;
  /** Optimistic-concurrency counter of this connection's credentials (token write-backs). */
  version: number;
  /** The owner's zone and hours as this account's calendar settings say, and when they were last read. */
  schedule?: OwnerSchedule;
  scheduleCheckedAt?: string;
}

/** Everything connected for one manager. `revision` counts whole-record changes (connect, roles, disconnect). */
export interface ManagerConnections {
  managerId: string;
  connections: CalendarConnection[];
  revision: number;
}

/** What a read saw, for a conditional save: the record's revision and each connection's credential version. */
export interface ReadVersions {
  revision: number;
  versions: Record<string, number>;
}

/** What a record read saw (for save's condition). */
export function versionsOf(record: ManagerConnections): ReadVersions {
  return {
    revision: record.revision,
    versions: Object.fromEntries(record.connections.map((c) => [c.connectionId, c.version])),
  };
}

/** Manager connections (the Connections table, one item per manager). Older single-connection items migrate on read. */
export interface ConnectionStore {
  get(managerId: string): Promise<ManagerConnections | undefined>;
  /**
   * Writes the whole record if nothing changed since it was read (`expected` is what was read; undefined: nothing was
   * stored): the stored revision still equals it, and each connection named in `expected.versions` still has that
   * version (so no token write-back is overwritten). Stores `record.revision + 1`. Throws ConcurrencyError otherwise.
   * A connection left out is deleted, sealed credentials and all.
   */
  save(record: ManagerConnections, expected: ReadVersions | undefined): Promise<void>;
  /** Writes changed credentials if the connection's version still equals `expectedVersion`; returns the new version. */
  updateCredentials(managerId: string, connectionId: string, sealed: string, expectedVersion: number): Promise<number>;
  /** Flags one connection as needing a reconnect (grant revoked or expired). */
  markNeedsReconnect(managerId: string, connectionId: string, at: string): Promise<void>;
  /** Records that the manager's calendars were used. */
  touch(managerId: string, at: string): Promise<void>;
  /** Stores a freshly read owner schedule of one connection (absent parts removed, so the defaults apply again). */
  updateSchedule(managerId: string, connectionId: string, schedule: OwnerSchedule, checkedAt: string): Promise<void>;
}

/** A manager's own settings, set by an operator (admin API) or on the manager's page; all optional. */
export interface ManagerSettings {
  timeZone?: string;
  /** "mon-fri 09:00-17:00; sat 10:00-14:00", in the manager's zone. */
  workingHours?: string;
  slotMinutes?: number;
  slotIntervalMinutes?: number;
  bufferMinutes?: number;
  minNoticeMinutes?: number;
  horizonDays?: number;
  tentativeBlocks?: boolean;
  /** Callers who give an email get the calendar invitation (default true). */
  inviteAttendees?: boolean;
  /** Bookings ask for an online meeting (Teams, Meet) unless the call says otherwise (default false). */
  onlineMeetings?: boolean;
}

/** Manager settings (the Settings table), stored apart from connections. */
export interface SettingsStore {
  get(managerId: string): Promise<ManagerSettings | undefined>;
  /** Merges `changes` into the stored settings (a null removes a setting) and returns the result. */
  merge(managerId: string, changes: SettingsChanges, at: string): Promise<ManagerSettings>;
}

/** A settings update: a value sets, null removes, absent keeps. */
export type SettingsChanges = { [K in keyof ManagerSettings]?: ManagerSettings[K] | null };

/** One pending OAuth authorization, stored under the SHA-256 of its state. */
export interface OAuthStateRecord {
  stateHash: string;
  managerId: string;
  /** The provider the manager chose. */
  provider: string;
  /** "add": another account beside those connected (the manager's page); "connect": a first connect or a reconnect. */
  intent: 'connect' | 'add';
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
  /** The account the invite expects (its email), checked after the code exchange. */
  expectedEmail?: string;
}

/** Pending OAuth authorizations (the OAuthState table). */
export interface StateStore {
  put(record: OAuthStateRecord): Promise<void>;
  /**
   * Atomically deletes and returns the record if it exists and has not expired at `nowEpochSeconds`; else undefined.
   */
  consume(stateHash: string, nowEpochSeconds: number): Promise<OAuthStateRecord | undefined>;
  /**
   * Binds an invite to the account it connected (conditional put): true when the invite is unused or already bound to
   * this same account, false when it connected a different account (a leaked link cannot re-link the manager).
   */
  claimInvite(inviteId: string, accountKey: string, inviteExpiresAt: number): Promise<boolean>;
}
