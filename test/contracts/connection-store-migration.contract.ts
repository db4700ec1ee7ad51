/** The ConnectionStore contract, older items: a single-connection item migrates on read, once, whoever reads first. */
import { describe, expect, it } from 'vitest';
import { ConcurrencyError } from '../../functions/domain/errors';
import type { LegacyConnectionItem } from '../../functions/adapters/dynamo/legacy-migration';
import { type ConnectionStore, versionsOf } from '../../functions/domain/ports';
import { AT, connection, LEGACY_FIXTURE, legacyItem, migratedRecord } from './connection-store-fixtures';
import { useScope, type Setup } from './harness';

/** A store, and a way to put an item there exactly as the single-connection version wrote it. */
export interface MigrationSubject {
  connections: ConnectionStore;
  putLegacy(item: LegacyConnectionItem): Promise<void>;
}

/** Runs the migration part of the ConnectionStore contract against the stores `setup` makes. */
export function connectionMigrationContract(name: string, setup: Setup<MigrationSubject>): void {
  describe(`ConnectionStore contract, older items: ${name}`, () => {
    const s = useScope(setup, () => undefined);
    const m = () => `m-${s.id}`;
    const connectionId = () => migratedRecord(m()).connections[0]!.connectionId;

    it('get reads an older item as one connection booking on the default calendar, revision 0', async () => {
      // Prepare
      await s.store.putLegacy(legacyItem(m()));
      // Act
      const read = await s.store.connections.get(m());
      // Assess
      expect(read).toEqual(migratedRecord(m()));
    });

    it('migration is idempotent: every later read sees the same record', async () => {
      // Prepare
      await s.store.putLegacy(legacyItem(m()));
      // Act
      const first = await s.store.connections.get(m());
      const second = await s.store.connections.get(m());
      // Assess
      expect(second).toEqual(first);
    });

    it('concurrent first reads all get the same record, and exactly one save from them wins', async () => {
      // Prepare
      await s.store.putLegacy(legacyItem(m()));
      // Act
      const reads = await Promise.all(Array.from({ length: 8 }, () => s.store.connections.get(m())));
      const saves = await Promise.allSettled(
        reads.map((read, i) =>
          s.store.connections.save(
            { ...read!, connections: [...read!.connections, connection(`n${i}`)] },
            versionsOf(read!),
          ),
        ),
      );
      // Assess
      for (const read of reads) expect(read).toEqual(migratedRecord(m()));
      expect(saves.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect((await s.store.connections.get(m()))?.revision).toBe(1);
    });

    it('a write-back at the version the older item had works after migrating; a stale one fails', async () => {
      // Prepare
      await s.store.putLegacy(legacyItem(m()));
      await s.store.connections.get(m());
      // Act
      const next = await s.store.connections.updateCredentials(
        m(),
        connectionId(),
        'v1.refreshed.blob',
        LEGACY_FIXTURE.version,
      );
      const stale = s.store.connections.updateCredentials(m(), connectionId(), 'v1.stale.blob', LEGACY_FIXTURE.version);
      // Assess
      expect(next).toBe(LEGACY_FIXTURE.version + 1);
      await expect(stale).rejects.toBeInstanceOf(ConcurrencyError);
      expect((await s.store.connections.get(m()))?.connections[0]).toMatchObject({
        credentials: 'v1.refreshed.blob',
        version: LEGACY_FIXTURE.version + 1,
      });
    });

    it('a reconnect flag and an older item without zone, hours or display name carry over as they are', async () => {
      // Prepare
      const bare = legacyItem(m(), { needsReconnect: true });
      for (const key of ['timeZone', 'working', 'mailboxCheckedAt', 'displayName', 'lastUsedAt'] as const)
        delete bare[key];
      await s.store.putLegacy(bare);
      // Act
      const read = await s.store.connections.get(m());
      // Assess
      const {
        schedule: _s,
        scheduleCheckedAt: _c,
        displayName: _d,
        lastUsedAt: _l,
        ...rest
      } = migratedRecord(m()).connections[0]!;
      expect(read?.connections).toEqual([{ ...rest, needsReconnect: true }]);
    });

    it('writes that name the manager only (touch) work on an older item before anyone read it', async () => {
      // Prepare
      await s.store.putLegacy(legacyItem(m()));
      // Act
      await s.store.connections.touch(m(), AT);
      // Assess
      expect((await s.store.connections.get(m()))?.connections[0]?.lastUsedAt).toBe(AT);
    });
  });
}
