/**
 * The one source of the DynamoDB table definitions. The CDK stack and DynamoDB Local (npm start, tests) both build
 * their tables from this file, so it must stay free of aws-cdk-lib imports.
 */

export interface KeyAttribute {
  name: string;
  type: 'S' | 'N';
}

export interface TableSpec {
  /** Construct id in the stack and the suffix of the local table name. */
  id: string;
  partitionKey: KeyAttribute;
  sortKey?: KeyAttribute;
  /** Epoch-seconds attribute DynamoDB TTL deletes by (garbage collection only; reads check expiry themselves). */
  ttlAttribute?: string;
  /** Durable tables get point-in-time recovery and are retained when the stack is deleted. */
  durable: boolean;
  /** Sparse global secondary indexes (every attribute projected): only items carrying both keys appear. */
  indexes?: readonly IndexSpec[];
}

/** A global secondary index: the keeper's due-lists, so it never scans a table. */
export interface IndexSpec {
  name: string;
  partitionKey: KeyAttribute;
  sortKey: KeyAttribute;
}

/**
 * The bookings the keeper must look at again, by when (sparse): a pending booking (its lease end plus
 * SETTLE_MARGIN_MS, or at once once its caller was answered), a live hold (its end) and a booking cancelled because
 * nobody heard "booked" (until its event's cancel is checked) carry `dueShard` (always "BOOKINGS": one Query) and
 * `dueAtMs`; confirming, releasing, retiring or releasing the hold removes both in the same write.
 */
export const BOOKINGS_DUE_INDEX: IndexSpec = {
  name: 'due',
  partitionKey: { name: 'dueShard', type: 'S' },
  sortKey: { name: 'dueAtMs', type: 'N' },
};

/**
 * The managers the keeper must look at, by when (sparse): an item with a connection to keep carries `keeperShard` (one
 * constant value) and `keeperDueMs`, the earliest of its idle-refresh and schedule re-read due times (an earlier value
 * only costs a look; the keeper writes the exact one back). Connect, touch and schedule writes enrol an item.
 */
export const CONNECTIONS_KEEPER_INDEX: IndexSpec = {
  name: 'keeper',
  partitionKey: { name: 'keeperShard', type: 'S' },
  sortKey: { name: 'keeperDueMs', type: 'N' },
};

/**
 * Manager calendar connections, one item per manager:
 * every connected account, its calendars and roles, sealed credentials.
 */
export const connectionsTable: TableSpec = {
  id: 'Connections',
  partitionKey: { name: 'managerId', type: 'S' },
  durable: true,
  indexes: [CONNECTIONS_KEEPER_INDEX],
};

/** Each manager's own settings (zone, hours, slot rules), set by an operator or on the manager's page. */
export const settingsTable: TableSpec = {
  id: 'Settings',
  partitionKey: { name: 'managerId', type: 'S' },
  durable: true,
};

/**
 * Short-lived single-use records, keyed by `stateHash`:
 *   <base64url SHA-256 of an OAuth state>   a pending OAuth authorization
 *   invite#<inviteId>                       an invite already used (bound to the account it connected)
 *   replay#<hex SHA-256 of a signature>     a signed webhook request already admitted (until its ±5 min window ends)
 *   prefetch#<hex SHA-256 of a call id>     a call's prefetched busy time (kind busy, ≤ 60 s old when read, checked
 *                                           on read from fetchedAtMs), or kind spent once the call wrote
 * Each carries `expiresAt` (epoch seconds, checked in every condition) and `ttl` (garbage collection only).
 */
export const oauthStateTable: TableSpec = {
  id: 'OAuthState',
  partitionKey: { name: 'stateHash', type: 'S' },
  ttlAttribute: 'ttl',
  durable: false,
};

/**
 * Bookings, holds, slot-lock cells, caller counters and tool-call idempotency records (single-table):
 *   BOOKING#<managerId> / <startIsoUtc>#<bookingId>   a booking, or a call's hold (status held, then released); a
 *                                                      moved booking leaves a tombstone (status moved, movedTo <sk>)
 *   LOCK#<managerId>#<cellStartMs> / LOCK              a lock cell of a booking, a hold or a begun move
 *   TOOLCALL#<toolCallId> / TOOLCALL                   a tool call's claim and stored answer
 *   QUOTA#<managerId>#<callerKey>#<day> / QUOTA        bookings counted for one caller number (a digest) on one day
 *   CODES#<callId> / CODES                             wrong confirmation codes said in one call
 *   CALL#<callId> / CALL                               bookings one call has made (count < MAX per call, a condition)
 * A call id or tool-call id over 256 characters appears in these keys as `sha256:<hex>` (keys stay under 2 KB).
 */
export const bookingsTable: TableSpec = {
  id: 'Bookings',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  ttlAttribute: 'ttl',
  durable: true,
  indexes: [BOOKINGS_DUE_INDEX],
};

/** Key prefix of the webhook's replay records in the OAuth state table; its IAM grant is limited to these keys. */
export const REPLAY_KEY_PREFIX = 'replay#';
/** Key prefix of the calls' prefetched busy time in the OAuth state table (the webhook's GetItem/PutItem grant). */
export const PREFETCH_KEY_PREFIX = 'prefetch#';

/** All tables, keyed by their role; the env var holding each table's name is named in `tableEnv`. */
export const tables = {
  connections: connectionsTable,
  settings: settingsTable,
  oauthState: oauthStateTable,
  bookings: bookingsTable,
} as const;

export type TableRole = keyof typeof tables;

/** Environment variable that carries each table's name into the functions. */
export const tableEnv: Record<TableRole, string> = {
  connections: 'CONNECTIONS_TABLE',
  settings: 'SETTINGS_TABLE',
  oauthState: 'OAUTH_STATE_TABLE',
  bookings: 'BOOKINGS_TABLE',
};
