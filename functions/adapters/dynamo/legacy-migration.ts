/**
 * Items written before schema 2: one Microsoft connection per manager, its fields at the top of the item. They are
 * converted on read and written back as schema 2 by one UpdateItem conditional on the old item being unchanged (the
 * webhook role may GetItem and UpdateItem only). Nothing is re-sealed: a sealed blob is bound to {managerId, purpose},
 * which the conversion keeps.
 */
import type { UpdateCommandInput } from '@aws-sdk/lib-dynamodb';
import * as z from 'zod/mini';
import { connectionIdFor } from '../../domain/connect/calendar-roles';
import { DEFAULT_CALENDAR_ID } from '../../domain/ports';
import { type ConnectionsItem, parseConnectionsItem, SCHEMA_VERSION, type StoredConnection } from './connection-item';

/** The only provider that existed before schema 2. */
const LEGACY_PROVIDER = 'microsoft';

const legacyItemSchema = z.object({
  managerId: z.string(),
  provider: z.literal(LEGACY_PROVIDER),
  account: z.string(),
  displayName: z.optional(z.string()),
  homeAccountId: z.string().check(z.minLength(1)),
  timeZone: z.optional(z.string()),
  working: z.optional(z.object({ timeZone: z.optional(z.string()), week: z.record(z.string(), z.unknown()) })),
  mailboxCheckedAt: z.optional(z.string()),
  needsReconnect: z._default(z.boolean(), false),
  connectedAt: z.string(),
  lastUsedAt: z.optional(z.string()),
  version: z.number().check(z.int()),
  tokenCache: z.string(),
});

export type LegacyConnectionItem = z.input<typeof legacyItemSchema>;

/** The top-level attributes of an older item that schema 2 no longer has (removed, so no stray credentials stay). */
const LEGACY_ATTRIBUTES = [
  'provider',
  'account',
  'displayName',
  'homeAccountId',
  'timeZone',
  'working',
  'mailboxCheckedAt',
  'needsReconnect',
  'needsReconnectAt',
  'connectedAt',
  'version',
  'tokenCache',
] as const;

/** Whether a stored item predates schema 2. */
export function isLegacyItem(item: Record<string, unknown>): boolean {
  return item.schema === undefined;
}

/** The connection id an older item's account has now (also what an invite claimed by the older code is bound to). */
export function legacyConnectionId(homeAccountId: string): string {
  return connectionIdFor(LEGACY_PROVIDER, homeAccountId);
}

/** The schema-2 item an older item stands for: its one connection books on the account's default calendar. */
export function migrateLegacyItem(raw: unknown): { item: ConnectionsItem; oldVersion: number } {
  const parsed = legacyItemSchema.safeParse(raw);
  // Paths only, as for schema-2 items: the item holds sealed credentials and the account's address.
  if (!parsed.success)
    throw new TypeError(`Malformed older connection item: ${parsed.error.issues[0]?.path.join('.')}`);
  const old = parsed.data;
  const schedule = {
    ...(old.timeZone !== undefined ? { timeZone: old.timeZone } : {}),
    ...(old.working !== undefined ? { working: old.working } : {}),
  };
  const connection = {
    provider: LEGACY_PROVIDER,
    accountId: old.homeAccountId,
    account: old.account,
    ...(old.displayName !== undefined ? { displayName: old.displayName } : {}),
    calendars: [{ id: DEFAULT_CALENDAR_ID, name: 'Calendar', role: 'book', canEdit: true }],
    credentials: old.tokenCache,
    needsReconnect: old.needsReconnect,
    connectedAt: old.connectedAt,
    // Kept: a token write-back that read the older item may still land on the migrated one.
    version: old.version,
    ...(Object.keys(schedule).length ? { schedule } : {}),
    ...(old.mailboxCheckedAt !== undefined ? { scheduleCheckedAt: old.mailboxCheckedAt } : {}),
  } satisfies Partial<StoredConnection>;
  const item = parseConnectionsItem({
    managerId: old.managerId,
    schema: SCHEMA_VERSION,
    revision: 0,
    ...(old.lastUsedAt !== undefined ? { lastUsedAt: old.lastUsedAt } : {}),
    connections: { [legacyConnectionId(old.homeAccountId)]: connection },
  });
  return { item, oldVersion: old.version };
}

/** The UpdateItem that turns the older item into `item`, only if nobody changed or migrated it since it was read. */
export function migrationUpdate(tableName: string, item: ConnectionsItem, oldVersion: number): UpdateCommandInput {
  const names = ['schema', 'revision', 'connections', ...LEGACY_ATTRIBUTES];
  return {
    TableName: tableName,
    Key: { managerId: item.managerId },
    // lastUsedAt stays where it is: schema 2 keeps it at the top of the item too.
    UpdateExpression:
      'SET #schema = :schema, #revision = :revision, #connections = :connections ' +
      `REMOVE ${LEGACY_ATTRIBUTES.map((name) => `#${name}`).join(', ')}`,
    ConditionExpression: 'attribute_not_exists(#schema) AND #version = :oldVersion',
    ExpressionAttributeNames: Object.fromEntries(names.map((name) => [`#${name}`, name])),
    ExpressionAttributeValues: {
      ':schema': SCHEMA_VERSION,
      ':revision': item.revision,
      ':connections': item.connections,
      ':oldVersion': oldVersion,
    },
  };
}
