/** The end of a call: which of its bookings are settled, and a failed settle neither stops the holds' release. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { releaseCallHolds } from '../../../functions/domain/lifecycle/call-ended';
import type { BookingRecord } from '../../../functions/domain/ports';
import { callRecord } from '../scheduling/call-records';
import { TUE_3PM, world, type World } from './harness';

let w: World;
beforeEach(async () => {
  w = await world();
});

const deadline = () => ({ at: w.clock.now + 5_000 });
const statusOf = (bookingId: string) =>
  [...w.bookings.bookings.values()].find((b) => b.bookingId === bookingId)?.status;

/** A booking of call-a, reserved (pending) at Tuesday 10:00 New York plus `hour` hours. */
async function reserved(bookingId: string, hour: number, extra: Partial<BookingRecord> = {}) {
  const startMs = Date.parse('2026-11-24T15:00:00Z') + hour * 3_600_000;
  const endMs = startMs + 1_800_000;
  const record = callRecord(bookingId, { startMs, endMs, createdAt: new Date(w.clock.now).toISOString(), ...extra });
  await w.bookings.reserve(record, record.cells!, w.clock.now + 60_000, w.clock.now);
  return record;
}

describe('Function: releaseCallHolds', () => {
  it('settles only the pending bookings the caller was answered about', async () => {
    // Prepare: one heard "booked", one still being written (nothing told yet), one already confirmed
    await reserved('told', 0, { told: 'booked', eventId: 'evt-told' });
    await reserved('writing', 1);
    const done = await reserved('done', 2, { told: 'booked', eventId: 'evt-done' });
    await w.bookings.confirm(done, done.cells!, 'evt-done');
    const clearDue = vi.spyOn(w.bookings, 'clearDue');

    // Act
    const released = await releaseCallHolds({ callId: 'call-a' }, w.deps, deadline());

    // Assess
    expect(released).toBe(0);
    expect([statusOf('told'), statusOf('writing'), statusOf('done')]).toEqual(['confirmed', 'pending', 'confirmed']);
    expect(clearDue).not.toHaveBeenCalled();
  });

  it('warns when settling fails, and still releases the call’s hold', async () => {
    // Prepare
    await reserved('told', 0, { told: 'booked', eventId: 'evt-told' });
    await w.tool('hold_slot', { start_time: TUE_3PM }, { callId: 'call-a' });
    vi.spyOn(w.bookings, 'confirm').mockRejectedValue(new Error('store down'));

    // Act
    const released = await releaseCallHolds({ callId: 'call-a' }, w.deps, deadline());

    // Assess
    expect(released).toBe(1);
    expect(statusOf('told')).toBe('pending');
    expect(w.warnings).toStrictEqual([
      {
        message: 'settling a booking at the end of the call failed; the keeper tries again',
        detail: { managerId: 'mgr', bookingId: 'told', error: 'Error', reason: 'store down' },
      },
    ]);
  });

  it('still releases the call’s hold when settling fails and no log is configured', async () => {
    // Prepare
    await reserved('told', 0, { told: 'booked', eventId: 'evt-told' });
    await w.tool('hold_slot', { start_time: TUE_3PM }, { callId: 'call-a' });
    vi.spyOn(w.bookings, 'confirm').mockRejectedValue(new Error('store down'));
    w.deps.log = undefined;

    // Act
    const released = await releaseCallHolds({ callId: 'call-a' }, w.deps, deadline());

    // Assess
    expect(released).toBe(1);
  });
});
