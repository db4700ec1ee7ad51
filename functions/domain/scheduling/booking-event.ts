/** Writing a booking's event where the manager's bookings go, recovering one a timed-out create may have made. */
import { ProviderUnavailableError } from '../errors';
import type { CalendarProvider, Clock, Deadline } from '../ports';
import type { CalendarEntry, CreatedEvent, Interval, NewCalendarEvent } from '../types';
import { MANUAL_EVENT_PREFIX, withReconnectFlag } from './calendar-reads';
import type { ManagerCalendar, ManagerCalendarDeps } from './manager-calendar';

/**
 * The event id of the booking: created in the `book` calendar (a retry with the same bookingKey gets the same event),
 * or, in manual mode, an id of our own (the booking record is then the only record, and that is enough).
 */
export async function writeBookingEvent(
  calendar: ManagerCalendar,
  event: NewCalendarEvent,
  slot: Interval,
  deadline: Deadline,
  deps: ManagerCalendarDeps,
): Promise<CreatedEvent> {
  if (!calendar.book) return { id: `${MANUAL_EVENT_PREFIX}${event.bookingKey}` };
  const { connection, provider, calendarId } = calendar.book;
  return withReconnectFlag(calendar.managerId, connection, deps, () =>
    createOrRecover(provider, calendarId, event, slot, deadline, deps.clock),
  );
}

/** Creates the event; after an ambiguous failure (timeout) looks for it by bookingKey before giving up. */
async function createOrRecover(
  provider: CalendarProvider,
  calendarId: string,
  event: NewCalendarEvent,
  slot: Interval,
  deadline: Deadline,
  clock: Clock,
): Promise<CreatedEvent> {
  try {
    return await provider.createEvent(calendarId, event, deadline);
  } catch (error) {
    if (!(error instanceof ProviderUnavailableError) || deadline.at - clock() < 1_000) throw error;
    const seen: CalendarEntry[] = await provider.listEntries(calendarId, slot, deadline).catch(() => []);
    const created = seen.find((e) => e.bookingKey === event.bookingKey && e.id);
    if (created?.id) return { id: created.id };
    throw error;
  }
}
