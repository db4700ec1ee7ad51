/**
 * Opens one manager for a tool call: their rules, where their busy time comes from, and where a booking goes. A
 * manager has calendar connections (one calendar takes bookings, others count as busy), or, with none, their own
 * hours (manual mode: bookings are recorded here only), or neither ("not set up yet").
 */
import { NotConnectedError, ReconnectRequiredError } from '../errors';
import type {
  BookingStore,
  CalendarAccess,
  CalendarConnection,
  CalendarProvider,
  Clock,
  ConnectionStore,
  Log,
  ManagerConnections,
  ManagerSettings,
  Metrics,
  SettingsStore,
} from '../ports';
import type { AvailabilityRules } from '../types';
import { type BookingDefaults, rulesFor, scheduleConnection } from './manager-rules';

export { type BookingDefaults, rulesFor } from './manager-rules';

/** How long the owner's calendar settings are trusted before a calendar read also re-reads them (12 h). */
export const DEFAULT_SCHEDULE_REFRESH_MS = 12 * 3_600_000;

export interface ManagerCalendarDeps {
  connections: ConnectionStore;
  settings: SettingsStore;
  calendars: CalendarAccess;
  bookings: BookingStore;
  defaults: BookingDefaults;
  clock: Clock;
  /** Owner settings older than this are re-read alongside the next calendar read (MAILBOX_REFRESH_HOURS). */
  scheduleRefreshMs?: number;
  log?: Log;
  /** Where a connection newly marked for reconnect is counted (ReconnectRequired). */
  metrics?: Metrics;
}

/** One calendar that counts for busy time, opened. */
export interface BusyCalendar {
  connection: CalendarConnection;
  provider: CalendarProvider;
  calendarId: string;
}

export interface ManagerCalendar {
  managerId: string;
  mode: 'calendar' | 'manual';
  rules: AvailabilityRules;
  settings: ManagerSettings;
  record?: ManagerConnections;
  /** Every calendar whose entries block time (role busy or book). */
  busy: BusyCalendar[];
  /** Where bookings go: the `book` calendar; absent in manual mode. */
  book?: BusyCalendar;
}

/** Loads a manager: NotConnectedError with neither calendars nor hours, ReconnectRequiredError when a grant is gone. */
export async function openManagerCalendar(managerId: string, deps: ManagerCalendarDeps): Promise<ManagerCalendar> {
  const [record, stored] = await Promise.all([deps.connections.get(managerId), deps.settings.get(managerId)]);
  const settings = stored ?? {};
  const connections = record?.connections ?? [];
  if (!connections.length) {
    if (!settings.workingHours)
      throw new NotConnectedError(`No calendar connected or hours set for manager ${managerId}`);
    return {
      managerId,
      mode: 'manual',
      rules: rulesFor(undefined, deps.defaults, settings, deps.log),
      settings,
      busy: [],
    };
  }
  // A connection whose busy time counts but cannot be read would make every offer a guess: say so instead.
  const broken = connections.find((c) => c.needsReconnect && c.calendars.some((cal) => cal.role !== 'ignore'));
  if (broken)
    throw new ReconnectRequiredError(`Calendar ${broken.connectionId} of manager ${managerId} needs a reconnect`);
  const busy = connections.flatMap((connection) => {
    const counted = connection.calendars.filter((cal) => cal.role !== 'ignore');
    if (!counted.length) return [];
    const provider = deps.calendars.open(managerId, connection);
    return counted.map((cal) => ({ connection, provider, calendarId: cal.id, role: cal.role }));
  });
  const bookAt = busy.find((b) => b.role === 'book');
  if (!bookAt) throw new NotConnectedError(`No calendar of manager ${managerId} takes bookings`);
  const rules = rulesFor(scheduleConnection(connections)?.schedule, deps.defaults, settings, deps.log);
  const strip = ({ connection, provider, calendarId }: BusyCalendar) => ({ connection, provider, calendarId });
  return { managerId, mode: 'calendar', rules, settings, record, busy: busy.map(strip), book: strip(bookAt) };
}
