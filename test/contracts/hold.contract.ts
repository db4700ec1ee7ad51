/** BookingStore contract: a call's hold keeps its slot until it lapses, is converted, or is released. */
import { expect, it } from 'vitest';
import { ConcurrencyError, SlotTakenError, ValidationError } from '../../functions/domain/errors';
import { caught, LEASE_UNTIL, T0, type BookingScope } from './harness';
import { HOLD_UNTIL, held } from './move-fixtures';

const DAY = '2030-06-05';
const at = (hhmm: string) => `${DAY}T${hhmm}:00Z`;

export function holdContract(s: BookingScope) {
  it('hold takes every cell (status held): another reserve or hold of one of them throws SlotTakenError', async () => {
    // Prepare
    const { b: hold, cells } = held(s, 'hold', at('09:00'), at('09:30'));
    const { b: other, cells: overlap } = s.booking('other', at('09:15'), at('09:45'));
    // Act
    await s.store.hold(hold, cells, T0);
    const reserved = await caught(s.store.reserve(other, overlap, LEASE_UNTIL, T0));
    const heldToo = await caught(s.store.hold({ ...other, holdUntilMs: HOLD_UNTIL }, overlap, T0));
    const endingNow = await caught(s.store.reserve(other, overlap, HOLD_UNTIL + 60_000, HOLD_UNTIL));
    // Assess
    const named = { holderToolCallId: hold.toolCallId, holderCallId: hold.callId, holderCell: cells[1] };
    for (const e of [reserved, heldToo, endingNow]) expect(e).toBeInstanceOf(SlotTakenError);
    expect(reserved).toMatchObject(named);
    expect(await s.store.holderOf(hold.managerId, cells[0]!)).toEqual(hold);
    expect(await s.store.listByManager(hold.managerId, hold.startMs, other.endMs)).toEqual([hold]);
  });

  it('a lapsed hold holds nothing: holderOf names no one and another booking takes its cells', async () => {
    // Prepare
    const { b: hold, cells } = held(s, 'lapsed', at('10:00'), at('10:30'));
    const { b: next } = s.booking('next', at('10:00'), at('10:30'));
    await s.store.hold(hold, cells, T0);
    // Act
    s.now = HOLD_UNTIL + 1;
    const holder = await s.store.holderOf(hold.managerId, cells[0]!);
    await s.store.reserve(next, cells, s.now + 60_000, s.now);
    // Assess
    expect(holder).toBeUndefined();
    expect((await s.store.holderOf(hold.managerId, cells[1]!))?.bookingId).toBe(next.bookingId);
  });

  it('hold refuses a hold with no end or one not after now, and bad cell lists', async () => {
    // Prepare
    const { b: hold, cells } = held(s, 'bad', at('11:00'), at('11:15'));
    // Act
    const errors = [
      await caught(s.store.hold({ ...hold, holdUntilMs: undefined }, cells, T0)),
      await caught(s.store.hold({ ...hold, holdUntilMs: T0 }, cells, T0)),
      await caught(s.store.hold(hold, [], T0)),
    ];
    // Assess
    expect(errors.map((e) => e instanceof ValidationError)).toEqual([true, true, true]);
    const late = { message: 'A hold must end after now', reason: 'hold' };
    expect(errors.slice(0, 2)).toEqual([expect.objectContaining(late), expect.objectContaining(late)]);
    expect(await s.store.holderOf(hold.managerId, cells[0]!)).toBeUndefined();
  });

  it('convertHold refuses a lease not after now, releaseHold a bad cell list; the hold keeps its slot', async () => {
    // Prepare
    const { b: hold, cells } = held(s, 'keep', at('10:00'), at('10:30'));
    await s.store.hold(hold, cells, T0);
    // Act
    const lease = await caught(s.store.convertHold({ ...hold, status: 'pending' }, cells, T0, T0));
    const noCells = await caught(s.store.releaseHold(hold, [], '2030-06-01T12:00:10.000Z'));
    // Assess
    expect(lease).toBeInstanceOf(ValidationError);
    expect(lease).toMatchObject({ message: 'The lease must end after now', reason: 'lease' });
    expect(noCells).toBeInstanceOf(ValidationError);
    expect(await s.store.holderOf(hold.managerId, cells[0]!)).toEqual(hold);
    expect(await s.store.listByManager(hold.managerId, hold.startMs, hold.endMs)).toEqual([hold]);
  });

  it('convertHold makes the hold the pending booking: caller details, its lease, then confirm', async () => {
    // Prepare
    const { b: hold, cells } = held(s, 'convert', at('12:00'), at('12:30'));
    const { b: other } = s.booking('other', at('12:00'), at('12:30'));
    await s.store.hold(hold, cells, T0);
    const booking = {
      ...hold,
      status: 'pending' as const,
      callerName: 'Grace',
      toolCallId: 'tc-book',
      holdUntilMs: undefined,
    };
    // Act
    await s.store.convertHold(booking, cells, LEASE_UNTIL, T0);
    s.now = HOLD_UNTIL + 1;
    const afterHoldEnd = await s.store.holderOf(hold.managerId, cells[0]!);
    const refused = await caught(s.store.reserve(other, cells, s.now + 60_000, s.now));
    await s.store.confirm(booking, cells, 'evt-convert');
    // Assess: the booking's lease, not the hold's end, keeps the cells
    expect(afterHoldEnd).toEqual(booking);
    expect(refused).toMatchObject({ name: 'SlotTakenError', holderToolCallId: 'tc-book', holderCell: cells[0] });
    const stored = await s.store.listByManager(hold.managerId, hold.startMs, hold.endMs);
    expect(stored).toEqual([{ ...booking, status: 'confirmed', eventId: 'evt-convert' }]);
  });

  it('convertHold after the lapsed hold lost a cell throws ConcurrencyError and changes nothing', async () => {
    // Prepare: the hold lapsed and the taker took its first cell
    const { b: hold, cells } = held(s, 'lost', at('13:00'), at('13:30'));
    const { b: taker } = s.booking('taker', at('13:00'), at('13:15'));
    await s.store.hold(hold, cells, T0);
    await s.store.reserve(taker, [cells[0]!], HOLD_UNTIL + 60_000, HOLD_UNTIL + 1);
    // Act
    const lost = await caught(s.store.convertHold({ ...hold, status: 'pending' }, cells, LEASE_UNTIL, T0));
    // Assess: read before the hold's end, its second cell is still held by it
    expect(lost).toBeInstanceOf(ConcurrencyError);
    expect(await s.store.holderOf(hold.managerId, cells[1]!)).toEqual(hold);
    expect((await s.store.holderOf(hold.managerId, cells[0]!))?.bookingId).toBe(taker.bookingId);
    expect(await s.store.listByManager(hold.managerId, hold.startMs, hold.endMs)).toEqual([hold, taker]);
  });

  it('convertHold of a lapsed hold whose cells nobody took still works; a second convert is refused', async () => {
    // Prepare
    const { b: hold, cells } = held(s, 'late', at('14:00'), at('14:30'));
    await s.store.hold(hold, cells, T0);
    s.now = HOLD_UNTIL + 1;
    const booking = { ...hold, status: 'pending' as const };
    // Act
    await s.store.convertHold(booking, cells, s.now + 60_000, s.now);
    const again = await caught(s.store.convertHold(booking, cells, s.now + 60_000, s.now));
    // Assess
    expect(await s.store.holderOf(hold.managerId, cells[1]!)).toEqual(booking);
    expect(again).toBeInstanceOf(ConcurrencyError);
  });

  it('releaseHold frees the cells and marks the hold released once; a repeat changes nothing', async () => {
    // Prepare
    const { b: hold, cells } = held(s, 'release', at('15:00'), at('15:30'));
    const { b: next } = s.booking('next', at('15:00'), at('15:30'));
    await s.store.hold(hold, cells, T0);
    // Act
    await s.store.releaseHold(hold, cells, '2030-06-01T12:00:10.000Z');
    await s.store.releaseHold(hold, cells, '2030-06-01T12:00:20.000Z');
    // Assess
    const entry = { type: 'released', at: '2030-06-01T12:00:10.000Z', by: 'caller' };
    const released = { ...hold, status: 'released', history: [...hold.history!, entry] };
    expect(await s.store.listByManager(hold.managerId, hold.startMs, hold.endMs)).toEqual([released]);
    expect(await s.store.holderOf(hold.managerId, cells[0]!)).toBeUndefined();
    await s.store.reserve(next, cells, LEASE_UNTIL, T0);
  });

  it('releaseHold of a converted hold is a no-op, and never frees a cell another booking took', async () => {
    // Prepare: "kept" was converted; "lapsed" lost its first cell to the taker
    const { b: kept, cells } = held(s, 'kept', at('16:00'), at('16:30'));
    const { b: lapsed, cells: lapsedCells } = held(s, 'lapsed', at('17:00'), at('17:30'));
    const { b: taker } = s.booking('taker', at('17:00'), at('17:15'));
    await s.store.hold(kept, cells, T0);
    await s.store.hold(lapsed, lapsedCells, T0);
    const booking = { ...kept, status: 'pending' as const };
    await s.store.convertHold(booking, cells, LEASE_UNTIL, T0);
    await s.store.reserve(taker, [lapsedCells[0]!], HOLD_UNTIL + 60_000, HOLD_UNTIL + 1);
    // Act
    await s.store.releaseHold(kept, cells, '2030-06-01T12:01:00.000Z');
    await s.store.releaseHold(lapsed, lapsedCells, '2030-06-01T12:01:00.000Z');
    // Assess
    expect(await s.store.holderOf(kept.managerId, cells[1]!)).toEqual(booking);
    expect((await s.store.holderOf(kept.managerId, lapsedCells[0]!))?.bookingId).toBe(taker.bookingId);
    expect(await s.store.holderOf(kept.managerId, lapsedCells[1]!)).toBeUndefined();
    await s.store.confirm(booking, cells, 'evt-kept');
  });
}
