/** In-memory ports with the same invariants as the DynamoDB adapters (test/contracts/ runs one suite on both). */
import { looksSealed } from '../../functions/adapters/crypto/envelope';
import { ConcurrencyError, NotFoundError, ValidationError } from '../../functions/domain/errors';
import type { ConnectionStore, ManagerConnection } from '../../functions/domain/ports';
import type { OwnerSchedule } from '../../functions/domain/types';

export { MemoryBookingStore, type MemoryBookingStoreOptions } from './booking-store';
export { MemoryStateStore } from './state-store';

/** Manager connections; every write except put() requires the connection to exist, and token caches must be sealed. */
export class MemoryConnectionStore implements ConnectionStore {
  readonly items = new Map<string, ManagerConnection>();

  /**
   * strictSealing: refuse anything but a full sealed envelope, exactly as DynamoConnectionStore does (the contract
   * suite runs with it). Off by default only so older use-case fixtures ('v1.sealed') load; plaintext is refused
   * either way.
   */
  constructor(private readonly opts: { strictSealing?: boolean } = {}) {}

  async get(managerId: string) {
    const c = this.items.get(managerId);
    return c ? structuredClone(c) : undefined;
  }

  async put(connection: ManagerConnection) {
    this.assertSealed(connection.tokenCache);
    this.items.set(connection.managerId, structuredClone(connection));
  }

  async updateTokenCache(managerId: string, sealedCache: string, expectedVersion: number) {
    this.assertSealed(sealedCache);
    const c = this.items.get(managerId);
    if (!c || c.version !== expectedVersion) throw new ConcurrencyError('Token cache was changed by another writer');
    c.tokenCache = sealedCache;
    c.version = expectedVersion + 1;
    return c.version;
  }

  async markNeedsReconnect(managerId: string, _at: string) {
    this.existing(managerId).needsReconnect = true;
  }

  async touch(managerId: string, at: string) {
    this.existing(managerId).lastUsedAt = at;
  }

  async updateSchedule(managerId: string, schedule: OwnerSchedule, checkedAt: string) {
    const c = this.existing(managerId);
    c.mailboxCheckedAt = checkedAt;
    if (schedule.timeZone) c.timeZone = schedule.timeZone;
    else delete c.timeZone;
    if (schedule.working) c.working = structuredClone(schedule.working);
    else delete c.working;
  }

  private assertSealed(tokenCache: string): void {
    const sealed = this.opts.strictSealing ? looksSealed(tokenCache) : tokenCache.startsWith('v1.');
    if (!sealed) throw new ValidationError('Token cache must be sealed before it is stored', 'tokenCache');
  }

  private existing(managerId: string): ManagerConnection {
    const c = this.items.get(managerId);
    if (!c) throw new NotFoundError('No calendar connection for this manager');
    return c;
  }
}
