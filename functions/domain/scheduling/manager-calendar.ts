/** Opens one manager's calendar for a tool call: the connection, its booking rules, and an authenticated provider. */
import { NotConnectedError, ProviderError, ReconnectRequiredError, errorFields } from '../errors';
import type {
  CalendarAccess,
  CalendarProvider,
  Clock,
  ConnectionStore,
  Deadline,
  Log,
  ManagerConnection,
} from '../ports';
import type { AvailabilityRules, CalendarEntry, Interval, OwnerSchedule } from '../types';

/** Rules used where the mailbox says nothing (from configuration): the same shape as a manager's rules. */
export type BookingDefaults = AvailabilityRules;

/** How long the owner's calendar settings are trusted before a calendar read also re-reads them (12 h). */
export const DEFAULT_SCHEDULE_REFRESH_MS = 12 * 3_600_000;

export interface ManagerCalendarDeps {
  connections: ConnectionStore;
  calendars: CalendarAccess;
  defaults: BookingDefaults;
  clock: Clock;
  /** Owner settings older than this are re-read alongside the next calendar read (MAILBOX_REFRESH_HOURS). */
  scheduleRefreshMs?: number;
  log?: Log;
}

export interface ManagerCalendar {
  connection: ManagerConnection;
  provider: CalendarProvider;
  rules: AvailabilityRules;
}

/**
 * Booking rules for an owner schedule: its zone and hours where it has them, else the configured ones; configured
 * hours (and hours without a zone) are read in the owner's zone, because "9 to 5" means the owner's 9 to 5.
 */
export function rulesFor(owner: OwnerSchedule, defaults: BookingDefaults): AvailabilityRules {
  const timeZone = owner.timeZone || defaults.timeZone;
  const working = owner.working
    ? { timeZone: owner.working.timeZone ?? timeZone, week: owner.working.week }
    : { ...defaults.working, timeZone };
  return { ...defaults, timeZone, working };
}

/** Loads a manager's connection: NotConnectedError when there is none, ReconnectRequiredError when its grant is gone. */
export async function openManagerCalendar(managerId: string, deps: ManagerCalendarDeps): Promise<ManagerCalendar> {
  const connection = await deps.connections.get(managerId);
  if (!connection) throw new NotConnectedError(`No calendar connected for manager ${managerId}`);
  if (connection.needsReconnect) throw new ReconnectRequiredError(`Calendar of manager ${managerId} needs a reconnect`);
  return { connection, provider: deps.calendars.forConnection(connection), rules: rulesFor(connection, deps.defaults) };
}

/**
 * The entries overlapping `range`, and the rules for this call. When the owner's settings are older than the refresh
 * interval they are re-read in parallel with the entries (no extra sequential round trip) and stored; a failed re-read
 * keeps the last known settings.
 */
export async function readCalendar(
  managerId: string,
  calendar: ManagerCalendar,
  range: Interval,
  deadline: Deadline,
  deps: ManagerCalendarDeps,
): Promise<{ entries: CalendarEntry[]; rules: AvailabilityRules }> {
  const checked = Date.parse(calendar.connection.mailboxCheckedAt ?? '');
  const stale = !(deps.clock() - checked < (deps.scheduleRefreshMs ?? DEFAULT_SCHEDULE_REFRESH_MS));
  const refreshed = stale ? refreshSchedule(managerId, calendar.provider, deadline, deps) : undefined;
  const entries = await withReconnectFlag(managerId, deps, () => calendar.provider.listEntries(range, deadline));
  const schedule = await refreshed;
  return { entries, rules: schedule ? rulesFor(schedule, deps.defaults) : calendar.rules };
}

/** Re-reads and stores the owner's settings; resolves undefined (never rejects) when the provider fails. */
async function refreshSchedule(
  managerId: string,
  provider: CalendarProvider,
  deadline: Deadline,
  deps: ManagerCalendarDeps,
): Promise<OwnerSchedule | undefined> {
  let schedule: OwnerSchedule;
  try {
    schedule = await provider.getOwnerSchedule(deadline);
  } catch (error) {
    deps.log?.warn('owner schedule refresh failed; keeping the last known one', { managerId, ...errorFields(error) });
    return undefined;
  }
  await deps.connections
    .updateSchedule(managerId, schedule, new Date(deps.clock()).toISOString())
    .catch((error: Error) =>
      deps.log?.warn('storing the refreshed owner schedule failed', { managerId, ...errorFields(error) }),
    );
  return schedule;
}

/** Runs `work`; a revoked grant flags the connection so the manager can be told to reconnect. */
export async function withReconnectFlag<T>(
  managerId: string,
  deps: ManagerCalendarDeps,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    // A 403 from Graph means our delegated permission is gone (consent withdrawn, scope removed): also a reconnect.
    const denied = error instanceof ProviderError && error.status === 403;
    if (error instanceof ReconnectRequiredError || denied) {
      await deps.connections.markNeedsReconnect(managerId, new Date(deps.clock()).toISOString()).catch(() => undefined);
      if (denied) throw new ReconnectRequiredError('Calendar permission withdrawn', { cause: error });
    }
    throw error;
  }
}
