/** RECHECK_AFTER_MS: how long a booking cancelled unconfirmed stays due, so a create that landed late is found. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { honestDeps } from '../scheduling/honest-booking.harness';
import { callRecord } from '../scheduling/call-records';

const NOW = Date.parse('2026-11-23T14:00:00Z');
const START = Date.parse('2026-11-24T15:00:00Z');
const MINUTE = 60_000;

describe('Function: settleBooking (the recheck delay)', () => {
  const at = { now: NOW };
  let h: Awaited<ReturnType<typeof honestDeps>>;
  // Loaded afresh: the delay is a module-level value.
  let settleBooking: typeof import('../../../functions/domain/keeper/settle-booking').settleBooking;

  beforeEach(async () => {
    vi.resetModules();
    ({ settleBooking } = await import('../../../functions/domain/keeper/settle-booking'));
    at.now = NOW;
    h = await honestDeps(at);
  });

  it('a booking cancelled because nobody heard "booked" is due again 15 minutes later, not before', async () => {
    // Prepare: a pending booking (manual mode) whose caller heard "confirming"
    const booking = callRecord('a', {
      startMs: START,
      endMs: START + 30 * MINUTE,
      createdAt: new Date(NOW).toISOString(),
    });
    await h.bookings.reserve(booking, booking.cells!, NOW + MINUTE, NOW);
    await h.bookings.markUnsettled(booking, booking.cells!, { told: 'confirming', untilMs: NOW, dueAtMs: NOW });
    const [record] = await h.bookings.listByManager('mgr', START, START + 1);
    const dueIds = async (untilMs: number) => (await h.bookings.listDue(untilMs, 25)).map((b) => b.bookingId);
    // Act
    const settled = await settleBooking(record!, true, h.deps, { at: NOW + MINUTE }, [record!]);
    // Assess
    expect(settled).toBe('cancelled');
    expect(await dueIds(NOW + 15 * MINUTE - 1)).toEqual([]);
    expect(await dueIds(NOW + 15 * MINUTE)).toEqual(['a']);
  });
});
