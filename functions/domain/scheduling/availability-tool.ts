/** The get_availability tool: free viewing times for the caller's manager, as up to three speakable options. */
import { errorFields } from '../errors';
import { findAvailability, searchRange } from '../availability';
import type { BusyCache, Deadline, Log } from '../ports';
import type { CallContext } from '../vapi/message';
import type { ToolOutcome } from '../vapi/dispatch';
import type { GetAvailabilityArgs } from '../vapi/tools';
import { cachedBusyOf, servedEntries } from './busy-prefetch';
import { readCalendar } from './calendar-reads';
import { type ManagerCalendarDeps, openManagerCalendar } from './manager-calendar';
import { noteCalendarUse } from './connection-use';
import { managerForCall, type CallRouting } from './routing';
import { spokenFailure } from './spoken-failures';

export interface ToolDeps extends ManagerCalendarDeps {
  routing: CallRouting;
  log?: Log;
  /** The call-start prefetch (BUSY_PREFETCH); absent when off. Only get_availability reads it, never a booking. */
  busyCache?: BusyCache;
}

/**
 * Answers get_availability with one sequential provider round trip (every calendar's view, in parallel), or none
 * when the call's call-start prefetch is fresh (read alongside the manager's records: no added round trip).
 */
export async function getAvailability(
  args: GetAvailabilityArgs,
  call: { toolCallId: string; context: CallContext },
  deps: ToolDeps,
  deadline: Deadline,
): Promise<ToolOutcome> {
  const managerId = managerForCall(call.context, deps.routing);
  try {
    const cached = cachedBusyOf(call.context.callId, deps);
    const calendar = await openManagerCalendar(managerId, deps);
    const now = deps.clock();
    const range = searchRange({ rules: calendar.rules, now });
    const prefetched = servedEntries(await cached, calendar, range, now);
    const { callId } = call.context;
    const { entries, rules } = await readCalendar(calendar, range, deadline, deps, callId, { prefetched });
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
