/** BookingStore contract: a caller's move (beginMove, then completeMove or abandonMove) never leaves the slot free. */
import { expect, it } from 'vitest';
import { ConcurrencyError, SlotTakenError, ValidationError } from '../../functions/domain/errors';
import { caught, LEASE_UNTIL, T0, type BookingScope } from './harness';
import { booked, moveOf, movedTo } from './move-fixtures';

const DAY = '2030-06-06';
const at = (hhmm: string) => `${DAY}T${hhmm}:00Z`;
const AT = '2030-06-01T12:00:30.000Z';

export function moveContract(s: BookingScope) {
  it('beginMove then completeMove: the booking is at the new time, shared cells kept, old-only ones free', async () => {
    // Prepare: 10:00-10:30 moves to 10:15-10:45 (10:15 is in both)
    const {
      b,
      cells: [oldOnly, shared],
    } = await booked(s, 'move', at('10:00'), at('10:30'));
    const move = moveOf(b, at('10:15'), at('10:45'));
    const { b: other } = s.booking('other', at('10:30'), at('10:45'));
    // Act
    await s.store.beginMove(b, move, LEASE_UNTIL, T0);
    const whileMoving = await caught(s.store.reserve(other, [move.cells[1]!], LEASE_UNTIL, T0));
    const oldStillHeld = await s.store.holderOf(b.managerId, oldOnly!);
    const moved = await s.store.completeMove(b, move, AT);
    // Assess
    const expected = movedTo(b, move, AT);
    expect(whileMoving).toMatchObject({ name: 'SlotTakenError', holderToolCallId: move.toolCallId });
    expect(oldStillHeld).toEqual(b);
    expect(moved).toEqual(expected);
    const listed = await s.store.listByManager(b.managerId, b.startMs, move.endMs);
    expect(listed).toEqual([{ ...b, status: 'moved' }, expected]);
    // Reserve before any holderOf of the old cell: holderOf would clear a lock left behind, hiding it.
    await s.store.reserve({ ...other, bookingId: `${other.bookingId}-2` }, [oldOnly!], LEASE_UNTIL, T0);
    for (const cell of [shared!, move.cells[1]!]) expect(await s.store.holderOf(b.managerId, cell)).toEqual(expected);
    s.now = LEASE_UNTIL + 10 ** 9;
    const late = await caught(s.store.reserve(other, [move.cells[1]!], s.now + 60_000, s.now));
    expect(late).toBeInstanceOf(SlotTakenError);
  });

  it('beginMove onto a cell another booking holds throws SlotTakenError naming it, and takes nothing', async () => {
    // Prepare
    const { b } = await booked(s, 'mover', at('11:00'), at('11:30'));
    const { b: holder, cells: theirs } = await booked(s, 'holder', at('12:15'), at('12:30'));
    const move = moveOf(b, at('12:00'), at('12:30'));
    const { b: next } = s.booking('next', at('12:00'), at('12:15'));
    // Act
    const refused = await caught(s.store.beginMove(b, move, LEASE_UNTIL, T0));
    // Assess
    expect(refused).toBeInstanceOf(SlotTakenError);
    expect(refused).toMatchObject({ holderToolCallId: holder.toolCallId, holderCell: theirs[0] });
    await s.store.reserve(next, [move.cells[0]!], LEASE_UNTIL, T0);
    expect(await s.store.holderOf(b.managerId, b.startMs)).toEqual(b);
  });

  it("beginMove throws SlotTakenError when a cell both times use is no longer the booking's", async () => {
    // Prepare: the record wrongly names its neighbour's cell 10:30 among its own
    const { b, cells } = await booked(s, 'stale-cells', at('10:00'), at('10:30'));
    const { b: neighbour, cells: theirs } = await booked(s, 'neighbour', at('10:30'), at('10:45'));
    const stale = { ...b, cells: [...cells, ...theirs] };
    const move = moveOf(b, at('10:15'), at('10:45'));
    // Act
    const refused = await caught(s.store.beginMove(stale, move, LEASE_UNTIL, T0));
    // Assess
    expect(refused).toBeInstanceOf(SlotTakenError);
    expect(refused).toMatchObject({ holderToolCallId: neighbour.toolCallId, holderCell: theirs[0] });
    expect(await s.store.holderOf(b.managerId, theirs[0]!)).toEqual(neighbour);
  });

  it('beginMove of a booking no longer confirmed at the time it was read throws ConcurrencyError', async () => {
    // Prepare: one was cancelled, one already moved elsewhere
    const { b: gone, cells } = await booked(s, 'gone', at('13:00'), at('13:30'));
    const { b: stale } = await booked(s, 'stale', at('14:00'), at('14:30'));
    await s.store.retire(gone, cells);
    await s.store.beginMove(stale, moveOf(stale, at('15:00'), at('15:30')), LEASE_UNTIL, T0);
    await s.store.completeMove(stale, moveOf(stale, at('15:00'), at('15:30')), AT);
    // Act
    const cancelled = await caught(s.store.beginMove(gone, moveOf(gone, at('16:00'), at('16:30')), LEASE_UNTIL, T0));
    const moved = await caught(s.store.beginMove(stale, moveOf(stale, at('17:00'), at('17:30')), LEASE_UNTIL, T0));
    // Assess
    expect(cancelled).toBeInstanceOf(ConcurrencyError);
    expect(moved).toBeInstanceOf(ConcurrencyError);
    expect(await s.store.holderOf(gone.managerId, Date.parse(at('16:00')))).toBeUndefined();
  });

  it('beginMove refuses the same start, more than 98 cells, and a lease not after now', async () => {
    // Prepare
    const { b } = await booked(s, 'v', at('18:00'), at('18:30'));
    const sameStart = moveOf(b, at('18:00'), at('18:45'));
    const far = moveOf(b, at('19:00'), at('19:15'));
    const tooMany = { ...far, cells: Array.from({ length: 99 }, (_, i) => far.startMs + i * 60_000) };
    // Act
    const errors = [
      await caught(s.store.beginMove(b, sameStart, LEASE_UNTIL, T0)),
      await caught(s.store.beginMove(b, tooMany, LEASE_UNTIL, T0)),
      await caught(s.store.beginMove(b, far, T0, T0)),
      await caught(s.store.completeMove(b, sameStart, AT)),
    ];
    // Assess
    expect(errors.map((e) => e instanceof ValidationError)).toEqual([true, true, true, true]);
    expect(errors[2]).toMatchObject({ message: 'The lease must end after now', reason: 'lease' });
    expect(await caught(s.store.abandonMove(b, tooMany))).toBeInstanceOf(ValidationError);
    expect(await s.store.holderOf(b.managerId, far.startMs)).toBeUndefined();
  });

  it('abandonMove frees the cells the move took; the booking keeps its time and every cell it had', async () => {
    // Prepare
    const { b, cells } = await booked(s, 'stay', at('20:00'), at('20:30'));
    const move = moveOf(b, at('20:15'), at('20:45'));
    const { b: next } = s.booking('next', at('20:30'), at('20:45'));
    await s.store.beginMove(b, move, LEASE_UNTIL, T0);
    // Act
    await s.store.abandonMove(b, move);
    await s.store.abandonMove(b, move);
    const late = await caught(s.store.completeMove(b, move, AT));
    // Assess
    expect(late).toBeInstanceOf(ConcurrencyError);
    for (const cell of cells) expect(await s.store.holderOf(b.managerId, cell)).toEqual(b);
    expect(await s.store.listByManager(b.managerId, b.startMs, move.endMs)).toEqual([b]);
    await s.store.reserve(next, [move.cells[1]!], LEASE_UNTIL, T0);
  });

  it('completeMove is repeat-safe: a repeat answers the stored record, appends nothing more', async () => {
    // Prepare
    const { b } = await booked(s, 'twice', at('21:00'), at('21:30'));
    const move = moveOf(b, at('22:00'), at('22:30'));
    await s.store.beginMove(b, move, LEASE_UNTIL, T0);
    await s.store.beginMove(b, move, LEASE_UNTIL, T0);
    // Act
    const first = await s.store.completeMove(b, move, AT);
    const second = await s.store.completeMove(b, move, '2030-06-01T12:05:00.000Z');
    // Assess
    expect(second).toEqual(first);
    expect(first.history).toHaveLength(1);
    expect(await s.store.listByManager(b.managerId, b.startMs, move.endMs)).toEqual([{ ...b, status: 'moved' }, first]);
    expect(await s.store.holderOf(b.managerId, b.startMs)).toBeUndefined();
  });

  it('completeMove after a new cell was taken (the move lapsed) throws ConcurrencyError, moves nothing', async () => {
    // Prepare
    const { b, cells } = await booked(s, 'slow', at('23:00'), at('23:15'));
    const move = moveOf(b, at('23:30'), at('23:45'));
    const { b: taker } = s.booking('taker', at('23:30'), at('23:45'));
    await s.store.beginMove(b, move, LEASE_UNTIL, T0);
    await s.store.reserve(taker, move.cells, LEASE_UNTIL + 60_000, LEASE_UNTIL + 1);
    // Act
    const lost = await caught(s.store.completeMove(b, move, AT));
    // Assess
    expect(lost).toBeInstanceOf(ConcurrencyError);
    expect(await s.store.listByManager(b.managerId, b.startMs, move.endMs)).toEqual([b, taker]);
    expect(await s.store.holderOf(b.managerId, cells[0]!)).toEqual(b);
  });
}
