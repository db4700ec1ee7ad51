/** Refreshing the calendar owner's settings (zone, working hours) alongside a calendar read, once they are stale. */
import { errorFields } from '../errors';
import type { CalendarConnection, CalendarProvider, Deadline } from '../ports';
import type { OwnerSchedule } from '../types';
import { DEFAULT_SCHEDULE_REFRESH_MS, type ManagerCalendar, type ManagerCalendarDeps } from './manager-calendar';
import { scheduleConnection } from './manager-rules';

/** The owner settings re-read (and stored) alongside a calendar read when they are older than the refresh age. */
export function refreshIfStale(calendar: ManagerCalendar, deadline: Deadline, deps: ManagerCalendarDeps) {
  const owner = calendar.record && scheduleConnection(calendar.record.connections);
  return owner && stale(owner, deps) ? refreshSchedule(calendar, owner, deadline, deps) : undefined;
}

function stale(connection: CalendarConnection, deps: ManagerCalendarDeps): boolean {
  const checked = Date.parse(connection.scheduleCheckedAt ?? '');
  return !(deps.clock() - checked < (deps.scheduleRefreshMs ?? DEFAULT_SCHEDULE_REFRESH_MS));
}

/** Re-reads and stores the owner's settings; resolves undefined (never rejects) when the provider fails. */
async function refreshSchedule(
  calendar: ManagerCalendar,
  connection: CalendarConnection,
  deadline: Deadline,
  deps: ManagerCalendarDeps,
): Promise<OwnerSchedule | undefined> {
  const { managerId } = calendar;
  const provider: CalendarProvider | undefined = calendar.busy.find((b) => b.connection === connection)?.provider;
  let schedule: OwnerSchedule;
  try {
    schedule = await (provider ?? deps.calendars.open(managerId, connection)).getOwnerSchedule(deadline);
  } catch (error) {
    deps.log?.warn('owner schedule refresh failed; keeping the last known one', { managerId, ...errorFields(error) });
    return undefined;
  }
  const at = new Date(deps.clock()).toISOString();
  await deps.connections
    .updateSchedule(managerId, connection.connectionId, schedule, at)
    .catch((error: Error) =>
      deps.log?.warn('storing the refreshed owner schedule failed', { managerId, ...errorFields(error) }),
    );
  return schedule;
}
