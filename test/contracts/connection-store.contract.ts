/** The ConnectionStore contract, get and save (functions/domain/ports/connections.ts), for any store. */
import { describe, expect, it } from 'vitest';
import { ConcurrencyError, ValidationError } from '../../functions/domain/errors';
import { type ConnectionStore, versionsOf } from '../../functions/domain/ports';
import { AT, connect, connection, PLAINTEXT, record, saved } from './connection-store-fixtures';
import { caught, useScope, type Setup } from './harness';

/** Runs the get/save part of the ConnectionStore contract against the stores `setup` makes. */
export function connectionStoreContract(name: string, setup: Setup<ConnectionStore>): void {
  describe(`ConnectionStore contract, get and save: ${name}`, () => {
    const s = useScope(setup, () => undefined);
    const m = () => `m-${s.id}`;

    it('a first save stores revision + 1; get of an unknown manager is undefined; reads are snapshots', async () => {
      // Prepare
      const a = connection('a');
      // Act
      await s.store.save(record(m(), [a]), undefined);
      const read = await s.store.get(m());
      read!.connections[0]!.calendars[0]!.role = 'book';
      read!.connections[0]!.schedule!.working!.week.monday![0]!.start = '00:00';
      // Assess
      expect(await s.store.get(m())).toEqual(saved(m(), [a]));
      expect(await s.store.get(`${m()}-nobody`)).toBeUndefined();
    });

    it('a first save fails when something is stored already: of 5 racing first connects exactly one wins', async () => {
      // Act
      const saves = ['a', 'b', 'c', 'd', 'e'].map((n) => s.store.save(record(m(), [connection(n)]), undefined));
      const results = await Promise.allSettled(saves);
      // Assess
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
      expect(won).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof ConcurrencyError)).toHaveLength(4);
      expect((await s.store.get(m()))?.connections.map((c) => c.connectionId)).toEqual([
        connection('abcde'[won[0]!]!).connectionId,
      ]);
    });

    it('save writes the whole record at the read revision, and stores record.revision + 1', async () => {
      // Prepare
      const read = await connect(s.store, m(), connection('a'));
      const changed = {
        ...read.connections[0]!,
        calendars: [{ ...read.connections[0]!.calendars[0]!, role: 'book' as const }],
      };
      // Act
      await s.store.save({ ...read, connections: [changed, connection('b')] }, versionsOf(read));
      // Assess
      expect(await s.store.get(m())).toEqual(record(m(), [changed, connection('b')], 2));
    });

    it('a save from a stale read fails with ConcurrencyError and changes nothing; 10 parallel: one wins', async () => {
      // Prepare
      const read = await connect(s.store, m(), connection('a'));
      await s.store.save(
        { ...read, connections: [connection('a', { account: 'first@example.com' })] },
        versionsOf(read),
      );
      const stored = await s.store.get(m());
      // Act
      const stale = await caught(s.store.save({ ...read, connections: [connection('z')] }, versionsOf(read)));
      const parallel = await Promise.allSettled(
        Array.from({ length: 10 }, (_, i) =>
          s.store.save({ ...stored!, connections: [connection(`p${i}`)] }, versionsOf(stored!)),
        ),
      );
      // Assess
      expect(stale).toBeInstanceOf(ConcurrencyError);
      expect(parallel.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(parallel.filter((r) => r.status === 'rejected' && r.reason instanceof ConcurrencyError)).toHaveLength(9);
      expect((await s.store.get(m()))?.revision).toBe(3);
    });

    it('a token write-back after the read fails the save, so new credentials are never overwritten', async () => {
      // Prepare
      const read = await connect(s.store, m(), connection('a'), connection('b'));
      await s.store.updateCredentials(m(), connection('a').connectionId, 'v1.refreshed.blob', 0);
      const reconnected = connection('a', { credentials: 'v1.reconnect.blob', version: 1 });
      // Act
      const failed = await caught(
        s.store.save({ ...read, connections: [reconnected, connection('b')] }, versionsOf(read)),
      );
      const again = (await s.store.get(m()))!;
      await s.store.save(
        { ...again, connections: [{ ...reconnected, version: 2 }, connection('b')] },
        versionsOf(again),
      );
      // Assess
      expect(failed).toBeInstanceOf(ConcurrencyError);
      expect(again.connections[0]).toMatchObject({ credentials: 'v1.refreshed.blob', version: 1 });
      expect((await s.store.get(m()))?.connections[0]).toMatchObject({ credentials: 'v1.reconnect.blob', version: 2 });
    });

    it('a write-back to a connection the save drops does not stop a disconnect; the dropped one is gone', async () => {
      // Prepare
      const read = await connect(s.store, m(), connection('a'), connection('b'));
      await s.store.updateCredentials(m(), connection('b').connectionId, 'v1.refreshed.blob', 0);
      // Act
      await s.store.save({ ...read, connections: [connection('a')] }, versionsOf(read));
      const late = await caught(s.store.updateCredentials(m(), connection('b').connectionId, 'v1.late.blob', 1));
      // Assess
      expect(await s.store.get(m())).toEqual(record(m(), [connection('a')], 2));
      expect(late).toBeInstanceOf(ConcurrencyError);
    });

    it('crypto-shred: saving no connections deletes the record; a fresh connect may then start over', async () => {
      // Prepare
      const read = await connect(s.store, m(), connection('a'));
      await s.store.touch(m(), AT);
      // Act
      await s.store.save({ ...read, connections: [] }, versionsOf(read));
      const gone = await s.store.get(m());
      const writeBack = await caught(s.store.updateCredentials(m(), connection('a').connectionId, 'v1.x.x', 0));
      await s.store.save(record(m(), [connection('b')]), undefined);
      // Assess
      expect(gone).toBeUndefined();
      expect(writeBack).toBeInstanceOf(ConcurrencyError);
      expect(await s.store.get(m())).toEqual(saved(m(), [connection('b')]));
    });

    it('connections read in the order they connected (connectedAt, then id), whatever the save order', async () => {
      // Prepare
      const late = connection('a', { connectedAt: '2030-01-03T00:00:00.000Z' });
      const early = connection('z', { connectedAt: '2030-01-02T00:00:00.000Z' });
      const tie = connection('b', { connectedAt: '2030-01-03T00:00:00.000Z' });
      // Act
      const read = await connect(s.store, m(), tie, late, early);
      // Assess
      expect(read.connections.map((c) => c.connectionId)).toEqual([early, late, tie].map((c) => c.connectionId));
    });

    it('refuses unsealed credentials, ids outside [a-z0-9-], an id twice, before writing anything', async () => {
      // Act
      const refused = [
        await caught(s.store.save(record(m(), [connection('a', { credentials: PLAINTEXT })]), undefined)),
        await caught(s.store.save(record(m(), [connection('a', { connectionId: 'Microsoft.A' })]), undefined)),
        await caught(s.store.save(record(m(), [connection('a'), connection('a')]), undefined)),
      ];
      // Assess
      expect(refused.map((e) => e instanceof ValidationError)).toEqual([true, true, true]);
      expect(await s.store.get(m())).toBeUndefined();
    });
  });
}
