/** BookingStore contract: confirm and release touch only what the booking still holds. */
import { expect, it } from 'vitest';
import { CallLimitError, ConcurrencyError, SlotTakenError } from '../../functions/domain/errors';
import { caught, LEASE_UNTIL, T0, type BookingScope } from './harness';

const DAY = '2030-06-04';
const at = (hhmm: string) => `${DAY}T${hhmm}:00Z`;

export function confirmReleaseContract(s: BookingScope) {
  it('confirm marks booking and cells confirmed with the event id; a replay with that event is a no-op', async () => {
    // Prepare
    const { b, cells } = s.booking('c', at('10:00'), at('10:30'));
    await s.store.reserve(b, cells, LEASE_UNTIL, T0);
    // Act
    await s.store.confirm(b, cells, 'evt-1');
    await s.store.confirm(b, cells, 'evt-1');
    // Assess
    const confirmed = { ...b, status: 'confirmed', eventId: 'evt-1' };
    expect(await s.store.holderOf(b.managerId, cells[1]!)).toEqual(confirmed);
    expect(await s.store.listByManager(b.managerId, b.startMs, b.endMs)).toEqual([confirmed]);
    await expect(s.store.confirm(b, cells, 'evt-other')).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('confirm also stores the join link the record carries; without one it leaves the stored link alone', async () => {
    // Prepare
    const { b, cells } = s.booking('online', at('10:30'), at('11:00'));
    const { b: plain, cells: plainCells } = s.booking('plain', at('13:30'), at('14:00'));
    const online = { ...b, online: true };
    await s.store.reserve(online, cells, LEASE_UNTIL, T0);
    await s.store.reserve({ ...plain, joinUrl: 'https://meet.example/kept' }, plainCells, LEASE_UNTIL, T0);
    // Act
    await s.store.confirm({ ...online, joinUrl: 'https://meet.example/x' }, cells, 'evt-online');
    await s.store.confirm(plain, plainCells, 'evt-plain');
    // Assess
    const stored = await s.store.listByManager(b.managerId, b.startMs, plain.endMs);
    expect(stored.map((x) => [x.bookingId, x.status, x.joinUrl])).toEqual([
      [b.bookingId, 'confirmed', 'https://meet.example/x'],
      [plain.bookingId, 'confirmed', 'https://meet.example/kept'],
    ]);
  });

  it('a confirmed cell is never free again, however long after, and holderOf keeps naming it', async () => {
    // Prepare
    const { b, cells } = await s.confirmed('kept', at('11:00'), at('11:30'));
    const { b: late } = s.booking('late', at('11:00'), at('11:30'));
    s.now = LEASE_UNTIL + 10 ** 9;
    // Act
    const refused = await caught(s.store.reserve(late, cells, s.now + 60_000, s.now));
    // Assess
    expect(refused).toBeInstanceOf(SlotTakenError);
    expect(refused).toMatchObject({ holderToolCallId: b.toolCallId, holderCallId: b.callId });
    expect((await s.store.holderOf(b.managerId, cells[0]!))?.status).toBe('confirmed');
  });

  it('confirm throws ConcurrencyError and changes nothing for a cell taken over or an unknown booking', async () => {
    // Prepare: the loser's lease lapsed and the taker took its first cell
    const { b: loser, cells } = s.booking('loser', at('12:00'), at('12:30'));
    const { b: taker } = s.booking('taker', at('12:00'), at('12:15'));
    const { b: never, cells: free } = s.booking('never', at('13:00'), at('13:15'));
    await s.store.reserve(loser, cells, LEASE_UNTIL, T0);
    await s.store.reserve(taker, [cells[0]!], LEASE_UNTIL + 120_000, LEASE_UNTIL + 1);
    // Act
    const stale = await caught(s.store.confirm(loser, cells, 'evt-stale'));
    const unknown = await caught(s.store.confirm(never, free, 'evt-never'));
    // Assess
    expect(stale).toBeInstanceOf(ConcurrencyError);
    expect(unknown).toBeInstanceOf(ConcurrencyError);
    const m = loser.managerId;
    const holders = [await s.store.holderOf(m, cells[0]!), await s.store.holderOf(m, cells[1]!)];
    const pending = [
      [taker.bookingId, 'pending'],
      [loser.bookingId, 'pending'],
    ];
    expect(holders.map((h) => [h?.bookingId, h?.status])).toEqual(pending);
    expect(await s.store.holderOf(never.managerId, free[0]!)).toBeUndefined();
  });

  it('release marks a pending booking released and deletes its cells: the slot is free; twice is fine', async () => {
    // Prepare
    const { b, cells } = s.booking('rel', at('14:00'), at('14:30'));
    const { b: next } = s.booking('next', at('14:00'), at('14:30'));
    await s.store.reserve(b, cells, LEASE_UNTIL, T0);
    // Act
    await s.store.release(b, cells);
    await s.store.release(b, cells);
    // Assess: the record stays (nothing is deleted from the bookings), stamped by the store's clock
    const entry = { type: 'released', at: new Date(T0).toISOString(), by: 'caller' };
    expect(await s.store.listByManager(b.managerId, b.startMs, b.endMs)).toEqual([
      { ...b, status: 'released', history: [entry] },
    ]);
    await s.store.reserve(next, cells, LEASE_UNTIL, T0);
    expect((await s.store.holderOf(b.managerId, cells[0]!))?.bookingId).toBe(next.bookingId);
  });

  it('release frees only the cells this booking still holds, and never a confirmed booking', async () => {
    // Prepare: "old" lapsed and "taker" took its first cell; "done" is confirmed
    const {
      b: old,
      cells: [c1, c2],
    } = s.booking('old', at('16:00'), at('16:30'));
    const { b: taker } = s.booking('taker', at('16:00'), at('16:15'));
    await s.store.reserve(old, [c1!, c2!], LEASE_UNTIL, T0);
    await s.store.reserve(taker, [c1!], LEASE_UNTIL + 120_000, LEASE_UNTIL + 1);
    const { b: done, cells } = await s.confirmed('done', at('17:00'), at('17:30'));
    // Act
    await s.store.release(old, [c1!, c2!]);
    await s.store.release(done, cells);
    // Assess
    expect((await s.store.holderOf(old.managerId, c1!))?.bookingId).toBe(taker.bookingId);
    expect(await s.store.holderOf(old.managerId, c2!)).toBeUndefined();
    const listed = await s.store.listByManager(old.managerId, old.startMs, old.endMs);
    expect(listed.map((x) => [x.bookingId, x.status])).toEqual([
      [old.bookingId, 'released'],
      [taker.bookingId, 'pending'],
    ]);
    const kept = await s.store.holderOf(done.managerId, cells[1]!);
    expect(kept).toMatchObject({ bookingId: done.bookingId, status: 'confirmed' });
  });

  it('release of a booking never reserved changes nothing; one not counted gives no unit back', async () => {
    // Prepare: "counted" took the call's one unit, "free" was reserved without limits
    const call = { callId: `call-${s.id}` };
    const { b: never, cells: neverCells } = s.booking('never', at('18:00'), at('18:15'));
    const counted = s.booking('counted', at('19:00'), at('19:30'));
    const free = s.booking('free', at('20:00'), at('20:30'));
    const last = s.booking('last', at('21:00'), at('21:30'));
    await s.store.reserve({ ...counted.b, ...call }, counted.cells, LEASE_UNTIL, T0, { perCall: 1 });
    await s.store.reserve({ ...free.b, ...call }, free.cells, LEASE_UNTIL, T0);
    // Act
    await s.store.release(never, neverCells);
    await s.store.release({ ...free.b, ...call }, free.cells);
    const full = await caught(s.store.reserve({ ...last.b, ...call }, last.cells, LEASE_UNTIL, T0, { perCall: 1 }));
    // Assess
    expect(full).toBeInstanceOf(CallLimitError);
    expect(await s.store.listByManager(never.managerId, never.startMs, never.endMs)).toEqual([]);
  });
}
