/** Finding a pending booking's event by its booking key, in the calendar the booking was written to. */
import { ReconnectRequiredError } from '../errors';
import { MANUAL_EVENT_PREFIX, withReconnectFlag } from '../scheduling/calendar-reads';
import type { ManagerCalendarDeps } from '../scheduling/manager-calendar';
import {
  type BookingRecord,
  type CalendarConnection,
  type CalendarProvider,
  DEFAULT_CALENDAR_ID,
  type Deadline,
} from '../ports';

/**
 * Where a booking's event would be; undefined in manual mode (no calendar), `unreachable` when disconnected;
 * ReconnectRequiredError while its grant is marked "needs reconnect".
 */
export type BookingCalendar =
  | { provider: CalendarProvider; calendarId: string; connection: CalendarConnection }
  | 'unreachable'
  | undefined;

/** Opens the calendar the booking was written to (the record names its connection and calendar). */
export async function bookingCalendar(booking: BookingRecord, deps: ManagerCalendarDeps): Promise<BookingCalendar> {
  if (!booking.connectionId || booking.eventId?.startsWith(MANUAL_EVENT_PREFIX)) return undefined;
  const record = await deps.connections.get(booking.managerId);
  const connection = record?.connections.find((c) => c.connectionId === booking.connectionId);
  if (!connection) return 'unreachable';
  // A grant marked "needs reconnect" may come back: the booking is settled then (the sweep retries with backoff), so a
  // create that did land is still cancelled once the calendar can be read.
  if (connection.needsReconnect) throw new ReconnectRequiredError('the booking calendar needs reconnecting');
  const provider = deps.calendars.open(booking.managerId, connection);
  return { provider, calendarId: booking.calendarId ?? DEFAULT_CALENDAR_ID, connection };
}

/** The id of the live event carrying the booking's key (or its recorded id) in its slot; undefined when none. */
export async function findBookingEvent(
  booking: BookingRecord,
  at: Exclude<BookingCalendar, 'unreachable' | undefined>,
  deadline: Deadline,
  deps: ManagerCalendarDeps,
): Promise<string | undefined> {
  const slot = { start: booking.startMs, end: booking.endMs };
  const entries = await withReconnectFlag(booking.managerId, at.connection, deps, () =>
    at.provider.listEntries(at.calendarId, slot, deadline),
  );
  const mine = entries.find(
    (e) =>
      !e.isCancelled &&
      e.id &&
      (e.id === booking.eventId || (booking.bookingKey && e.bookingKey === booking.bookingKey)),
  );
  return mine?.id;
}

/** Cancels the event (a repeat, or one already gone, is harmless: the port says so). */
export function cancelBookingEvent(
  booking: BookingRecord,
  at: Exclude<BookingCalendar, 'unreachable' | undefined>,
  eventId: string,
  deadline: Deadline,
  deps: ManagerCalendarDeps,
): Promise<void> {
  return withReconnectFlag(booking.managerId, at.connection, deps, () =>
    at.provider.cancelEvent(at.calendarId, eventId, deadline, UNCONFIRMED_COMMENT),
  );
}

/** What an invited caller reads in the cancellation: the booking was never confirmed to them. */
const UNCONFIRMED_COMMENT = 'This viewing could not be confirmed during the call, so it has been cancelled.';
