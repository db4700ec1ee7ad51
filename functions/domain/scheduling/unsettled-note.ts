/** Writing down what the caller heard about a booking that is still pending (so the end of the call can follow it). */
import { errorFields } from '../errors';
import type { BookingRecord, BookingStore, Clock, Log, UnsettledNote } from '../ports';

/** How long an unsettled booking keeps its slot from other callers while its caller may ask again. */
export const CONFIRMING_HOLD_MS = 10 * 60_000;

/** Records what the caller is about to hear on the still-pending booking (due at once); false when it cannot. */
export async function noteAnswered(
  booking: BookingRecord,
  cells: number[],
  told: Pick<UnsettledNote, 'told' | 'eventId'>,
  deps: { bookings: BookingStore; clock: Clock; log?: Log },
): Promise<boolean> {
  const now = deps.clock();
  return deps.bookings.markUnsettled(booking, cells, { ...told, untilMs: now + CONFIRMING_HOLD_MS, dueAtMs: now }).then(
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
