/** BookingStore contract: the due-list (listDue, markUnsettled, voidPending, clearDue) and the per-call count. */
import { expect, it } from 'vitest';
import { CallLimitError, ConcurrencyError } from '../../functions/domain/errors';
import { SETTLE_MARGIN_MS } from '../../functions/domain/ports';
import { caught, LEASE_UNTIL, T0, type BookingScope } from './harness';

const at = (hhmm: string) => `2030-06-05T${hhmm}:00Z`;
const LATER = T0 + 10 ** 8;

export function dueListContract(s: BookingScope) {
  /** This test's due records (the table is shared by every test), with their due times. */
  const mine = async (until = LATER) =>
    (await s.store.listDue(until, 1_000))
      .filter((b) => b.managerId === `m-${s.id}`)
      .map((b) => [b.bookingId, b.dueAtMs]);

  it('pending bookings are due at lease end + margin, holds at their end; confirm and release end that', async () => {
    // Prepare
    const a = s.booking('a', at('10:00'), at('10:30'));
    const b = s.booking('b', at('11:00'), at('11:30'));
    const c = s.booking('c', at('12:00'), at('12:30'));
    const hold = s.booking('h', at('13:00'), at('13:30'));
    await s.store.reserve(a.b, a.cells, LEASE_UNTIL, T0);
    await s.store.reserve(b.b, b.cells, LEASE_UNTIL + 1_000, T0);
    await s.store.reserve(c.b, c.cells, LEASE_UNTIL, T0);
    await s.store.hold({ ...hold.b, status: 'held', holdUntilMs: T0 + 30_000 }, hold.cells, T0);
    // Act
    await s.store.confirm(c.b, c.cells, 'evt-c');
    const listed = await mine();
    await s.store.release(a.b, a.cells);
    await s.store.releaseHold(hold.b, hold.cells, new Date(T0).toISOString());
    // Assess: oldest first; the confirmed one is not there; nothing is due before its time
    expect(listed).toEqual([
      [hold.b.bookingId, T0 + 30_000],
      [a.b.bookingId, LEASE_UNTIL + SETTLE_MARGIN_MS],
      [b.b.bookingId, LEASE_UNTIL + 1_000 + SETTLE_MARGIN_MS],
    ]);
    expect(await mine(T0)).toEqual([]);
    expect(await mine()).toEqual([[b.b.bookingId, LEASE_UNTIL + 1_000 + SETTLE_MARGIN_MS]]);
  });

  it('markUnsettled records what was told, keeps the cells leased, due at its time; only while pending', async () => {
    // Prepare
    const { b, cells } = s.booking('u', at('14:00'), at('14:30'));
    const done = await s.confirmed('done', at('15:00'), at('15:30'));
    await s.store.reserve(b, cells, LEASE_UNTIL, T0);
    // Act
    await s.store.markUnsettled(b, cells, { told: 'booked', eventId: 'evt-u', untilMs: T0 + 600_000, dueAtMs: T0 });
    const refused = await caught(
      s.store.markUnsettled(done.b, done.cells, { told: 'confirming', untilMs: T0 + 1, dueAtMs: T0 }),
    );
    s.now = LEASE_UNTIL + 1;
    // Assess
    expect(refused).toBeInstanceOf(ConcurrencyError);
    expect(await mine()).toEqual([[b.bookingId, T0]]);
    expect(await s.store.holderOf(b.managerId, cells[0]!)).toMatchObject({ told: 'booked', eventId: 'evt-u' });
  });

  it('voidPending cancels a pending booking (history), frees its cells, stays due; clearDue ends it', async () => {
    // Prepare
    const { b, cells } = s.booking('v', at('16:00'), at('16:30'));
    await s.store.reserve(b, cells, LEASE_UNTIL, T0);
    const entry = { type: 'cancelled' as const, at: new Date(T0).toISOString(), reason: 'unconfirmed' };
    // Act
    await s.store.voidPending(b, cells, { entry, eventId: 'evt-v', retryAtMs: T0 + 5 });
    const again = await caught(s.store.voidPending(b, cells, { entry, retryAtMs: T0 + 5 }));
    const due = await mine();
    await s.store.clearDue(b);
    // Assess
    expect(again).toBeInstanceOf(ConcurrencyError);
    expect(due).toEqual([[b.bookingId, T0 + 5]]);
    expect(await mine()).toEqual([]);
    expect(await s.store.holderOf(b.managerId, cells[0]!)).toBeUndefined();
    const [stored] = await s.store.listByManager(b.managerId, b.startMs, b.endMs);
    expect(stored).toMatchObject({ status: 'cancelled', eventId: 'evt-v', history: [...(b.history ?? []), entry] });
  });

  it('voidPending refuses a booking whose caller heard "booked": it keeps its cells and stays pending', async () => {
    // Prepare
    const { b, cells } = s.booking('k', at('17:00'), at('17:30'));
    await s.store.reserve(b, cells, LEASE_UNTIL, T0);
    await s.store.markUnsettled(b, cells, { told: 'booked', eventId: 'evt-k', untilMs: T0 + 600_000, dueAtMs: T0 });
    const entry = { type: 'cancelled' as const, at: new Date(T0).toISOString(), reason: 'unconfirmed' };
    // Act
    const refused = await caught(s.store.voidPending(b, cells, { entry, retryAtMs: T0 + 5 }));
    // Assess
    expect(refused).toBeInstanceOf(ConcurrencyError);
    expect(await s.store.holderOf(b.managerId, cells[0]!)).toMatchObject({ status: 'pending', told: 'booked' });
  });

  it('postponeDue moves a record due at the given time; one due at another time, or settled, is left', async () => {
    // Prepare
    const p = s.booking('p', at('18:00'), at('18:30'));
    const q = s.booking('q', at('19:00'), at('19:30'));
    await s.store.reserve(p.b, p.cells, LEASE_UNTIL, T0);
    await s.store.reserve(q.b, q.cells, LEASE_UNTIL, T0);
    await s.store.confirm(q.b, q.cells, 'evt-q');
    const due = LEASE_UNTIL + SETTLE_MARGIN_MS;
    // Act
    await s.store.postponeDue(p.b, due, T0 + 9_000_000);
    await s.store.postponeDue(p.b, due, T0 + 1);
    await s.store.postponeDue(q.b, due, T0 + 9_000_000);
    // Assess
    expect(await mine()).toEqual([[p.b.bookingId, T0 + 9_000_000]]);
  });

  it('a call books at most its cap (reserve, convertHold); a release gives the unit back, a confirm not', async () => {
    // Prepare
    const call = { callId: `call-${s.id}` };
    const [one, two, three] = ['1', '2', '3'].map((n, i) => s.booking(n, at(`0${i + 1}:00`), at(`0${i + 1}:30`)));
    const hold = s.booking('h', at('05:00'), at('05:30'));
    await s.store.reserve({ ...one!.b, ...call }, one!.cells, LEASE_UNTIL, T0, { perCall: 2 });
    await s.store.confirm({ ...one!.b, ...call }, one!.cells, 'evt-1');
    await s.store.reserve({ ...two!.b, ...call }, two!.cells, LEASE_UNTIL, T0, { perCall: 2 });
    // Act
    const full = await caught(s.store.reserve({ ...three!.b, ...call }, three!.cells, LEASE_UNTIL, T0, { perCall: 2 }));
    await s.store.hold({ ...hold.b, ...call, status: 'held', holdUntilMs: T0 + 60_000 }, hold.cells, T0);
    const convertFull = await caught(
      s.store.convertHold({ ...hold.b, ...call }, hold.cells, LEASE_UNTIL, T0, { perCall: 2 }),
    );
    await s.store.release({ ...two!.b, ...call }, two!.cells);
    await s.store.release({ ...two!.b, ...call }, two!.cells);
    await s.store.convertHold({ ...hold.b, ...call }, hold.cells, LEASE_UNTIL, T0, { perCall: 2 });
    const fullAgain = await caught(
      s.store.reserve({ ...three!.b, ...call }, three!.cells, LEASE_UNTIL, T0, { perCall: 2 }),
    );
    // Assess
    expect(full).toBeInstanceOf(CallLimitError);
    expect(convertFull).toBeInstanceOf(CallLimitError);
    expect(fullAgain).toBeInstanceOf(CallLimitError);
    expect(await s.store.holderOf(three!.b.managerId, three!.cells[0]!)).toBeUndefined();
    expect(await s.store.holderOf(hold.b.managerId, hold.cells[0]!)).toMatchObject({ status: 'pending' });
  });

  it('listDue of no items is empty; clearDue keeps pending and held records due; a convert is due anew', async () => {
    // Prepare
    const p = s.booking('p', at('20:00'), at('20:30'));
    const h = s.booking('h', at('21:00'), at('21:30'));
    const c = s.booking('c', at('22:00'), at('22:30'));
    await s.store.reserve(p.b, p.cells, LEASE_UNTIL, T0);
    await s.store.hold({ ...h.b, status: 'held', holdUntilMs: T0 + 30_000 }, h.cells, T0);
    await s.store.hold({ ...c.b, status: 'held', holdUntilMs: T0 + 30_000 }, c.cells, T0);
    // Act
    const none = [await s.store.listDue(LATER, 0), await s.store.listDue(LATER, -1)];
    await s.store.clearDue(p.b);
    await s.store.clearDue(h.b);
    await s.store.convertHold(c.b, c.cells, LEASE_UNTIL + 2_000, T0);
    // Assess
    expect(none).toEqual([[], []]);
    expect(await mine()).toEqual([
      [h.b.bookingId, T0 + 30_000],
      [p.b.bookingId, LEASE_UNTIL + SETTLE_MARGIN_MS],
      [c.b.bookingId, LEASE_UNTIL + 2_000 + SETTLE_MARGIN_MS],
    ]);
  });

  it('voidPending gives the call its unit back only for a booking that took one', async () => {
    // Prepare: "counted" took the call's one unit; "free" was reserved without limits
    const call = { callId: `call-${s.id}` };
    const [counted, free, next, last] = ['1', '2', '3', '4'].map((n, i) =>
      s.booking(n, at(`0${i + 1}:00`), at(`0${i + 1}:30`)),
    );
    const entry = { type: 'cancelled' as const, at: new Date(T0).toISOString(), reason: 'unconfirmed' };
    await s.store.reserve({ ...counted!.b, ...call }, counted!.cells, LEASE_UNTIL, T0, { perCall: 1 });
    await s.store.reserve({ ...free!.b, ...call }, free!.cells, LEASE_UNTIL, T0);
    // Act
    await s.store.voidPending({ ...counted!.b, ...call }, counted!.cells, { entry, retryAtMs: T0 + 5 });
    await s.store.reserve({ ...next!.b, ...call }, next!.cells, LEASE_UNTIL, T0, { perCall: 1 });
    await s.store.voidPending({ ...free!.b, ...call }, free!.cells, { entry, retryAtMs: T0 + 5 });
    const full = await caught(s.store.reserve({ ...last!.b, ...call }, last!.cells, LEASE_UNTIL, T0, { perCall: 1 }));
    // Assess
    expect(await s.store.holderOf(next!.b.managerId, next!.cells[0]!)).toMatchObject({ status: 'pending' });
    expect(full).toBeInstanceOf(CallLimitError);
  });
}
