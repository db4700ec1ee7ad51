/**
 * Where a booking's calendar event lives, and what the calendar says about it now. The calendar is the truth: a
 * booking the owner moved is followed to its new time, and one they deleted is cancelled here too, freeing its cells.
 */
import { isoWithOffset } from '../availability';
import { cellsOf } from '../booking/lock-cells';
import {
  type BookingRecord,
  type CalendarConnection,
  type CalendarProvider,
  DEFAULT_CALENDAR_ID,
  type Deadline,
} from '../ports';
import { MANUAL_EVENT_PREFIX, withReconnectFlag } from '../scheduling/calendar-reads';
import type { ManagerCalendar, ManagerCalendarDeps } from '../scheduling/manager-calendar';

/** An opened event: the provider, the calendar and the connection it is in. */
export interface EventHome {
  provider: CalendarProvider;
  calendarId: string;
  connection: CalendarConnection;
  eventId: string;
}

/** The booking's event home; undefined in manual mode, or when its account is no longer connected. */
export function eventHome(calendar: ManagerCalendar, booking: BookingRecord, deps: ManagerCalendarDeps) {
  const eventId = booking.eventId;
  if (!eventId || eventId.startsWith(MANUAL_EVENT_PREFIX)) return undefined;
  // Older bookings did not record where they went: the calendar that takes bookings now.
  const connection = booking.connectionId
    ? calendar.record?.connections.find((c) => c.connectionId === booking.connectionId)
    : calendar.book?.connection;
  if (!connection) return undefined;
  const opened = calendar.busy.find((b) => b.connection.connectionId === connection.connectionId)?.provider;
  const provider = opened ?? deps.calendars.open(calendar.managerId, connection);
  const calendarId = booking.calendarId ?? calendar.book?.calendarId ?? DEFAULT_CALENDAR_ID;
  return { provider, calendarId, connection, eventId } satisfies EventHome;
}

/** Whether the booking's event lives in a calendar (not manual mode) that cannot be opened now (disconnected). */
export function unreachable(booking: BookingRecord, home: EventHome | undefined): boolean {
  const inCalendar = Boolean(booking.eventId && !booking.eventId.startsWith(MANUAL_EVENT_PREFIX));
  return inCalendar && !home;
}

/** What the caller hears when the booking's calendar is out of reach: nothing is changed. */
export const UNREACHABLE =
  "I can't reach the calendar this appointment is in, so I can't change it right now. " +
  'Would you like the manager to call you back?';

export type Followed = { kind: 'live'; booking: BookingRecord } | { kind: 'gone'; booking: BookingRecord };

/** Reads the booking's event by id (one provider call) and brings the record in line with it. */
export async function followCalendar(
  calendar: ManagerCalendar,
  booking: BookingRecord,
  deadline: Deadline,
  deps: ManagerCalendarDeps,
  home: EventHome | undefined = eventHome(calendar, booking, deps),
): Promise<Followed> {
  if (booking.status === 'cancelled') return { kind: 'gone', booking };
  if (!home) return { kind: 'live', booking };
  const entry = await withReconnectFlag(calendar.managerId, home.connection, deps, () =>
    home.provider.getEvent(home.calendarId, home.eventId, deadline),
  );
  const at = new Date(deps.clock()).toISOString();
  if (!entry || entry.isCancelled) {
    deps.log?.warn('a booking was deleted in the calendar; cancelling it', {
      managerId: booking.managerId,
      bookingId: booking.bookingId,
    });
    const entryOf = { type: 'cancelled' as const, at, by: 'owner' as const };
    await deps.bookings.retire(booking, cellsOf(booking, calendar.rules.bufferMinutes), entryOf);
    return { kind: 'gone', booking: { ...booking, status: 'cancelled' } };
  }
  if (entry.start === booking.startMs && entry.end === booking.endMs) return { kind: 'live', booking };
  // Only its end changed: told as it is; the record keys by start, so it stays where it is.
  const zone = calendar.rules.timeZone;
  if (entry.start === booking.startMs) {
    return { kind: 'live', booking: { ...booking, endMs: entry.end, end: isoWithOffset(entry.end, zone) } };
  }
  const to = {
    start: isoWithOffset(entry.start, zone),
    end: isoWithOffset(entry.end, zone),
    startMs: entry.start,
    endMs: entry.end,
  };
  return { kind: 'live', booking: await deps.bookings.relocate(booking, to, at) };
}
