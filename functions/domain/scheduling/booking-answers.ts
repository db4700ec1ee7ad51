/** The JSON the voice agent gets back from set_appointment. */
import { spellCode } from '../booking/confirmation-code';
import type { BookingRecord } from '../ports';
import type { SlotOption } from '../types';
import type { ToolOutcome } from '../vapi/dispatch';

/** A confirmed booking: what to tell the caller, and the appointment's id, times and code. */
export function bookedOutcome(booking: BookingRecord, spoken: string): ToolOutcome {
  const where = booking.propertyAddress ? ` at ${booking.propertyAddress}` : '';
  const invite = booking.callerEmail ? ` An invitation is on its way to ${booking.callerEmail}.` : '';
  return {
    result: {
      message:
        `You're booked${where} for ${spoken}. ` +
        `Your confirmation code is ${spellCode(booking.confirmationCode)}.${invite}`,
      booked: true,
      appointment: {
        id: booking.bookingId,
        start: booking.start,
        end: booking.end,
        confirmation_code: booking.confirmationCode,
      },
    },
  };
}

/** Not booked: the reason in words, and the nearest free alternatives. */
export function notBookedOutcome(message: string, reason: string, alternatives: SlotOption[]): ToolOutcome {
  return { result: { message, booked: false, reason, alternatives } };
}
