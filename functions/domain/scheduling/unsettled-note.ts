/** Writing down what the caller heard about a booking that is still pending (so the end of the call can follow it). */
import { errorFields } from '../errors';
import type { BookingRecord, BookingStore, Clock, Log, UnsettledNote } from '../ports';
import { SETTLE_MARGIN_MS } from '../ports';

/** How long an unsettled booking keeps its slot from other callers while its caller may ask again. */
export const CONFIRMING_HOLD_MS = 10 * 60_000;

/**
 * Records what the caller is about to hear on the still-pending booking; false when it cannot. "Confirming": the slot
 * stays the call's for CONFIRMING_HOLD_MS and the keeper waits that long (plus SETTLE_MARGIN_MS), so a caller still on
 * the line can ask again. "Booked" (the event exists): the cells stay its own until the slot ends, and it is due at
 * once, so the keeper confirms it and nobody else can take the slot meanwhile.
 */
export async function noteAnswered(
  booking: BookingRecord,
  cells: number[],
  told: Pick<UnsettledNote, 'told' | 'eventId'>,
  deps: { bookings: BookingStore; clock: Clock; log?: Log },
): Promise<boolean> {
  const now = deps.clock();
  const hold = now + CONFIRMING_HOLD_MS;
  const note: UnsettledNote =
    told.told === 'booked'
      ? { ...told, untilMs: Math.max(booking.endMs, hold), dueAtMs: now }
      : // Leased until it is due: a lease that ended before the keeper may act would leave the slot to anyone.
        { ...told, untilMs: hold + SETTLE_MARGIN_MS, dueAtMs: hold + SETTLE_MARGIN_MS };
  return deps.bookings.markUnsettled(booking, cells, note).then(
    () => true,
    (error: unknown) => {
      deps.log?.error('recording what the caller was told failed', {
        managerId: booking.managerId,
        bookingId: booking.bookingId,
        ...errorFields(error),
      });
      return false;
    },
  );
}
