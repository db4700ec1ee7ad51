/** What the lifecycle tools say: appointments as the agent reads them, and the "not found" and "locked" lines. */
import { spokenTime } from '../availability';
import type { BookingRecord } from '../ports';
import type { SlotOption } from '../types';
import type { ToolOutcome } from '../vapi/dispatch';
import type { CallerLookup } from './caller-bookings';

/** An appointment as find_appointment returns it. */
export function appointmentJson(booking: BookingRecord, zone: string) {
  return {
    id: booking.bookingId,
    start: booking.start,
    end: booking.end,
    spoken: spokenTime(booking.startMs, zone),
    ...(booking.propertyAddress ? { property_address: booking.propertyAddress } : {}),
    confirmation_code: booking.confirmationCode,
  };
}

/** "a viewing at 12 Elm St on Tuesday, March 17 at 3:00 PM". */
export function spokenAppointment(booking: BookingRecord, zone: string): string {
  const where = booking.propertyAddress ? ` at ${booking.propertyAddress}` : '';
  return `a viewing${where} on ${spokenTime(booking.startMs, zone)}`;
}

export const LOCKED =
  "I can't look up appointments on this call any more, because too many codes didn't match. " +
  'Would you like the manager to call you back?';
export const WRONG_CODE =
  "That code doesn't match an upcoming appointment. Could you check it and say it again, one character at a time?";
export const NONE_FOR_NUMBER =
  "I couldn't find an upcoming appointment for the number you're calling from. " +
  'Do you have the confirmation code you were given when you booked?';

/** The sentence for a lookup that found nothing live the caller may see (never whether someone else's exists). */
export function notFoundSentence(
  lookup: Exclude<CallerLookup, { kind: 'found' }>,
  zone: string,
): { message: string; reason: string } {
  if (lookup.kind === 'locked') return { message: LOCKED, reason: 'locked' };
  if (lookup.kind === 'cancelled') {
    const which = lookup.bookings.map((b) => spokenAppointment(b, zone)).join('; ');
    return {
      message: `That appointment is cancelled: ${which}. Would you like to book a new time?`,
      reason: 'cancelled',
    };
  }
  return lookup.wrongCode
    ? { message: WRONG_CODE, reason: 'wrong_code' }
    : { message: NONE_FOR_NUMBER, reason: 'not_found' };
}

/** "Which one?": the caller has several upcoming appointments and did not say which. */
export function whichOneSentence(bookings: BookingRecord[], zone: string): string {
  const listed = bookings.slice(0, 3).map((b) => spokenAppointment(b, zone));
  return `You have ${bookings.length} upcoming appointments: ${listed.join('; ')}. Which one do you mean?`;
}

/** A lifecycle refusal: the words, a reason code, and (for a move) the nearest open alternatives. */
export function refused(
  key: 'rescheduled' | 'cancelled',
  message: string,
  reason: string,
  alternatives?: SlotOption[],
) {
  const result: { message: string } & Record<string, unknown> = { message, [key]: false, reason };
  if (alternatives) result.alternatives = alternatives;
  return { result } satisfies ToolOutcome;
}
