/** The ConnectionStore contract, the single-field writes: credentials, reconnect flag, schedule, last use. */
import { describe, expect, it } from 'vitest';
import { ConcurrencyError, NotFoundError, ValidationError } from '../../functions/domain/errors';
import { type ConnectionStore, versionsOf } from '../../functions/domain/ports';
import type { WorkingSchedule } from '../../functions/domain/types';
import { AT, connect, connection, PLAINTEXT, record, WORKING } from './connection-store-fixtures';
import { caught, useScope, type Setup } from './harness';

const A = connection('a').connectionId;
const B = connection('b').connectionId;

/** Runs the single-field part of the ConnectionStore contract against the stores `setup` makes. */
export function connectionStoreUpdatesContract(name: string, setup: Setup<ConnectionStore>): void {
  describe(`ConnectionStore contract, single-field writes: ${name}`, () => {
    const s = useScope(setup, () => undefined);
    const m = () => `m-${s.id}`;

    it('updateCredentials writes at the expected version only, returns the next; stale or missing fail', async () => {
      // Prepare
      await connect(s.store, m(), connection('a'), connection('b'));
      // Act
      const v1 = await s.store.updateCredentials(m(), A, 'v1.new.blob', 0);
      const v2 = await s.store.updateCredentials(m(), A, 'v1.newer.blob', v1);
      const stale = await caught(s.store.updateCredentials(m(), A, 'v1.loser.blob', v1));
      const noConnection = await caught(s.store.updateCredentials(m(), 'microsoft-nobody', 'v1.x.x', 0));
      const noManager = await caught(s.store.updateCredentials(`${m()}-missing`, A, 'v1.x.x', 0));
      // Assess
      expect([v1, v2]).toEqual([1, 2]);
      expect([stale, noConnection, noManager].map((e) => e instanceof ConcurrencyError)).toEqual([true, true, true]);
      const read = await s.store.get(m());
      expect(read?.connections.map((c) => [c.credentials, c.version])).toEqual([
        ['v1.newer.blob', 2],
        [connection('b').credentials, 0],
      ]);
      expect(read?.revision).toBe(1);
      expect(await s.store.get(`${m()}-missing`)).toBeUndefined();
    });

    it('of 10 parallel write-backs from one version exactly one wins, the others get ConcurrencyError', async () => {
      // Prepare
      await connect(s.store, m(), connection('a'));
      // Act
      const writes = Array.from({ length: 10 }, (_, i) => s.store.updateCredentials(m(), A, `v1.c${i}.x`, 0));
      const results = await Promise.allSettled(writes);
      // Assess
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
      expect(won).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof ConcurrencyError)).toHaveLength(9);
      expect((await s.store.get(m()))?.connections[0]).toMatchObject({ version: 1, credentials: `v1.c${won[0]}.x` });
    });

    it('markNeedsReconnect and updateSchedule change one connection, never a version or the revision', async () => {
      // Prepare
      const before = await connect(s.store, m(), connection('a'), connection('b'));
      const paris: WorkingSchedule = { timeZone: 'Europe/Paris', week: { friday: [{ start: '10:00', end: '12:00' }] } };
      // Act
      await s.store.markNeedsReconnect(m(), B, AT);
      await s.store.updateSchedule(m(), A, { timeZone: 'Europe/Paris', working: paris }, AT);
      const after = await s.store.get(m());
      // Assess
      const schedule = { schedule: { timeZone: 'Europe/Paris', working: paris }, scheduleCheckedAt: AT };
      expect(after).toEqual({
        ...before,
        connections: [
          { ...connection('a'), ...schedule },
          { ...connection('b'), needsReconnect: true },
        ],
      });
      expect(versionsOf(after!)).toEqual(versionsOf(before));
    });

    it('updateSchedule removes the parts the owner schedule lacks, and the schedule when it has none', async () => {
      // Prepare
      await connect(s.store, m(), connection('a'));
      const later = '2030-03-02T00:00:00.000Z';
      // Act
      await s.store.updateSchedule(m(), A, { timeZone: 'Asia/Tokyo' }, AT);
      const zoneOnly = (await s.store.get(m()))?.connections[0];
      await s.store.updateSchedule(m(), A, {}, later);
      const nothing = (await s.store.get(m()))?.connections[0];
      // Assess
      expect(zoneOnly).toEqual({ ...connection('a'), schedule: { timeZone: 'Asia/Tokyo' }, scheduleCheckedAt: AT });
      const { schedule: _, ...withoutSchedule } = connection('a');
      expect(nothing).toEqual({ ...withoutSchedule, scheduleCheckedAt: later });
    });

    it('touch records the last use: connections connected by then show it, and saves keep it', async () => {
      // Prepare
      const read = await connect(s.store, m(), connection('a'));
      const late = connection('b', { connectedAt: '2030-06-01T00:00:00.000Z' });
      // Act
      await s.store.touch(m(), AT);
      await s.store.save({ ...read, connections: [...read.connections, late] }, versionsOf(read));
      const after = await s.store.get(m());
      // Assess
      expect(after?.connections).toEqual([{ ...connection('a'), lastUsedAt: AT }, late]);
    });

    it('writes to a missing manager or connection throw NotFoundError instead of creating a partial one', async () => {
      // Prepare
      await connect(s.store, m(), connection('a'));
      const ghost = `${m()}-ghost`;
      // Act
      const errors = [
        await caught(s.store.markNeedsReconnect(ghost, A, AT)),
        await caught(s.store.touch(ghost, AT)),
        await caught(s.store.updateSchedule(ghost, A, { timeZone: 'UTC', working: WORKING }, AT)),
        await caught(s.store.markNeedsReconnect(m(), B, AT)),
        await caught(s.store.updateSchedule(m(), B, { timeZone: 'UTC' }, AT)),
      ];
      // Assess
      expect(errors.map((e) => e instanceof NotFoundError)).toEqual([true, true, true, true, true]);
      expect(await s.store.get(ghost)).toBeUndefined();
      expect(await s.store.get(m())).toEqual(record(m(), [connection('a')], 1));
    });

    it('never stores credentials that are not sealed', async () => {
      // Prepare
      await connect(s.store, m(), connection('a'));
      // Act
      const update = await caught(s.store.updateCredentials(m(), A, PLAINTEXT, 0));
      // Assess
      expect(update).toBeInstanceOf(ValidationError);
      expect((await s.store.get(m()))?.connections[0]).toMatchObject({ version: 0, credentials: 'v1.sealed-a.blob' });
    });
  });
}
