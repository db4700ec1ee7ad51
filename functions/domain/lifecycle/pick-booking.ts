/** The one booking a reschedule or cancel is about, or the sentence saying why there is none (yet). */
import type { BookingRecord } from '../ports';
import type { CallContext } from '../vapi/message';
import type { ToolOutcome } from '../vapi/dispatch';
import { notFoundSentence, refused, whichOneSentence } from './answers';
import { callerBookings } from './caller-bookings';
import type { LifecycleDeps } from './deps';

/** Resolves appointment_id / confirmation_code against the caller's bookings. */
export async function pickBooking(
  key: 'rescheduled' | 'cancelled',
  ask: { appointment_id?: string; confirmation_code?: string },
  managerId: string,
  context: CallContext,
  zone: string,
  deps: LifecycleDeps,
  now: number,
): Promise<{ booking: BookingRecord } | { outcome: ToolOutcome }> {
  const request = {
    code: ask.confirmation_code,
    appointmentId: ask.appointment_id,
    withCancelled: key === 'cancelled',
  };
  const lookup = await callerBookings(managerId, context, request, deps, now);
  if (lookup.kind !== 'found') {
    const { message, reason } = notFoundSentence(lookup, zone);
    return { outcome: refused(key, message, reason, key === 'rescheduled' ? [] : undefined) };
  }
  if (lookup.bookings.length > 1) {
    const message = whichOneSentence(lookup.bookings, zone);
    return { outcome: refused(key, message, 'ambiguous', key === 'rescheduled' ? [] : undefined) };
  }
  return { booking: lookup.bookings[0]! };
}
