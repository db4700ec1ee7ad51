/** BookingStore contract: reserve takes free or lapsed cells at once, else throws SlotTakenError naming the holder. */
import { expect, it } from 'vitest';
import { SlotTakenError, ValidationError } from '../../functions/domain/errors';
import { caught, LEASE_UNTIL, managerOf, T0, type BookingScope } from './harness';

const DAY = '2030-06-02';
const at = (hhmm: string) => `${DAY}T${hhmm}:00Z`;

export function reserveContract(s: BookingScope) {
  it('reserve takes every cell and writes the booking as pending, whatever status it was given', async () => {
    // Prepare
    const { b, cells } = s.booking('a', at('15:00'), at('16:00'));
    // Act
    await s.store.reserve({ ...b, status: 'confirmed' }, cells, LEASE_UNTIL, T0);
    // Assess
    for (const cell of cells) expect(await s.store.holderOf(b.managerId, cell)).toEqual(b);
    expect(await s.store.holderOf(b.managerId, b.endMs)).toBeUndefined();
    expect(await s.store.listByManager(b.managerId, b.startMs, b.endMs)).toEqual([b]);
  });

  it('a held cell (lease running or ending now) makes reserve throw SlotTakenError naming the holder', async () => {
    // Prepare: the holder has 15:15-16:00; the loser asks for 15:00-15:45
    const { b: holder, cells: held } = s.booking('holder', at('15:15'), at('16:00'));
    const { b: loser, cells } = s.booking('loser', at('15:00'), at('15:45'));
    await s.store.reserve(holder, held, LEASE_UNTIL, T0);
    // Act
    const running = await caught(s.store.reserve(loser, cells, LEASE_UNTIL + 60_000, T0 + 1));
    const endingNow = await caught(s.store.reserve(loser, cells, LEASE_UNTIL + 60_000, LEASE_UNTIL));
    // Assess
    const named = { holderToolCallId: holder.toolCallId, holderCallId: holder.callId, holderCell: held[0] };
    expect(running).toBeInstanceOf(SlotTakenError);
    expect(running).toMatchObject(named);
    expect(endingNow).toBeInstanceOf(SlotTakenError);
    expect(await s.store.holderOf(loser.managerId, cells[0]!)).toBeUndefined();
    expect(await s.store.listByManager(loser.managerId, loser.startMs, loser.endMs)).toEqual([holder]);
  });

  it('a pending cell whose lease ended before now is free: another booking takes it over', async () => {
    // Prepare
    const { b: first, cells } = s.booking('first', at('09:00'), at('09:30'));
    const { b: second } = s.booking('second', at('09:00'), at('09:30'));
    await s.store.reserve(first, cells, LEASE_UNTIL, T0);
    // Act
    s.now = LEASE_UNTIL + 1;
    await s.store.reserve(second, cells, LEASE_UNTIL + 120_000, s.now);
    // Assess
    expect((await s.store.holderOf(second.managerId, cells[1]!))?.bookingId).toBe(second.bookingId);
  });

  it('the same cell of two managers never collides', async () => {
    // Prepare
    const { b: mine, cells } = s.booking('mine', at('18:00'), at('18:30'));
    const theirs = { ...mine, managerId: `${managerOf(s)}-other`, bookingId: `${mine.bookingId}-other` };
    await s.store.reserve(mine, cells, LEASE_UNTIL, T0);
    // Act
    await s.store.reserve(theirs, cells, LEASE_UNTIL, T0);
    // Assess
    expect((await s.store.holderOf(mine.managerId, cells[0]!))?.bookingId).toBe(mine.bookingId);
    expect((await s.store.holderOf(theirs.managerId, cells[0]!))?.bookingId).toBe(theirs.bookingId);
  });

  it('a record keeps every field it was written with (where its event lives, online, revision, history)', async () => {
    // Prepare
    const { b: plain, cells } = s.booking('fields', at('21:00'), at('21:30'));
    const b = {
      ...plain,
      callerEmail: 'ada@example.com',
      propertyAddress: '1 Main St',
      notes: 'gate code 12',
      connectionId: 'conn-1',
      calendarId: 'cal-book',
      online: true,
      joinUrl: 'https://meet.example/abc',
      revision: 1,
      history: [{ type: 'created' as const, at: '2030-06-01T12:00:00.000Z', by: 'caller' as const }],
    };
    // Act
    await s.store.reserve(b, cells, LEASE_UNTIL, T0);
    // Assess
    expect(await s.store.listByManager(b.managerId, b.startMs, b.endMs)).toEqual([b]);
    expect(await s.store.holderOf(b.managerId, cells[1]!)).toEqual(b);
  });

  it('refuses bad cell lists, a lease that is not in the future, and a booking id already written', async () => {
    // Prepare
    const { b, cells } = s.booking('v', at('19:00'), at('19:15'));
    const { cells: free } = s.booking('free', at('20:00'), at('20:15'));
    const c = cells[0]!;
    const tooMany = Array.from({ length: 100 }, (_, i) => c + i * 60_000);
    // Act
    const errors: unknown[] = [];
    for (const bad of [[], [c, c], [c + 0.5], [-1], tooMany]) {
      errors.push(await caught(s.store.reserve(b, bad, LEASE_UNTIL, T0)));
    }
    errors.push(await caught(s.store.reserve(b, cells, T0, T0)));
    errors.push(await caught(s.store.confirm(b, [], 'e')), await caught(s.store.release(b, [])));
    errors.push(await caught(s.store.retire(b, tooMany)));
    await s.store.reserve(b, cells, LEASE_UNTIL, T0);
    const again = await caught(s.store.reserve(b, free, LEASE_UNTIL, T0));
    // Assess
    expect(errors.map((e) => e instanceof ValidationError)).toEqual(errors.map(() => true));
    expect(again).toBeInstanceOf(SlotTakenError);
    expect(await s.store.holderOf(b.managerId, free[0]!)).toBeUndefined();
  });
}
