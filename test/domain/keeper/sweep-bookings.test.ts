/** The keeper's bookings sweep: settles what is due, once, within its limit and deadline; one read when idle. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { sweepDueBookings } from '../../../functions/domain/keeper/sweep-bookings';
import type { BookingRecord } from '../../../functions/domain/ports';
import { SETTLE_MARGIN_MS } from '../../../functions/domain/ports';
import { holdSlot } from '../../../functions/domain/lifecycle/hold-slot';
import { setAppointment } from '../../../functions/domain/scheduling/booking-tool';
import { honestDeps } from '../scheduling/honest-booking.harness';

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
});
