/**
 * BookingStore contract: nothing is ever deleted from the bookings by a tool. A move leaves a `moved` tombstone
 * naming the new sort key; a released pending booking stays, marked released. Only lock cells are deleted.
 */
import { expect, it } from 'vitest';
import { bookingSk } from '../../functions/adapters/dynamo/booking-keys';
import { ConcurrencyError } from '../../functions/domain/errors';
import type { BookingRecord } from '../../functions/domain/ports';
import { caught, LEASE_UNTIL, T0, type BookingScope, type StoredBookingItem } from './harness';
import { booked, held, moveOf } from './move-fixtures';

const DAY = '2030-06-09';
const at = (hhmm: string) => `${DAY}T${hhmm}:00Z`;
const AT = '2030-06-01T12:00:30.000Z';
const LATER = '2030-06-01T12:09:00.000Z';
const times = (startIso: string, endIso: string) => ({
  start: startIso,
  end: endIso,
  startMs: Date.parse(startIso),
  endMs: Date.parse(endIso),
});
const skOf = (b: Pick<BookingRecord, 'startMs' | 'bookingId'>) => bookingSk(b.startMs, b.bookingId);
const item = (b: BookingRecord, status: string, movedTo?: BookingRecord): StoredBookingItem => ({
  sk: skOf(b),
  bookingId: b.bookingId,
  status,
  ...(movedTo ? { movedTo: skOf(movedTo) } : {}),
});
const released = { type: 'released', at: new Date(T0).toISOString(), by: 'caller' } as const;

export function tombstonesContract(s: BookingScope) {
  it('completeMove and relocate turn the old item into a moved tombstone naming the new sort key', async () => {
    // Prepare
    const { b } = await booked(s, 'caller-moved', at('09:00'), at('09:30'));
    const { b: r } = await booked(s, 'owner-moved', at('10:00'), at('10:30'));
    const move = moveOf(b, at('11:00'), at('11:30'));
    const to = times(at('12:00'), at('12:30'));
    await s.store.beginMove(b, move, LEASE_UNTIL, T0);
    // Act
    const moved = await s.store.completeMove(b, move, AT);
    const relocated = await s.store.relocate(r, to, AT);
    const repeats = [await s.store.completeMove(b, move, LATER), await s.store.relocate(r, to, LATER)];
    const again = await caught(s.store.beginMove(b, moveOf(b, at('13:00'), at('13:30')), LEASE_UNTIL, T0));
    await s.store.retire(b, b.cells!);
    // Assess: a repeat finds the new item; the tombstone is no booking to move or cancel
    expect(await s.items()).toEqual([
      item(b, 'moved', moved),
      item(r, 'moved', relocated),
      item(moved, 'confirmed'),
      item(relocated, 'confirmed'),
    ]);
    expect(repeats).toEqual([moved, relocated]);
    expect(again).toBeInstanceOf(ConcurrencyError);
    const listed = await s.store.listByManager(b.managerId, b.startMs, to.endMs);
    expect(listed).toEqual([{ ...b, status: 'moved' }, { ...r, status: 'moved' }, moved, relocated]);
  });

  it('release marks a pending booking released, one converted from a hold too; the call may hold again', async () => {
    // Prepare
    const { b, cells } = s.booking('failed-create', at('14:00'), at('14:30'));
    const { b: hold, cells: heldCells } = held(s, 'converted', at('15:00'), at('15:30'));
    const converted = { ...hold, status: 'pending' as const, toolCallId: 'tc-book', holdUntilMs: undefined };
    const { b: next, cells: nextCells } = held(s, 'again', at('15:00'), at('15:30'));
    await s.store.reserve(b, cells, LEASE_UNTIL, T0);
    await s.store.hold(hold, heldCells, T0);
    await s.store.convertHold(converted, heldCells, LEASE_UNTIL, T0);
    // Act
    await s.store.release(b, cells);
    await s.store.release(converted, heldCells);
    await s.store.release(converted, heldCells);
    await s.store.hold(next, nextCells, T0);
    // Assess
    expect(await s.store.listByManager(b.managerId, b.startMs, hold.endMs)).toEqual([
      { ...b, status: 'released', history: [released] },
      next,
      { ...converted, status: 'released', history: [...hold.history!, released] },
    ]);
    expect(await s.store.holderOf(b.managerId, cells[0]!)).toBeUndefined();
    expect(await s.store.holderOf(b.managerId, heldCells[0]!)).toEqual(next);
  });

  it('no tool path deletes a BOOKING# item (book, hold, convert, move, move back, relocate, retire)', async () => {
    // Prepare: after every step, the items the store keeps
    const seen: StoredBookingItem[][] = [];
    const step = async <T>(act: () => Promise<T>): Promise<T> => {
      const result = await act();
      seen.push(await s.items());
      return result;
    };
    const pending = s.booking('book', at('09:00'), at('09:30'));
    const hold = held(s, 'hold', at('10:00'), at('10:30'));
    const toConvert = held(s, 'convert', at('10:30'), at('11:00'));
    const converted = { ...toConvert.b, status: 'pending' as const, toolCallId: 'tc-convert' };
    // Act
    await step(() => s.store.reserve(pending.b, pending.cells, LEASE_UNTIL, T0));
    await step(() => s.store.release(pending.b, pending.cells));
    await step(() => s.store.hold(hold.b, hold.cells, T0));
    await step(() => s.store.releaseHold(hold.b, hold.cells, AT));
    await step(() => s.store.hold(toConvert.b, toConvert.cells, T0));
    await step(() => s.store.convertHold(converted, toConvert.cells, LEASE_UNTIL, T0));
    await step(() => s.store.release(converted, toConvert.cells));
    const { b: m } = await step(() => booked(s, 'mover', at('11:00'), at('11:30')));
    const away = moveOf(m, at('12:00'), at('12:30'));
    await step(() => s.store.beginMove(m, away, LEASE_UNTIL, T0));
    const m1 = await step(() => s.store.completeMove(m, away, AT));
    const nowhere = moveOf(m1, at('13:00'), at('13:30'), 'tc-nowhere');
    await step(() => s.store.beginMove(m1, nowhere, LEASE_UNTIL, T0));
    await step(() => s.store.abandonMove(m1, nowhere));
    const back = moveOf(m1, at('11:00'), at('11:30'), 'tc-back');
    await step(() => s.store.beginMove(m1, back, LEASE_UNTIL, T0));
    const m2 = await step(() => s.store.completeMove(m1, back, AT));
    const { b: r } = await step(() => booked(s, 'owner', at('14:00'), at('14:30')));
    const r1 = await step(() => s.store.relocate(r, times(at('15:00'), at('15:30')), AT));
    await step(() => s.store.retire(r1, r1.cells!, { type: 'cancelled', at: AT, by: 'caller' }));
    await step(() => s.store.retire(m2, m2.cells!, { type: 'cancelled', at: AT, by: 'owner' }));
    // Assess: every item once written is still there after every later step
    for (const [i, before] of seen.entries()) {
      for (const after of seen.slice(i + 1)) {
        expect(after.map((x) => x.sk)).toEqual(expect.arrayContaining(before.map((x) => x.sk)));
      }
    }
    expect(seen.at(-1)).toEqual([
      item(pending.b, 'released'),
      item(hold.b, 'released'),
      item(toConvert.b, 'released'),
      item(m2, 'cancelled'),
      item(m1, 'moved', m2),
      item(r, 'moved', r1),
      item(r1, 'cancelled'),
    ]);
  });
}
