/**
 * The reschedule_appointment tool. The new time is checked live on every busy calendar (the booking's own event left
 * out), its lock cells are taken, the same calendar event is moved (attendees get an update, not a second invitation),
 * then the old cells are freed. Two callers moving onto one slot give one winner; the loser keeps their old time.
 */
import { checkRequestedStart, searchRange, spokenCount } from '../availability';
import { bookingCells } from '../booking/lock-cells';
import type { Deadline } from '../ports';
import { DEFAULT_CALLER_DAILY_CAP, takeDailyQuota } from '../scheduling/booking-record';
import { holdsOfCall, releaseHolds } from '../scheduling/call-holds';
import { readCalendar } from '../scheduling/calendar-reads';
import { claimKeyOf, exactlyOnce } from '../scheduling/exactly-once';
import { openManagerCalendar } from '../scheduling/manager-calendar';
import { managerForCall } from '../scheduling/routing';
import type { RescheduleAppointmentArgs } from '../vapi/lifecycle-schemas';
import type { CallContext } from '../vapi/message';
import { refused } from './answers';
import type { LifecycleDeps } from './deps';
import { eventHome, followCalendar, UNREACHABLE, unreachable } from './event-home';
import { moveBooking, movedOutcome } from './move-booking';
import { pickBooking } from './pick-booking';

type Call = { toolCallId: string; context: CallContext };
const WORDS = {
  tool: 'reschedule_appointment',
  busy: "I'm still moving that appointment. Please ask again.",
  minMs: 4_000,
};

/** Moves the caller's appointment to the new start, or says why not with the nearest alternatives. */
export function rescheduleAppointment(
  args: RescheduleAppointmentArgs,
  call: Call,
  deps: LifecycleDeps,
  deadline: Deadline,
) {
  return exactlyOnce(call, WORDS, deps, deadline, () => reschedule(args, call, deps, deadline));
}

async function reschedule(args: RescheduleAppointmentArgs, call: Call, deps: LifecycleDeps, deadline: Deadline) {
  const managerId = managerForCall(call.context, deps.routing);
  const calendar = await openManagerCalendar(managerId, deps);
  const now = deps.clock();
  const providerDeadline = { at: deadline.at - 1_500 };
  const picked = await pickBooking('rescheduled', args, managerId, call.context, calendar.rules.timeZone, deps, now);
  if ('outcome' in picked) return picked.outcome;
  // Opened once: a provider client per connection and invocation, whatever reads and writes the event.
  const home = eventHome(calendar, picked.booking, deps);
  if (unreachable(picked.booking, home)) return refused('rescheduled', UNREACHABLE, 'unreachable', []);
  // One round trip: the booking's event by id (the calendar is the truth) and every busy calendar, in parallel.
  const range = searchRange({ rules: calendar.rules, now });
  const [followed, { entries, rules }, holds] = await Promise.all([
    followCalendar(calendar, picked.booking, providerDeadline, deps, home),
    readCalendar(calendar, range, providerDeadline, deps, call.context.callId),
    holdsOfCall(deps.bookings, managerId, call.context.callId, now, calendar.rules.horizonDays),
  ]);
  if (followed.kind === 'gone') {
    const message =
      'That appointment was cancelled by the manager, so there is nothing to move. Shall I book a new time?';
    return refused('rescheduled', message, 'cancelled', []);
  }
  const booking = followed.booking;
  const others = entries.filter((e) => !(booking.eventId && e.id === booking.eventId));
  const durationMinutes = Math.round((booking.endMs - booking.startMs) / 60_000);
  const checked = { startText: args.new_start_time, durationMinutes, rules, entries: others };
  const check = checkRequestedStart({ ...checked, now });
  if (check.ok && check.slot.start === booking.startMs) return movedOutcome(booking, check.spoken, true);
  if (!check.ok) return refused('rescheduled', check.message, check.reason, check.alternatives);
  // An updated invitation goes out with the move: it counts against the caller's daily cap like a booking does.
  const cap = deps.maxBookingsPerCallerPerDay ?? DEFAULT_CALLER_DAILY_CAP;
  const quota = { ...calendar, rules };
  const giveBack = booking.invited
    ? await takeDailyQuota(deps.bookings, quota, call.context, now, cap)
    : async () => {};
  if (!giveBack) {
    const message = `I can only change ${spokenCount(cap, 'viewing')} a day for one phone number. The manager can help with more.`;
    return refused('rescheduled', message, 'limit', []);
  }
  // The call moved on from whatever it held: its own hold must not stand in the way of its move.
  if (holds.length) await releaseHolds(holds, deps, new Date(now).toISOString(), rules.bufferMinutes);
  const change = {
    start: check.startIso,
    end: check.endIso,
    startMs: check.slot.start,
    endMs: check.slot.end,
    cells: bookingCells(check.slot, rules.bufferMinutes),
    toolCallId: claimKeyOf(call),
  };
  let moved = false;
  try {
    const plan = { booking, change, spoken: check.spoken, checked, home };
    const result = await moveBooking(plan, deps, now, providerDeadline);
    moved = result.moved;
    return result.outcome;
  } finally {
    if (!moved) await giveBack();
  }
}
