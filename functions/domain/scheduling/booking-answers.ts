/** The JSON the voice agent gets back from set_appointment. */
import { spokenCount } from '../availability';
import { spellCode } from '../booking/confirmation-code';
import type { BookingRecord } from '../ports';
import type { SlotOption } from '../types';
import type { ToolOutcome } from '../vapi/dispatch';

/** A confirmed booking: what to tell the caller, and the appointment's id, times and code. */
export function bookedOutcome(booking: BookingRecord, spoken: string): ToolOutcome {
  const where = booking.propertyAddress ? ` at ${booking.propertyAddress}` : '';
  const invited = Boolean(booking.callerEmail) && booking.invited !== false;
  const invite = invited ? ` An invitation is on its way to ${booking.callerEmail}.` : '';
  return {
    result: {
      message:
        `You're booked${where} for ${spoken}. ` +
        `Your confirmation code is ${spellCode(booking.confirmationCode)}.${invite}${videoSentence(booking, invited)}`,
      booked: true,
      appointment: {
        id: booking.bookingId,
        start: booking.start,
        end: booking.end,
        confirmation_code: booking.confirmationCode,
      },
      ...(booking.joinUrl ? { join_url: booking.joinUrl } : {}),
    },
  };
}

/** What an online booking says about its video link: where it is, or plainly that there is none. */
function videoSentence(booking: BookingRecord, invited: boolean): string {
  if (!booking.online) return '';
  if (!booking.joinUrl) return " The manager's calendar couldn't add a video link, so there is no link for this one.";
  return invited
    ? ' The video link is in the invitation.'
    : ' The video link is in the calendar event; the manager can share it.';
}

/** Not booked: the reason in words, and the nearest free alternatives. */
export function notBookedOutcome(message: string, reason: string, alternatives: SlotOption[]): ToolOutcome {
  return { result: { message, booked: false, reason, alternatives } };
}

/** The reason of the answer after an ambiguous create: the booking is neither booked nor refused yet. */
export const CONFIRMING = 'confirming';

/**
 * The create was sent but its answer lost (the event may exist): not "booked", not a failure. The caller asks again,
 * and that attempt finds the event (booked) or makes it; a call that ends first has it cancelled.
 */
export function confirmingOutcome(): ToolOutcome {
  return notBookedOutcome("I'm confirming that booking — ask me again in a moment.", CONFIRMING, []);
}

/** Whether an answer is the provisional "confirming" one (not stored: a redelivery of the tool call looks again). */
export function isConfirming(outcome: ToolOutcome): boolean {
  return 'result' in outcome && outcome.result.reason === CONFIRMING;
}

/** Why a caller at a limit is not booked, in words. */
export function limitSentence(limit: 'call' | 'day', perCall: number, perDay: number): string {
  return limit === 'day'
    ? `I can only book ${spokenCount(perDay, 'viewing')} a day for one phone number. The manager can help with more.`
    : `I can book up to ${spokenCount(perCall, 'viewing')} per call. The manager can help with more.`;
}
