/** The get_availability tool: free viewing times for the caller's manager, as up to three speakable options. */
import { errorFields } from '../errors';
import { findAvailability, searchRange } from '../availability';
import type { Deadline, Log } from '../ports';
import type { CallContext } from '../vapi/message';
import type { ToolOutcome } from '../vapi/dispatch';
import type { GetAvailabilityArgs } from '../vapi/tools';
import { readCalendar } from './calendar-reads';
import { type ManagerCalendarDeps, openManagerCalendar } from './manager-calendar';
import { noteCalendarUse } from './connection-use';
import { managerForCall, type CallRouting } from './routing';
import { spokenFailure } from './spoken-failures';

export interface ToolDeps extends ManagerCalendarDeps {
  routing: CallRouting;
  log?: Log;
}

/** Answers get_availability with one sequential provider round trip (every calendar's view, in parallel). */
export async function getAvailability(
  args: GetAvailabilityArgs,
  call: { toolCallId: string; context: CallContext },
  deps: ToolDeps,
  deadline: Deadline,
): Promise<ToolOutcome> {
  const managerId = managerForCall(call.context, deps.routing);
  try {
    const calendar = await openManagerCalendar(managerId, deps);
    const now = deps.clock();
    const { entries, rules } = await readCalendar(
      calendar,
      searchRange({ rules: calendar.rules, now }),
      deadline,
      deps,
      call.context.callId,
    );
    const answer = findAvailability({
      rules,
      entries,
      now,
      request: { date: args.date, time_of_day: args.time_of_day, duration_minutes: args.duration_minutes },
    });
    noteCalendarUse(calendar, deps);
    return { result: { message: answer.message, slots: answer.slots } };
  } catch (error) {
    deps.log?.warn('get_availability failed', { managerId, ...errorFields(error) });
    return { error: spokenFailure(error) };
  }
}
