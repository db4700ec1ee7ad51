/** In-memory ports with the same invariants as the DynamoDB adapters (test/contracts/ runs one suite on both). */
import { looksSealed } from '../../functions/adapters/crypto/envelope';
import {
  assertSealed,
  assertWritable,
  type ConnectionsItem,
  type StoredConnection,
  toConnectionsMap,
  toRecord,
} from '../../functions/adapters/dynamo/connection-item';
import {
  isLegacyItem,
  type LegacyConnectionItem,
  migrateLegacyItem,
} from '../../functions/adapters/dynamo/legacy-migration';
import { ConcurrencyError, NotFoundError } from '../../functions/domain/errors';
import type { ConnectionStore, ManagerConnections, ReadVersions } from '../../functions/domain/ports';
import type { OwnerSchedule } from '../../functions/domain/types';

export { MemoryBookingStore, type MemoryBookingStoreOptions } from './booking-store';
export { MemorySettingsStore } from './settings-store';
export { MemoryStateStore } from './state-store';

/**
 * Manager connections, stored as DynamoConnectionStore stores them (schema-2 items, mapped by the same code), so
 * order, lastUsedAt and migration of older items (seedLegacy) behave alike. Writes are conditional the same way.
 */
export class MemoryConnectionStore implements ConnectionStore {
  readonly items = new Map<string, ConnectionsItem | LegacyConnectionItem>();

  /**
   * strictSealing: refuse anything but a full sealed envelope, exactly as DynamoConnectionStore does (the contract
   * suite runs with it). Off by default only so use-case fixtures ('v1.sealed') load; plaintext is refused either way.
   */
  constructor(private readonly opts: { strictSealing?: boolean } = {}) {}

  /** Stores an item as the single-connection version wrote it; get() migrates it. */
  seedLegacy(item: LegacyConnectionItem): void {
    this.items.set(item.managerId, structuredClone(item));
  }

  async get(managerId: string): Promise<ManagerConnections | undefined> {
    const stored = this.items.get(managerId);
    if (!stored) return undefined;
    if (!isV2(stored)) this.items.set(managerId, migrateLegacyItem(stored).item);
    return toRecord(structuredClone(this.items.get(managerId) as ConnectionsItem));
  }

  async save(record: ManagerConnections, expected: ReadVersions | undefined): Promise<void> {
    assertWritable(record, this.sealed);
    const current = this.items.get(record.managerId);
    if (!unchanged(current, record, expected))
      throw new ConcurrencyError('The connections changed since they were read');
    if (!record.connections.length) {
      this.items.delete(record.managerId);
      return;
    }
    this.items.set(record.managerId, {
      managerId: record.managerId,
      schema: 2,
      revision: record.revision + 1,
      ...(current?.lastUsedAt !== undefined ? { lastUsedAt: current.lastUsedAt } : {}),
      connections: structuredClone(toConnectionsMap(record.connections)),
    });
  }

  async updateCredentials(managerId: string, connectionId: string, sealed: string, expectedVersion: number) {
    assertSealed(sealed, this.sealed);
    const c = this.connection(managerId, connectionId);
    if (!c || c.version !== expectedVersion) throw new ConcurrencyError('Credentials were changed by another writer');
    c.credentials = sealed;
    c.version = expectedVersion + 1;
    return c.version;
  }

  async markNeedsReconnect(managerId: string, connectionId: string, _at: string) {
    this.existing(managerId, connectionId).needsReconnect = true;
  }

  async touch(managerId: string, at: string) {
    const item = this.items.get(managerId);
    if (!item) throw new NotFoundError('No such calendar connection for this manager');
    item.lastUsedAt = at;
  }

  async updateSchedule(managerId: string, connectionId: string, schedule: OwnerSchedule, checkedAt: string) {
    const c = this.existing(managerId, connectionId);
    c.scheduleCheckedAt = checkedAt;
    const kept = structuredClone({
      ...(schedule.timeZone !== undefined ? { timeZone: schedule.timeZone } : {}),
      ...(schedule.working !== undefined ? { working: schedule.working } : {}),
    });
    if (Object.keys(kept).length) c.schedule = kept;
    else delete c.schedule;
  }

  private readonly sealed = (value: string) => (this.opts.strictSealing ? looksSealed(value) : value.startsWith('v1.'));

  private connection(managerId: string, connectionId: string): StoredConnection | undefined {
    const item = this.items.get(managerId);
    return item && isV2(item) ? item.connections[connectionId] : undefined;
  }

  private existing(managerId: string, connectionId: string): StoredConnection {
    const c = this.connection(managerId, connectionId);
    if (!c) throw new NotFoundError('No such calendar connection for this manager');
    return c;
  }
}

const isV2 = (item: ConnectionsItem | LegacyConnectionItem): item is ConnectionsItem =>
  !isLegacyItem(item as unknown as Record<string, unknown>);

/** DynamoConnectionStore's save condition (connection-expressions.ts), on an in-memory item. */
function unchanged(
  current: ConnectionsItem | LegacyConnectionItem | undefined,
  record: ManagerConnections,
  expected: ReadVersions | undefined,
): boolean {
  if (!expected) return current === undefined;
  if (!current || !isV2(current) || current.revision !== expected.revision) return false;
  const kept = new Set(record.connections.map((c) => c.connectionId));
  return Object.entries(expected.versions).every(
    ([id, version]) => !kept.has(id) || current.connections[id]?.version === version,
  );
}
