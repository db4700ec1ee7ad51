/**
 * What a booking reads before it can decide anything: the manager (rules, calendars) and their booking records. Both
 * are reads, so they run beside the tool-call claim; the records span comes from the deployment's defaults, since the
 * manager's own rules are not known yet (recordsWithin reads whatever a manager's longer rules add).
 */
import { searchRange } from '../availability';
import type { CallContext } from '../vapi/message';
import type { ToolDeps } from './availability-tool';
import { openManagerCalendar, type ManagerCalendar, rulesFor } from './manager-calendar';
import { readRecords, recordsSpan, type RecordsWindow } from './records-window';
import { managerForCall } from './routing';

const DAY_MS = 86_400_000;

export interface BookingBasis {
  calendar: ManagerCalendar;
  window: RecordsWindow;
}

/** Opens the call's manager and reads their records, in parallel. */
export async function readBookingBasis(call: { context: CallContext }, deps: ToolDeps): Promise<BookingBasis> {
  const managerId = managerForCall(call.context, deps.routing);
  const now = deps.clock();
  const rules = rulesFor(undefined, deps.defaults, {});
  const needed = recordsSpan(now, rules.horizonDays, searchRange({ rules, now }));
  // A day more each side: a manager in another zone than the default's has their local days shifted by up to one.
  const span = { start: needed.start - DAY_MS, end: needed.end + DAY_MS };
  const [calendar, window] = await Promise.all([
    openManagerCalendar(managerId, deps),
    readRecords(deps.bookings, managerId, span),
  ]);
  return { calendar, window };
}
