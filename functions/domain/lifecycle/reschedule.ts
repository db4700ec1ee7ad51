/**
 * The reschedule_appointment tool. The new time is checked live on every busy calendar (the booking's own event left
 * out), its lock cells are taken, the same calendar event is moved (attendees get an update, not a second invitation),
 * then the old cells are freed. Two callers moving onto one slot give one winner; the loser keeps their old time.
 */
import { checkRequestedStart, searchRange } from '../availability';
import { bookingCells } from '../booking/lock-cells';
import { ConcurrencyError, errorFields, SlotTakenError } from '../errors';
import type { BookingMove, Deadline } from '../ports';
import { readCalendar } from '../scheduling/calendar-reads';
import { exactlyOnce, claimKeyOf } from '../scheduling/exactly-once';
import { openManagerCalendar } from '../scheduling/manager-calendar';
import { managerForCall } from '../scheduling/routing';
import { takenOutcome } from '../scheduling/slot-conflict';
import type { ToolOutcome } from '../vapi/dispatch';
import type { RescheduleAppointmentArgs } from '../vapi/lifecycle-schemas';
import type { CallContext } from '../vapi/message';
import { refused } from './answers';
import type { LifecycleDeps } from './deps';
import { eventHome, followCalendar } from './event-home';
import { pickBooking } from './pick-booking';

type Call = { toolCallId: string; context: CallContext };
const WORDS = {
  tool: 'reschedule_appointment',
  busy: "I'm still moving that appointment. Please ask me again.",
  minMs: 4_000,
};

/** Moves the caller's appointment to the new start, or says why not with the nearest alternatives. */
export function rescheduleAppointment(
  args: RescheduleAppointmentArgs,
  call: Call,
  deps: LifecycleDeps,
  deadline: Deadline,
) {
  return exactlyOnce(call, WORDS, deps, deadline, () => move(args, call, deps, deadline));
}

async function move(args: RescheduleAppointmentArgs, call: Call, deps: LifecycleDeps, deadline: Deadline) {
  const managerId = managerForCall(call.context, deps.routing);
  const calendar = await openManagerCalendar(managerId, deps);
  const now = deps.clock();
  const providerDeadline = { at: deadline.at - 1_500 };
  const picked = await pickBooking('rescheduled', args, managerId, call.context, calendar.rules.timeZone, deps, now);
  if ('outcome' in picked) return picked.outcome;
  // One round trip: the booking's event by id (the calendar is the truth) and every busy calendar, in parallel.
  const range = searchRange({ rules: calendar.rules, now });
  const [followed, { entries, rules }] = await Promise.all([
    followCalendar(calendar, picked.booking, providerDeadline, deps),
    readCalendar(calendar, range, providerDeadline, deps, call.context.callId),
  ]);
  if (followed.kind === 'gone') {
    const message =
      'That appointment was cancelled by the manager, so there is nothing to move. Shall I book a new time?';
    return refused('rescheduled', message, 'cancelled', []);
  }
  const booking = followed.booking;
  const others = entries.filter((e) => !(booking.eventId && e.id === booking.eventId));
  const durationMinutes = Math.round((booking.endMs - booking.startMs) / 60_000);
  const input = { startText: args.new_start_time, durationMinutes, rules, entries: others, now };
  const check = checkRequestedStart(input);
  if (check.ok && check.slot.start === booking.startMs) return moved(booking, check.spoken, true);
  if (!check.ok) return refused('rescheduled', check.message, check.reason, check.alternatives);
  const change: BookingMove = {
    start: check.startIso,
    end: check.endIso,
    startMs: check.slot.start,
    endMs: check.slot.end,
    cells: bookingCells(check.slot, rules.bufferMinutes),
    toolCallId: claimKeyOf(call),
  };
  try {
    await deps.bookings.beginMove(booking, change, now + (deps.leaseMs ?? 60_000), deps.clock());
  } catch (error) {
    if (error instanceof ConcurrencyError) {
      const message = 'That appointment is being changed on another call right now. Please ask me again in a moment.';
      return refused('rescheduled', message, 'busy', []);
    }
    if (!(error instanceof SlotTakenError)) throw error;
    const taken = takenOutcome(input, check.slot) as { result: { message: string; alternatives: unknown[] } };
    return refused('rescheduled', taken.result.message, 'taken', taken.result.alternatives as never);
  }
  const home = eventHome(calendar, booking, deps);
  if (home) {
    try {
      const changes = { start: change.startMs, end: change.endMs, timeZone: rules.timeZone };
      await home.provider.updateEvent(home.calendarId, home.eventId, changes, providerDeadline);
    } catch (error) {
      await deps.bookings.abandonMove(booking, change).catch(() => undefined);
      throw error;
    }
  }
  // The event has moved: that is the truth now. A failed bookkeeping step is followed on the next read of the event.
  const at = new Date(deps.clock()).toISOString();
  const done = await deps.bookings.completeMove(booking, change, at).catch((error: Error) => {
    deps.log?.error('recording a move failed after the event moved', { managerId, ...errorFields(error) });
    return { ...booking, start: change.start, end: change.end, startMs: change.startMs, endMs: change.endMs };
  });
  return moved(done, check.spoken, false);
}

function moved(
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
