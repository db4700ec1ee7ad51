/** The keeper's bookings sweep: settles what is due, once, within its limit and deadline; one read when idle. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SlotTakenError } from '../../../functions/domain/errors';
import { RECHECK_AFTER_MS } from '../../../functions/domain/keeper/settle-booking';
import { sweepDueBookings } from '../../../functions/domain/keeper/sweep-bookings';
import type { BookingRecord } from '../../../functions/domain/ports';
import { SETTLE_MARGIN_MS, versionsOf } from '../../../functions/domain/ports';
import { holdSlot } from '../../../functions/domain/lifecycle/hold-slot';
import { setAppointment } from '../../../functions/domain/scheduling/booking-tool';
import { CONFIRMING_HOLD_MS } from '../../../functions/domain/scheduling/unsettled-note';
import { honestDeps, lostAnswer } from '../scheduling/honest-booking.harness';

/** Past a "confirming" booking's hold and the settle margin: the caller can no longer be asking again. */
const AFTER_CONFIRMING_MS = CONFIRMING_HOLD_MS + SETTLE_MARGIN_MS + 1;

const call = (toolCallId: string, callId = 'call-1') => ({
  toolCallId,
  context: { callId, customerNumber: '+15551234567' },
});

describe.each([
  { season: 'winter', now: '2026-11-23T14:00:00Z', day: '2026-11-24' },
  { season: 'summer', now: '2026-07-13T13:00:00Z', day: '2026-07-14' },
])('Function: sweepDueBookings ($season)', ({ now, day }) => {
  const at = { now: Date.parse(now) };
  let h: Awaited<ReturnType<typeof honestDeps>>;
  const deadline = () => ({ at: at.now + 60_000 });
  const book = (id: string, time: string, callId = 'call-1') =>
    setAppointment({ start_time: `${day}T${time}`, attendee_name: 'Jane' }, call(id, callId), h.deps, deadline());
  const records = () => [...h.bookings.bookings.values()] as BookingRecord[];

  beforeEach(async () => {
    vi.useFakeTimers({ now: Date.parse(now) });
    at.now = Date.parse(now);
    h = await honestDeps(at);
  });
  afterEach(() => vi.useRealTimers());

  it('costs one due-list read and changes nothing when nothing is due', async () => {
    // Prepare: one confirmed booking (off the list), one fresh pending lock (not due yet)
    await book('tc-1', '10:00');
    const listDue = vi.spyOn(h.bookings, 'listDue');
    // Act
    const result = await sweepDueBookings(h.deps, { limit: 25, deadline: deadline() });
    // Assess
    expect(result).toEqual({ looked: 0, kept: 0, cancelled: 0, released: 0, left: 0 });
    expect(listDue).toHaveBeenCalledTimes(1);
  });

  it('cancels an unconfirmed create, frees a lapsed hold and a stale lock; a second run changes nothing', async () => {
    // Prepare: a "confirming" booking whose event exists, a hold, and a pending lock left by a crashed invocation
    h.calendar.loseAnswers = 1;
    await book('tc-1', '10:00');
    h.calendar.hidden.clear();
    await holdSlot({ start_time: `${day}T11:00` }, call('tc-2', 'call-2'), h.deps, deadline());
    const crashed = {
      ...records()[0]!,
      bookingId: 'crashed',
      callId: 'call-3',
      startMs: records()[0]!.startMs + 7_200_000,
      endMs: records()[0]!.endMs + 7_200_000,
      bookingKey: 'crashed-key',
    };
    crashed.cells = [crashed.startMs];
    delete crashed.told;
    await h.bookings.reserve(crashed, crashed.cells, at.now + 60_000, at.now);
    at.now += 60_000 + SETTLE_MARGIN_MS + 3_600_000;
    // Act
    const first = await sweepDueBookings(h.deps, { limit: 25, deadline: deadline() });
    const second = await sweepDueBookings(h.deps, { limit: 25, deadline: deadline() });
    // Assess
    expect(first).toMatchObject({ looked: 3, kept: 0, cancelled: 1, released: 2, left: 0 });
    expect(second).toMatchObject({ kept: 0, cancelled: 0, released: 0, left: 0 });
    expect(h.calendar.live()).toEqual([]);
    expect(h.calendar.cancelled).toHaveLength(1);
    expect(
      records()
        .map((b) => b.status)
        .sort(),
    ).toEqual(['cancelled', 'released', 'released']);
    expect(h.bookings.cells.size).toBe(0);
    expect(h.metrics.reconciled('cancelled')).toBe(1);
  });

  it('two sweeps at once settle each record once', async () => {
    // Prepare
    h.calendar.loseAnswers = 1;
    await book('tc-1', '10:00');
    h.calendar.hidden.clear();
    at.now += AFTER_CONFIRMING_MS;
    // Act
    const runs = await Promise.all([
      sweepDueBookings(h.deps, { limit: 25, deadline: deadline() }),
      sweepDueBookings(h.deps, { limit: 25, deadline: deadline() }),
    ]);
    // Assess
    expect(runs[0]!.cancelled + runs[1]!.cancelled).toBe(1);
    expect(h.calendar.live()).toEqual([]);
    expect(records()).toMatchObject([{ status: 'cancelled' }]);
  });

  it('stays within its limit and its deadline, counting what it left', async () => {
    // Prepare: three lapsed holds of three calls
    for (const [i, time] of ['09:00', '10:00', '11:00'].entries())
      await holdSlot({ start_time: `${day}T${time}` }, call(`tc-${i}`, `call-${i}`), h.deps, deadline());
    at.now += 3_600_000;
    // Act
    const limited = await sweepDueBookings(h.deps, { limit: 2, deadline: deadline() });
    const late = await sweepDueBookings(h.deps, { limit: 25, deadline: { at: at.now + 1_000 } });
    // Assess
    expect(limited).toMatchObject({ looked: 2, released: 2, left: 0 });
    expect(late).toMatchObject({ looked: 0, left: 1 });
    expect(records().filter((b) => b.status === 'held')).toHaveLength(1);
  });

  it('leaves a "confirming" booking alone while its caller may ask again, and cancels it after', async () => {
    // Prepare
    h.calendar.loseAnswers = 1;
    await book('tc-1', '10:00');
    h.calendar.hidden.clear();
    at.now += 5 * 60_000;
    // Act
    const early = await sweepDueBookings(h.deps, { limit: 25, deadline: deadline() });
    const liveAfterEarly = h.calendar.live().length;
    at.now += AFTER_CONFIRMING_MS;
    const late = await sweepDueBookings(h.deps, { limit: 25, deadline: deadline() });
    // Assess
    expect(early).toMatchObject({ looked: 0, cancelled: 0 });
    expect(liveAfterEarly).toBe(1);
    expect(late).toMatchObject({ looked: 1, cancelled: 1 });
    expect(h.calendar.live()).toEqual([]);
  });

  it('a "confirming" booking keeps its slot until the keeper may settle it, not only for its 10-minute hold', async () => {
    // Prepare: between the end of the hold and the settle margin, another call tries the same cells
    h.calendar.loseAnswers = 1;
    await book('tc-1', '10:00');
    at.now += CONFIRMING_HOLD_MS + SETTLE_MARGIN_MS / 2;
    const mine = records()[0]!;
    const other = { ...mine, bookingId: 'other', callId: 'call-2', toolCallId: 'tc-9', told: undefined };
    // Act
    const taken = await h.bookings.reserve(other, mine.cells!, at.now + 60_000, at.now).catch((e: unknown) => e);
    // Assess
    expect(mine).toMatchObject({ status: 'pending', told: 'confirming' });
    expect(taken).toBeInstanceOf(SlotTakenError);
  });

  it('a booking heard "booked" whose confirm failed keeps its slot past 10 minutes; the sweep keeps it', async () => {
    // Prepare: the confirm write fails once, so the record says "booked" and is left pending
    const confirm = h.bookings.confirm.bind(h.bookings);
    let failures = 1;
    h.bookings.confirm = async (...a) => (failures-- > 0 ? Promise.reject(new Error('throttled')) : confirm(...a));
    const answered = await book('tc-1', '10:00');
    at.now += CONFIRMING_HOLD_MS + 60_000;
    const mine = records()[0]!;
    const other = { ...mine, bookingId: 'other', callId: 'call-2', toolCallId: 'tc-9', told: undefined };
    // Act
    const taken = await h.bookings.reserve(other, mine.cells!, at.now + 60_000, at.now).catch((e: unknown) => e);
    const result = await sweepDueBookings(h.deps, { limit: 25, deadline: deadline() });
    // Assess
    expect(answered).toMatchObject({ result: expect.objectContaining({ booked: true }) });
    expect(taken).toBeInstanceOf(SlotTakenError);
    expect(result).toMatchObject({ kept: 1, left: 0 });
    expect(records()).toMatchObject([{ bookingId: mine.bookingId, status: 'confirmed', eventId: 'evt-1' }]);
  });

  it('the recheck of a voided booking keeps the event a later attempt with the same key confirmed', async () => {
    // Prepare: A answered "confirming" with no event made, voided by the sweep; B then books with A's key
    h.calendar.failCreate = lostAnswer();
    await book('tc-1', '10:00');
    h.calendar.failCreate = undefined;
    at.now += AFTER_CONFIRMING_MS;
    await sweepDueBookings(h.deps, { limit: 25, deadline: deadline() });
    const a = records()[0]!;
    const b = { ...a, bookingId: 'b', toolCallId: 'tc-2', status: 'pending' as const, told: undefined };
    await h.bookings.reserve(b, a.cells!, at.now + 60_000, at.now);
    const made = await h.calendar.createEvent('default', {
      subject: 'Viewing',
      bodyText: '',
      start: a.startMs,
      end: a.endMs,
      timeZone: 'America/New_York',
      bookingKey: a.bookingKey!,
    });
    await h.bookings.confirm(b, a.cells!, made.id);
    at.now += RECHECK_AFTER_MS;
    // Act
    await sweepDueBookings(h.deps, { limit: 25, deadline: deadline() });
    // Assess
    expect(a.status).toBe('cancelled');
    expect(h.calendar.cancelled).toEqual([]);
    expect(h.calendar.live().map((e) => e.id)).toEqual([made.id]);
    expect(await h.bookings.listDue(at.now, 25)).toEqual([]);
  });

  it('a record that keeps failing at the head of the list does not stop the next one being settled', async () => {
    // Prepare: two lapsed holds; settling the first one always fails
    await holdSlot({ start_time: `${day}T09:00` }, call('tc-0', 'call-0'), h.deps, deadline());
    at.now += 1_000;
    await holdSlot({ start_time: `${day}T10:00` }, call('tc-1', 'call-1'), h.deps, deadline());
    const failing = records().find((r) => r.callId === 'call-0')!;
    const list = h.bookings.listByManager.bind(h.bookings);
    h.bookings.listByManager = async (managerId, from, to) =>
      from === failing.startMs ? Promise.reject(new Error('throttled')) : list(managerId, from, to);
    at.now += 3_600_000;
    // Act
    const first = await sweepDueBookings(h.deps, { limit: 1, deadline: deadline() });
    const second = await sweepDueBookings(h.deps, { limit: 1, deadline: deadline() });
    // Assess
    expect(first).toMatchObject({ looked: 1, released: 0, left: 1 });
    expect(second).toMatchObject({ looked: 1, released: 1, left: 0 });
    expect(
      records()
        .filter((r) => r.status === 'held')
        .map((r) => r.callId),
    ).toEqual(['call-0']);
    expect((await h.bookings.listDue(at.now + 6 * 3_600_000, 25)).map((r) => r.callId)).toEqual(['call-0']);
  });

  it('a booking whose calendar needs reconnecting waits for the reconnect, then its landed event is cancelled', async () => {
    // Prepare: the create landed but its answer was lost; then the grant was revoked
    h.calendar.loseAnswers = 1;
    await book('tc-1', '10:00');
    await h.deps.connections.markNeedsReconnect('mgr', 'conn-1', new Date(at.now).toISOString());
    at.now += AFTER_CONFIRMING_MS;
    const waiting = await sweepDueBookings(h.deps, { limit: 25, deadline: deadline() });
    const left = structuredClone(records()[0]!);
    // Act: the manager reconnects, and a later run looks again
    const reconnected = (await h.deps.connections.get('mgr'))!;
    for (const c of reconnected.connections) c.needsReconnect = false;
    await h.deps.connections.save(reconnected, versionsOf(reconnected));
    h.calendar.hidden.clear();
    at.now += 7 * 3_600_000;
    const after = await sweepDueBookings(h.deps, { limit: 25, deadline: deadline() });
    // Assess: nothing voided blind while the grant was gone; once readable, the unheard event is cancelled
    expect(waiting).toMatchObject({ looked: 1, cancelled: 0, left: 1 });
    expect(left).toMatchObject({ status: 'pending', told: 'confirming' });
    expect(after).toMatchObject({ cancelled: 1, left: 0 });
    expect(records()).toMatchObject([{ status: 'cancelled' }]);
    expect(h.calendar.cancelled).toHaveLength(1);
    expect(h.calendar.live()).toEqual([]);
  });

  it("a booking voided unheard gives the caller's daily unit back", async () => {
    // Prepare: one booking a day for this number, taken by a "confirming" booking
    h.deps.maxBookingsPerCallerPerDay = 1;
    h.calendar.failCreate = lostAnswer();
    await book('tc-1', '10:00');
    h.calendar.failCreate = undefined;
    at.now += AFTER_CONFIRMING_MS;
    await sweepDueBookings(h.deps, { limit: 25, deadline: deadline() });
    // Act
    const next = await book('tc-2', '11:00', 'call-2');
    // Assess
    expect(records().find((r) => r.toolCallId === 'tc-1')).toMatchObject({ status: 'cancelled' });
    expect(next).toMatchObject({ result: expect.objectContaining({ booked: true }) });
  });
});
