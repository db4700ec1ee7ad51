/** BookingStore contract: moves racing each other, and the locks a move leaves behind when it is cut off. */
import { expect, it } from 'vitest';
import { bookingSk } from '../../functions/adapters/dynamo/booking-keys';
import { SlotTakenError } from '../../functions/domain/errors';
import { caught, LEASE_UNTIL, T0, type BookingScope } from './harness';
import { booked, moveOf, movedTo } from './move-fixtures';

const DAY = '2030-06-07';
const at = (hhmm: string) => `${DAY}T${hhmm}:00Z`;
const AT = '2030-06-01T12:00:30.000Z';
const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export function moveRacesContract(s: BookingScope) {
  it('20 bookings moving onto one slot at once: exactly one wins, the others keep their own time', async () => {
    // Prepare: 20 bookings of 30 minutes from 00:00, all moving to 12:00-12:30
    const all = await Promise.all(
      Array.from({ length: 20 }, (_, i) => booked(s, `m${i}`, at(hhmm(i * 30)), at(hhmm(i * 30 + 30)))),
    );
    const moves = all.map(({ b }) => moveOf(b, at('12:00'), at('12:30')));
    // Act
    const results = await Promise.allSettled(all.map(({ b }, i) => s.store.beginMove(b, moves[i]!, LEASE_UNTIL, T0)));
    // Assess
    const winners = all.filter((_, i) => results[i]!.status === 'fulfilled');
    const losers = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
    expect(winners).toHaveLength(1);
    expect(losers.every((e) => e instanceof SlotTakenError)).toBe(true);
    const winner = winners[0]!.b;
    const move = moves[all.findIndex((x) => x.b === winner)]!;
    expect(losers.map((e: SlotTakenError) => e.holderToolCallId)).toEqual(losers.map(() => move.toolCallId));
    for (const { b, cells } of all.filter((x) => x.b !== winner)) {
      expect(await s.store.holderOf(b.managerId, cells[1]!)).toEqual(b);
    }
    expect(await s.store.completeMove(winner, move, AT)).toEqual(movedTo(winner, move, AT));
  });

  it("a begun move's new cells hold the slot though their item is not written yet (holderOf: no one)", async () => {
    // Prepare
    const { b } = await booked(s, 'moving', at('13:00'), at('13:30'));
    const move = moveOf(b, at('14:00'), at('14:30'));
    const { b: other } = s.booking('other', at('14:00'), at('14:30'));
    await s.store.beginMove(b, move, LEASE_UNTIL, T0);
    // Act
    const holder = await s.store.holderOf(b.managerId, move.cells[0]!);
    const refused = await caught(s.store.reserve(other, move.cells, LEASE_UNTIL, T0));
    // Assess
    expect(holder).toBeUndefined();
    expect(refused).toBeInstanceOf(SlotTakenError);
    expect(await s.store.completeMove(b, move, AT)).toEqual(movedTo(b, move, AT));
  });

  it('a confirmed lock naming a tombstone (a move cut off before freeing it) is cleared by holderOf', async () => {
    // Prepare: the record names only its first cell, so the move leaves the second one behind
    const { b, cells } = await booked(s, 'orphan', at('15:00'), at('15:30'));
    const move = moveOf(b, at('16:00'), at('16:30'));
    const { b: next } = s.booking('next', at('15:15'), at('15:30'));
    const partial = { ...b, cells: [cells[0]!] };
    await s.store.beginMove(partial, move, LEASE_UNTIL, T0);
    await s.store.completeMove(partial, move, AT);
    const blocked = await caught(s.store.reserve(next, [cells[1]!], LEASE_UNTIL, T0));
    // Act
    const holder = await s.store.holderOf(b.managerId, cells[1]!);
    // Assess
    expect(blocked).toBeInstanceOf(SlotTakenError);
    expect(holder).toBeUndefined();
    await s.store.reserve(next, [cells[1]!], LEASE_UNTIL, T0);
    expect((await s.store.holderOf(b.managerId, cells[1]!))?.bookingId).toBe(next.bookingId);
  });

  it('a move back to a time the booking left behind takes over its own left-over lock', async () => {
    // Prepare: the first move left 17:15 behind (as above); the booking then moves back to 17:00-17:30
    const { b, cells } = await booked(s, 'back', at('17:00'), at('17:30'));
    const away = moveOf(b, at('18:00'), at('18:30'));
    await s.store.beginMove({ ...b, cells: [cells[0]!] }, away, LEASE_UNTIL, T0);
    const there = await s.store.completeMove({ ...b, cells: [cells[0]!] }, away, AT);
    const back = moveOf(there, at('17:00'), at('17:30'), 'tc-back');
    // Act
    await s.store.beginMove(there, back, LEASE_UNTIL, T0);
    const home = await s.store.completeMove(there, back, AT);
    // Assess: the booking is back at its own old key, over its tombstone; the one it left names it
    expect(home).toMatchObject({ startMs: b.startMs, revision: 3, cells });
    expect(await s.items()).toEqual([
      { sk: bookingSk(b.startMs, b.bookingId), bookingId: b.bookingId, status: 'confirmed' },
      {
        sk: bookingSk(there.startMs, b.bookingId),
        bookingId: b.bookingId,
        status: 'moved',
        movedTo: bookingSk(b.startMs, b.bookingId),
      },
    ]);
    for (const cell of cells) expect(await s.store.holderOf(b.managerId, cell)).toEqual(home);
    expect(await s.store.holderOf(b.managerId, away.startMs)).toBeUndefined();
  });
}
