/**
 * The Connections item, schema 2: one item per manager, `{managerId, schema: 2, revision, lastUsedAt?, connections}`
 * with `connections` a map from connection id to the connection (its fields and credential version). Parsed with zod
 * on every read: a stored item is an edge like any other.
 */
import * as z from 'zod/mini';
import { WEEKDAYS, type Weekday } from '../../contract/booking-rules';
import { ValidationError } from '../../domain/errors';
import type { CalendarConnection, ManagerConnections } from '../../domain/ports';
import { looksSealed } from '../crypto/envelope';

export const SCHEMA_VERSION = 2;

/** Connection ids are map keys in the item: kept to a small alphabet (and always sent as ExpressionAttributeNames). */
const CONNECTION_ID = /^[a-z0-9-]{1,80}$/;

const range = z.object({ start: z.string(), end: z.string() });
const ownerSchedule = z.object({
  timeZone: z.optional(z.string()),
  working: z.optional(
    z.object({
      timeZone: z.optional(z.string()),
      week: z.partialRecord(z.enum(WEEKDAYS as [Weekday, ...Weekday[]]), z.array(range)),
    }),
  ),
});

/** One connection as stored under its id (unknown attributes, e.g. needsReconnectAt, are dropped on read). */
export const storedConnectionSchema = z.object({
  provider: z.string().check(z.minLength(1)),
  accountId: z.string().check(z.minLength(1)),
  account: z.string(),
  displayName: z.optional(z.string()),
  calendars: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      role: z.enum(['book', 'busy', 'ignore']),
      canEdit: z.boolean(),
      // Written only when true; calendars stored before the flag have none and are not shared.
      shared: z.optional(z.boolean()),
    }),
  ),
  credentials: z.string(),
  needsReconnect: z.boolean(),
  connectedAt: z.string(),
  lastRefreshedAt: z.optional(z.string()),
  version: z.number().check(z.int()),
  schedule: z.optional(ownerSchedule),
  scheduleCheckedAt: z.optional(z.string()),
});

export type StoredConnection = z.infer<typeof storedConnectionSchema>;

export const connectionsItemSchema = z.object({
  managerId: z.string(),
  schema: z.literal(SCHEMA_VERSION),
  revision: z.number().check(z.int(), z.nonnegative()),
  /** When the manager's calendars were last used (touch): one attribute for the item, not one per connection. */
  lastUsedAt: z.optional(z.string()),
  connections: z.record(z.string().check(z.regex(CONNECTION_ID)), storedConnectionSchema),
});

export type ConnectionsItem = z.infer<typeof connectionsItemSchema>;

/** Parses a schema-2 item; a malformed one is a bug or tampering, never silently half-read. */
export function parseConnectionsItem(item: unknown): ConnectionsItem {
  const parsed = connectionsItemSchema.safeParse(item);
  // The issues name paths only: the item holds sealed credentials and caller-visible addresses.
  if (!parsed.success) throw new TypeError(`Malformed connections item: ${parsed.error.issues[0]?.path.join('.')}`);
  return parsed.data;
}

/**
 * The record a schema-2 item stands for. Connections come in the order they were connected (connectedAt, then id):
 * a map has no order. A connection's lastUsedAt is the manager's, unless it was connected after that.
 */
export function toRecord(item: ConnectionsItem): ManagerConnections {
  const connections = Object.entries(item.connections).map(([connectionId, stored]) =>
    toConnection(connectionId, stored, item.lastUsedAt),
  );
  connections.sort((a, b) => compare(a.connectedAt, b.connectedAt) || compare(a.connectionId, b.connectionId));
  return { managerId: item.managerId, connections, revision: item.revision };
}

/** The `connections` map of an item from the record's connections (connectionId is the key, lastUsedAt the item's). */
export function toConnectionsMap(connections: readonly CalendarConnection[]): Record<string, StoredConnection> {
  return Object.fromEntries(connections.map(({ connectionId, lastUsedAt: _, ...stored }) => [connectionId, stored]));
}

/** Refuses what must never be written: unsealed credentials, ids outside the key alphabet, one id twice. */
export function assertWritable(record: ManagerConnections, sealed: (value: string) => boolean = looksSealed): void {
  const ids = new Set<string>();
  for (const connection of record.connections) {
    if (!CONNECTION_ID.test(connection.connectionId)) {
      throw new ValidationError('A connection id is lowercase letters, digits and dashes', 'connectionId');
    }
    if (ids.has(connection.connectionId)) throw new ValidationError('A connection is listed twice', 'connectionId');
    ids.add(connection.connectionId);
    assertSealed(connection.credentials, sealed);
  }
}

/** Defence in depth for "never a plaintext credential at rest": a caller that forgot to seal fails before any write. */
export function assertSealed(credentials: string, sealed: (value: string) => boolean = looksSealed): void {
  if (!sealed(credentials))
    throw new ValidationError('Credentials must be sealed before they are stored', 'credentials');
}

function toConnection(connectionId: string, stored: StoredConnection, lastUsedAt?: string): CalendarConnection {
  const used = lastUsedAt !== undefined && lastUsedAt >= stored.connectedAt;
  return { connectionId, ...stored, ...(used ? { lastUsedAt } : {}) };
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
