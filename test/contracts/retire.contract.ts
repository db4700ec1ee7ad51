/** BookingStore contract: retire (cancel, free what it still holds, re-runnable), holderOf and listByManager. */
import { expect, it } from 'vitest';
import { LEASE_UNTIL, T0, type BookingScope } from './harness';

const DAY = '2030-06-03';
const at = (hhmm: string) => `${DAY}T${hhmm}:00Z`;

export function retireContract(s: BookingScope) {
  it('retire cancels a confirmed booking, keeps its event id, and frees its cells for the next caller', async () => {
    // Prepare
    const { b, cells } = await s.confirmed('gone', at('09:00'), at('09:30'), 'evt-deleted');
    const { b: next } = s.booking('next', at('09:00'), at('09:30'));
    // Act
    await s.store.retire(b, cells);
    // Assess
    for (const cell of cells) expect(await s.store.holderOf(b.managerId, cell)).toBeUndefined();
    const listed = await s.store.listByManager(b.managerId, b.startMs, b.endMs);
    expect(listed).toEqual([{ ...b, status: 'cancelled', eventId: 'evt-deleted' }]);
    await s.store.reserve(next, cells, LEASE_UNTIL, T0);
    await s.store.confirm(next, cells, 'evt-next');
  });

  it('retire frees only cells this booking holds: a neighbour named among them keeps its lock', async () => {
    // Prepare
    const { b, cells } = await s.confirmed('gone', at('10:00'), at('10:30'));
    const {
      b: neighbour,
      cells: [theirs],
    } = await s.confirmed('neighbour', at('10:30'), at('10:45'));
    // Act
    await s.store.retire(b, [...cells, theirs!]);
    // Assess
    const kept = await s.store.holderOf(b.managerId, theirs!);
    expect(kept).toMatchObject({ bookingId: neighbour.bookingId, status: 'confirmed' });
  });

  it('a half-finished retire is completed by running it again; its left-over cells name it cancelled', async () => {
    // Prepare: cut off after freeing only the first cell
    const {
      b,
      cells: [c1, c2],
    } = await s.confirmed('half', at('11:00'), at('11:30'));
    await s.store.retire(b, [c1!]);
    const leftOver = await s.store.holderOf(b.managerId, c2!);
    // Act
    await s.store.retire(b, [c1!, c2!]);
    // Assess
    expect(leftOver).toMatchObject({ bookingId: b.bookingId, status: 'cancelled' });
    expect(await s.store.holderOf(b.managerId, c2!)).toBeUndefined();
  });

  it('running retire again after another booking took the slot frees nothing of the new booking', async () => {
    // Prepare
    const { b, cells } = await s.confirmed('old', at('12:00'), at('12:30'));
    await s.store.retire(b, cells);
    const { b: next } = await s.confirmed('new', at('12:00'), at('12:30'));
    // Act
    await s.store.retire(b, cells);
    // Assess
    for (const cell of cells) {
      const holder = await s.store.holderOf(b.managerId, cell);
      expect(holder).toMatchObject({ bookingId: next.bookingId, status: 'confirmed' });
    }
    const statuses = (await s.store.listByManager(b.managerId, b.startMs, b.endMs)).map((x) => [x.bookingId, x.status]);
    expect(statuses.sort()).toEqual(
      [
        [b.bookingId, 'cancelled'],
        [next.bookingId, 'confirmed'],
      ].sort(),
    );
  });

  it('retire leaves a pending booking (an attempt still in flight) and an unknown one alone', async () => {
    // Prepare
    const { b, cells } = s.booking('inflight', at('13:00'), at('13:30'));
    const { b: unknown, cells: nothing } = s.booking('unknown', at('14:00'), at('14:30'));
    await s.store.reserve(b, cells, LEASE_UNTIL, T0);
    // Act
    await s.store.retire(b, cells);
    await s.store.retire(unknown, nothing);
    // Assess
    expect(await s.store.holderOf(b.managerId, cells[0]!)).toEqual(b);
    expect(await s.store.listByManager(b.managerId, unknown.startMs, unknown.endMs)).toEqual([]);
    await s.store.confirm(b, cells, 'evt-inflight');
  });

  it('holderOf: a pending lease counts until it ends, by the store clock; a free cell has no holder', async () => {
    // Prepare
    const { b, cells } = s.booking('lease', at('15:00'), at('15:15'));
    await s.store.reserve(b, cells, LEASE_UNTIL, T0);
    // Act
    s.now = LEASE_UNTIL;
    const atLeaseEnd = await s.store.holderOf(b.managerId, cells[0]!);
    s.now = LEASE_UNTIL + 1;
    const afterLease = await s.store.holderOf(b.managerId, cells[0]!);
    // Assess
    expect(atLeaseEnd).toEqual(b);
    expect(afterLease).toBeUndefined();
    expect(await s.store.holderOf(b.managerId, cells[0]! + 3_600_000)).toBeUndefined();
    expect(await s.store.holderOf(`${b.managerId}-nobody`, cells[0]!)).toBeUndefined();
  });

  it('listByManager: bookings of that manager starting in [from, to), every status, as snapshots', async () => {
    // Prepare
    const { b: first, cells } = s.booking('first', at('16:00'), at('16:15'));
    const { b: atEnd } = await s.confirmed('at-end', at('17:00'), at('17:15'));
    const { b: cancelled, cells: gone } = await s.confirmed('cancelled', at('16:30'), at('16:45'));
    await s.store.reserve(first, cells, LEASE_UNTIL, T0);
    await s.store.retire(cancelled, gone);
    const elsewhere = { ...first, managerId: `${first.managerId}-other` };
    await s.store.reserve(elsewhere, cells, LEASE_UNTIL, T0);
    // Act
    const listed = await s.store.listByManager(first.managerId, first.startMs, atEnd.startMs);
    for (const b of listed) b.callerName = 'changed by the caller';
    // Assess
    const again = await s.store.listByManager(first.managerId, first.startMs, atEnd.startMs);
    expect(again.map((b) => b.bookingId).sort()).toEqual([first.bookingId, cancelled.bookingId].sort());
    expect(again.map((b) => b.status).sort()).toEqual(['cancelled', 'pending']);
    expect(again.map((b) => b.callerName)).toEqual([first.callerName, first.callerName]);
    expect(await s.store.listByManager(first.managerId, atEnd.startMs, first.startMs)).toEqual([]);
    expect(await s.store.listByManager(first.managerId, first.startMs, first.startMs)).toEqual([]);
  });
}
