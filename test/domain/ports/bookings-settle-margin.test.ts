/** SETTLE_MARGIN_MS: a booking whose caller heard "confirming" stays its call's for 2 minutes past the hold. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MemoryBookingStore } from '../../fakes/stores';
import { callRecord } from '../scheduling/call-records';

const NOW = Date.parse('2026-11-23T14:00:00Z');
const START = Date.parse('2026-11-24T15:00:00Z');
const MINUTE = 60_000;

describe('Constant: SETTLE_MARGIN_MS', () => {
  // Loaded afresh: the margin is a module-level value.
  let notes: typeof import('../../../functions/domain/scheduling/unsettled-note');

  beforeEach(async () => {
    vi.resetModules();
    notes = await import('../../../functions/domain/scheduling/unsettled-note');
  });

  it('a "confirming" booking comes due for the keeper 2 minutes after its hold ends, not before', async () => {
    // Prepare: a pending booking whose create answer was lost
    const bookings = new MemoryBookingStore({ clock: () => NOW });
    const createdAt = new Date(NOW).toISOString();
    const booking = callRecord('a', { startMs: START, endMs: START + 30 * MINUTE, createdAt });
    await bookings.reserve(booking, booking.cells!, NOW + MINUTE, NOW);
    const dueIds = async (untilMs: number) => (await bookings.listDue(untilMs, 25)).map((b) => b.bookingId);
    // Act
    const noted = await notes.noteAnswered(
      booking,
      booking.cells!,
      { told: 'confirming' },
      { bookings, clock: () => NOW },
    );
    // Assess
    const holdEnd = NOW + notes.CONFIRMING_HOLD_MS;
    expect(noted).toBe(true);
    expect(await dueIds(holdEnd + 2 * MINUTE - 1)).toEqual([]);
    expect(await dueIds(holdEnd + 2 * MINUTE)).toEqual(['a']);
  });
});
