/**
 * Carrying out a checked move: the new time's cells (one winner), the PATCH of the same event, the booking re-keyed
 * and the old cells freed. The event moving is the truth: a failed bookkeeping step after it is followed on next read.
 */
import { ConcurrencyError, errorFields, SlotTakenError } from '../errors';
import type { BookingMove, BookingRecord, Deadline } from '../ports';
import { takenAnswer } from '../scheduling/slot-conflict';
import type { AvailabilityRules, CalendarEntry } from '../types';
import type { ToolOutcome } from '../vapi/dispatch';
import { refused } from './answers';
import type { LifecycleDeps } from './deps';
import type { EventHome } from './event-home';

export interface MovePlan {
  booking: BookingRecord;
  change: BookingMove;
  spoken: string;
  /** What the move was checked against, for the alternatives when the new time was just taken. */
  checked: { startText: string; durationMinutes: number; rules: AvailabilityRules; entries: CalendarEntry[] };
  /** Where the event lives (undefined in manual mode), opened once by the caller. */
  home: EventHome | undefined;
}

/** Moves the booking, or says why not; `moved` is true when the event and the record moved. */
export async function moveBooking(
  plan: MovePlan,
  deps: LifecycleDeps,
  now: number,
  deadline: Deadline,
): Promise<{ moved: boolean; outcome: ToolOutcome }> {
  const { booking, change } = plan;
  try {
    await deps.bookings.beginMove(booking, change, now + (deps.leaseMs ?? 60_000), deps.clock());
  } catch (error) {
    if (error instanceof ConcurrencyError) {
      const message = 'That appointment is being changed on another call right now. Please ask me again in a moment.';
      return { moved: false, outcome: refused('rescheduled', message, 'busy', []) };
    }
    if (!(error instanceof SlotTakenError)) throw error;
    const taken = takenAnswer({ ...plan.checked, now }, { start: change.startMs, end: change.endMs });
    return { moved: false, outcome: refused('rescheduled', taken.message, 'taken', taken.alternatives) };
  }
  const { home } = plan;
  if (home) {
    try {
      const changes = { start: change.startMs, end: change.endMs, timeZone: plan.checked.rules.timeZone };
      await home.provider.updateEvent(home.calendarId, home.eventId, changes, deadline);
    } catch (error) {
      await deps.bookings.abandonMove(booking, change).catch(() => undefined);
      throw error;
    }
  }
  const at = new Date(deps.clock()).toISOString();
  const done = await deps.bookings.completeMove(booking, change, at).catch((error: Error) => {
    const detail = { managerId: booking.managerId, bookingId: booking.bookingId, ...errorFields(error) };
    deps.log?.error('recording a move failed after the event moved', detail);
    return { ...booking, start: change.start, end: change.end, startMs: change.startMs, endMs: change.endMs };
  });
  return { moved: true, outcome: movedOutcome(done, plan.spoken, false) };
}

/** "Done: moved to …" (or "already at …"), with the appointment as it is now. */
export function movedOutcome(
  booking: { bookingId: string; start: string; end: string; confirmationCode: string },
  spoken: string,
  already: boolean,
): ToolOutcome {
  const message = already
    ? `Your appointment is already at ${spoken}; nothing needed to change.`
    : `Done: your appointment is moved to ${spoken}. Your confirmation code stays the same.`;
  const appointment = {
    id: booking.bookingId,
    start: booking.start,
    end: booking.end,
    confirmation_code: booking.confirmationCode,
  };
  return { result: { message, rescheduled: true, appointment } };
}
