/** BookingStore contract: relocate follows the owner's move of an event; retire keeps the booking's history. */
import { expect, it } from 'vitest';
import { ConcurrencyError, ValidationError } from '../../functions/domain/errors';
import type { BookingHistoryEntry } from '../../functions/domain/ports';
import { caught, LEASE_UNTIL, T0, type BookingScope } from './harness';
import { booked, movedTo } from './move-fixtures';

const DAY = '2030-06-08';
const at = (hhmm: string) => `${DAY}T${hhmm}:00Z`;
const AT = '2030-06-01T12:00:30.000Z';
const times = (startIso: string, endIso: string) => ({
  start: startIso,
  end: endIso,
  startMs: Date.parse(startIso),
  endMs: Date.parse(endIso),
});
const cancelled = (at: string): BookingHistoryEntry => ({
  type: 'cancelled',
  at,
  by: 'caller',
  reason: 'changed plans',
});

export function relocateRetireContract(s: BookingScope) {
  it('relocate moves the record to the event time (history by owner), frees its old cells and takes none', async () => {
    // Prepare
    const { b, cells } = await booked(s, 'owner-moved', at('09:00'), at('09:30'));
    const to = times(at('11:00'), at('11:30'));
    const { b: atOld } = s.booking('at-old', at('09:00'), at('09:30'));
    const { b: atNew, cells: newCells } = s.booking('at-new', at('11:00'), at('11:30'));
    // Act
    const moved = await s.store.relocate(b, to, AT);
    const again = await s.store.relocate(b, to, '2030-06-01T12:09:00.000Z');
    // Assess
    const expected = movedTo(b, { ...to, cells: [] }, AT, 'owner');
    expect(moved).toEqual(expected);
    expect(again).toEqual(expected);
    const listed = await s.store.listByManager(b.managerId, b.startMs, to.endMs);
    expect(listed).toEqual([{ ...b, status: 'moved' }, expected]);
    // Reserve before any holderOf: holderOf would clear a lock left behind, hiding it.
    await s.store.reserve(atOld, cells, LEASE_UNTIL, T0);
    await s.store.reserve(atNew, newCells, LEASE_UNTIL, T0);
    for (const cell of cells) expect((await s.store.holderOf(b.managerId, cell))?.bookingId).toBe(atOld.bookingId);
  });

  it('relocate refuses the same start, and a booking no longer confirmed (ConcurrencyError)', async () => {
    // Prepare
    const { b, cells } = await booked(s, 'gone', at('12:00'), at('12:30'));
    await s.store.retire(b, cells);
    // Act
    const same = await caught(s.store.relocate(b, times(at('12:00'), at('13:00')), AT));
    const gone = await caught(s.store.relocate(b, times(at('14:00'), at('14:30')), AT));
    // Assess
    expect(same).toBeInstanceOf(ValidationError);
    expect(gone).toBeInstanceOf(ConcurrencyError);
    expect(await s.store.listByManager(b.managerId, b.startMs, Date.parse(at('15:00')))).toEqual([
      { ...b, status: 'cancelled' },
    ]);
  });

  it('retire appends its entry when it cancels; a repeat appends nothing more and still frees cells', async () => {
    // Prepare: a first retire cut off after freeing only the first cell
    const { b, cells } = await booked(s, 'cancel', at('15:00'), at('15:30'));
    await s.store.retire(b, [cells[0]!], cancelled(AT));
    // Act
    await s.store.retire(b, cells, cancelled('2030-06-01T12:07:00.000Z'));
    // Assess
    const stored = await s.store.listByManager(b.managerId, b.startMs, b.endMs);
    expect(stored).toEqual([{ ...b, status: 'cancelled', history: [cancelled(AT)] }]);
    for (const cell of cells) expect(await s.store.holderOf(b.managerId, cell)).toBeUndefined();
  });

  it('retire cancels a relocated booking, which holds no cells; a pending one gets no history', async () => {
    // Prepare
    const { b } = await booked(s, 'relocated', at('16:00'), at('16:30'));
    const relocated = await s.store.relocate(b, times(at('18:00'), at('18:30')), AT);
    const { b: pending, cells } = s.booking('pending', at('17:00'), at('17:30'));
    await s.store.reserve(pending, cells, LEASE_UNTIL, T0);
    // Act
    await s.store.retire(relocated, relocated.cells!, cancelled(AT));
    await s.store.retire(pending, cells, cancelled(AT));
    // Assess
    const stored = await s.store.listByManager(b.managerId, b.startMs, relocated.endMs);
    expect(stored).toEqual([
      { ...b, status: 'moved' },
      pending,
      { ...relocated, status: 'cancelled', history: [...relocated.history!, cancelled(AT)] },
    ]);
  });
}
