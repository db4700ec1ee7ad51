/**
 * The cancel_appointment tool: cancels the calendar event (with the provider's cancellation to attendees when there are
 * any), then marks the booking cancelled and frees its cells. A repeat is harmless and answers the same.
 */
import { spokenTime } from '../availability';
import { plainCallerText } from '../booking/caller-text';
import { cellsOf } from '../booking/lock-cells';
import type { Deadline } from '../ports';
import { withReconnectFlag } from '../scheduling/calendar-reads';
import { exactlyOnce } from '../scheduling/exactly-once';
import { openManagerCalendar } from '../scheduling/manager-calendar';
import { managerForCall } from '../scheduling/routing';
import type { ToolOutcome } from '../vapi/dispatch';
import type { CancelAppointmentArgs } from '../vapi/lifecycle-schemas';
import type { CallContext } from '../vapi/message';
import type { LifecycleDeps } from './deps';
import { eventHome, UNREACHABLE, unreachable } from './event-home';
import { pickBooking } from './pick-booking';

type Call = { toolCallId: string; context: CallContext };
const WORDS = { tool: 'cancel_appointment', busy: "I'm still cancelling that. Please ask me again.", minMs: 3_000 };

/** Cancels the caller's appointment. */
export function cancelAppointment(args: CancelAppointmentArgs, call: Call, deps: LifecycleDeps, deadline: Deadline) {
  return exactlyOnce(call, WORDS, deps, deadline, () => cancel(args, call, deps, deadline));
}

async function cancel(args: CancelAppointmentArgs, call: Call, deps: LifecycleDeps, deadline: Deadline) {
  const managerId = managerForCall(call.context, deps.routing);
  const calendar = await openManagerCalendar(managerId, deps);
  const zone = calendar.rules.timeZone;
  const now = deps.clock();
  const picked = await pickBooking('cancelled', args, managerId, call.context, zone, deps, now);
  if ('outcome' in picked) return picked.outcome;
  const { booking } = picked;
  const when = spokenTime(booking.startMs, zone);
  const answer = (): ToolOutcome => ({
    result: {
      message: `Your appointment on ${when} is cancelled. Would you like to book another time?`,
      cancelled: true,
    },
  });
  if (booking.status === 'cancelled') return answer();
  const home = eventHome(calendar, booking, deps);
  if (unreachable(booking, home)) {
    return { result: { message: UNREACHABLE, cancelled: false, reason: 'unreachable' } } satisfies ToolOutcome;
  }
  const reason = plainCallerText(args.reason, 300);
  if (home) {
    const comment = `This appointment was cancelled by phone${reason ? `: ${reason}` : '.'}`;
    await withReconnectFlag(managerId, home.connection, deps, () =>
      home.provider.cancelEvent(home.calendarId, home.eventId, { at: deadline.at - 1_500 }, comment),
    );
  }
  const entry = { type: 'cancelled' as const, at: new Date(deps.clock()).toISOString(), by: 'caller' as const };
  await deps.bookings.retire(booking, cellsOf(booking, calendar.rules.bufferMinutes), {
    ...entry,
    ...(args.reason ? { reason } : {}),
  });
  return answer();
}
