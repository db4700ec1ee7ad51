/**
 * The find_appointment tool: the caller's upcoming appointments (at most three, soonest first), each read by id from
 * its calendar first (one provider round trip, in parallel), so a time the owner moved is told as it is now and one
 * they deleted is not offered at all.
 */
import { localDateText } from '../availability/format';
import { errorFields } from '../errors';
import type { Deadline } from '../ports';
import { openManagerCalendar } from '../scheduling/manager-calendar';
import { managerForCall } from '../scheduling/routing';
import { spokenFailure } from '../scheduling/spoken-failures';
import type { ToolOutcome } from '../vapi/dispatch';
import type { FindAppointmentArgs } from '../vapi/lifecycle-schemas';
import type { CallContext } from '../vapi/message';
import { appointmentJson, notFoundSentence, spokenAppointment } from './answers';
import { callerBookings } from './caller-bookings';
import { followCalendar } from './event-home';
import type { LifecycleDeps } from './deps';

const MAX_FOUND = 3;

/** Finds the caller's upcoming appointments by the call's number or a confirmation code. */
export async function findAppointment(
  args: FindAppointmentArgs,
  call: { toolCallId: string; context: CallContext },
  deps: LifecycleDeps,
  deadline: Deadline,
): Promise<ToolOutcome> {
  const managerId = managerForCall(call.context, deps.routing);
  try {
    const calendar = await openManagerCalendar(managerId, deps);
    const zone = calendar.rules.timeZone;
    const now = deps.clock();
    const request = { code: args.confirmation_code };
    const lookup = await callerBookings(managerId, call.context, request, deps, now);
    if (lookup.kind !== 'found') return { result: { ...notFoundSentence(lookup, zone), appointments: [] } };
    const name = args.attendee_name?.toLowerCase();
    const narrowed = lookup.bookings.filter(
      (b) =>
        (!name || b.callerName.toLowerCase().includes(name) || name.includes(b.callerName.toLowerCase())) &&
        (!args.date || localDateText(b.startMs, zone) === args.date),
    );
    if (!narrowed.length) {
      const message = "I couldn't find an appointment of yours matching that. Would you like me to list them all?";
      return { result: { message, appointments: [] } };
    }
    const followed = await Promise.all(
      narrowed.slice(0, MAX_FOUND).map((b) => followCalendar(calendar, b, deadline, deps)),
    );
    const live = followed
      .filter((f) => f.kind === 'live')
      .map((f) => f.booking)
      .sort((a, b) => a.startMs - b.startMs);
    const gone = followed.length - live.length;
    const goneSentence = gone
      ? ` ${gone === 1 ? 'One appointment was' : `${gone} were`} cancelled by the manager.`
      : '';
    if (!live.length) {
      return { result: { message: `I don't see an upcoming appointment.${goneSentence}`, appointments: [] } };
    }
    const listed = live.map((b) => spokenAppointment(b, zone)).join('; and ');
    const count = live.length === 1 ? 'one appointment' : `${live.length} appointments`;
    const message = `I found ${count}: ${listed}.${goneSentence}`;
    return { result: { message, appointments: live.map((b) => appointmentJson(b, zone)) } };
  } catch (error) {
    deps.log?.warn('find_appointment failed', { managerId, ...errorFields(error) });
    return { error: spokenFailure(error) };
  }
}
