/** Narrow ports through which the pure domain talks to the world. Adapters live in functions/adapters. */
import type {
  CalendarEntry, CreatedEvent, Interval, MailboxSettings, NewCalendarEvent, ProviderProfile, WorkingSchedule,
} from './types';

/** An absolute deadline (epoch ms, same clock as Date.now()) that every downstream call must respect. */
export interface Deadline {
  readonly at: number;
}

/** One manager's calendar, already authenticated. */
export interface CalendarProvider {
  /** Entries overlapping `range` (recurring series expanded into occurrences). */
  listEntries(range: Interval, deadline: Deadline): Promise<CalendarEntry[]>;
  /** Creates an event; a replay with the same transactionId returns the same event. */
  createEvent(event: NewCalendarEvent, deadline: Deadline): Promise<CreatedEvent>;
  /** The mailbox's time zone and working hours. */
  getMailboxSettings(deadline: Deadline): Promise<MailboxSettings>;
  /** The signed-in user. */
  getProfile(deadline: Deadline): Promise<ProviderProfile>;
}

/** Stored state of a manager's calendar connection. `tokenCache` is always a sealed envelope, never plaintext. */
export interface ManagerConnection {
  managerId: string;
  provider: 'microsoft';
  /** The connected account's email address. */
  account: string;
  displayName?: string;
  homeAccountId: string;
  /** The owner's IANA zone, from the mailbox. */
  timeZone: string;
  /** Working hours from the mailbox; absent means "use the configured default". */
  working?: WorkingSchedule;
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
  /** Stores freshly read mailbox settings. */
  updateSchedule(managerId: string, timeZone: string, working: WorkingSchedule | undefined, checkedAt: string): Promise<void>;
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

export type BookingStatus = 'pending' | 'confirmed' | 'cancelled';

/** A booking made through the voice agent. */
export interface BookingRecord {
  managerId: string;
  bookingId: string;
  /** ISO 8601 with the owner's offset. */
  start: string;
  end: string;
  startMs: number;
  endMs: number;
  callerName: string;
  callerPhone?: string;
  callerEmail?: string;
  propertyAddress?: string;
  notes?: string;
  eventId?: string;
  status: BookingStatus;
  toolCallId: string;
  callId?: string;
  confirmationCode: string;
  createdAt: string;
}

/** What a finished tool call answered, kept so a redelivery gets the same answer. */
export interface StoredToolAnswer {
  result?: string;
  error?: string;
}

export type ToolCallClaim =
  | { claimed: true }
  | { claimed: false; state: 'in_progress' }
  | { claimed: false; state: 'done'; answer: StoredToolAnswer };

/** Bookings, slot locks and tool-call idempotency records (the Bookings table). */
export interface BookingStore {
  /** Claims a tool call id for processing (conditional put). A second claim sees the first's state or answer. */
  claimToolCall(toolCallId: string, nowMs: number): Promise<ToolCallClaim>;
  /** Stores the final answer of a claimed tool call. */
  completeToolCall(toolCallId: string, answer: StoredToolAnswer, nowMs: number): Promise<void>;
  /** Drops a claim so that a retry can run again (used when the failure was transient). */
  releaseToolCall(toolCallId: string): Promise<void>;
  /**
   * Atomically takes every lock cell (epoch-ms cell starts) for the booking's manager and writes the booking as pending.
   * A cell is free if absent, or held as pending with a lease that ended before `nowMs`. Throws SlotTakenError.
   */
  reserve(booking: BookingRecord, cells: number[], leaseUntilMs: number, nowMs: number): Promise<void>;
  /** Marks the booking (and its cells) confirmed with the provider's event id. */
  confirm(booking: BookingRecord, cells: number[], eventId: string): Promise<void>;
  /** Deletes a pending booking and its cells (only cells this booking holds). */
  release(booking: BookingRecord, cells: number[]): Promise<void>;
  /**
   * Retires a confirmed booking whose calendar event no longer exists (the manager deleted or moved it in Outlook):
   * marks it cancelled and frees the cells it still holds. Conditional on it still being confirmed.
   */
  retire(booking: BookingRecord, cells: number[]): Promise<void>;
  /** The booking currently holding a cell, if any. */
  holderOf(managerId: string, cell: number): Promise<BookingRecord | undefined>;
  /** Bookings of a manager starting within [fromMs, toMs). */
  listByManager(managerId: string, fromMs: number, toMs: number): Promise<BookingRecord[]>;
}

/** Encryption context bound to every sealed blob (KMS EncryptionContext / AES-GCM AAD). Not secret. */
export interface EncryptionContext {
  managerId: string;
  purpose: string;
}

/** Envelope encryption of secrets at rest. */
export interface Cipher {
  seal(plaintext: string, context: EncryptionContext): Promise<string>;
  /** Throws if the blob was tampered with or the context differs. */
  open(sealed: string, context: EncryptionContext): Promise<string>;
}

/** The result of redeeming an authorization code. */
export interface RedeemedGrant {
  homeAccountId: string;
  username: string;
  name?: string;
  /** Serialized msal token cache (plaintext: seal it before storing). */
  tokenCache: string;
}

/** Leg 1 and leg 2 of the OAuth authorization code flow (msal-node). */
export interface AuthorizationClient {
  /** The provider's authorize URL (PKCE S256). */
  buildAuthorizeUrl(input: { state: string; codeChallenge: string; nonce: string; redirectUri: string }): Promise<string>;
  /** Exchanges the code; throws ReconnectRequiredError/ValidationError on a rejected code. */
  redeemCode(input: { code: string; codeVerifier: string; nonce: string; redirectUri: string }, deadline: Deadline): Promise<RedeemedGrant>;
}

/** Opens an authenticated calendar for a stored connection (fresh token client per manager and invocation). */
export interface CalendarAccess {
  forConnection(connection: ManagerConnection): CalendarProvider;
}

/** Resolves a secret (Secrets Manager or local env) once per container. */
export interface SecretSource {
  get(name: 'vapiSecret' | 'inviteSigningKey' | 'adminToken' | 'microsoftClientSecret'): Promise<string>;
}

/** Epoch milliseconds now. */
export type Clock = () => number;
