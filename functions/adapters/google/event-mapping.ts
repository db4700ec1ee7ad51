/**
 * Calendar v3 events → domain entries. dateTimes carry offsets and are read with the domain's time helpers (an
 * offset-less one in its stated zone, never `new Date()`); all-day dates become the first instants of those local
 * days in the calendar's zone, so the domain blocks the owner's whole local day even across a DST change.
 */
import type { Availability, CalendarEntry } from '../../domain/types';
import { ProviderError } from '../../domain/errors';
import { dayStart, instantOfIsoText, isKnownZone, parseDate } from '../../domain/time';

/** EventDateTime: `dateTime` (RFC 3339) for timed events, `date` (YYYY-MM-DD) for all-day ones. */
export interface GoogleDateTime {
  dateTime?: string | null;
  date?: string | null;
  timeZone?: string | null;
}

/** The event fields we write or read. */
export interface GoogleEvent {
  id?: string;
  status?: string | null;
  start?: GoogleDateTime | null;
  end?: GoogleDateTime | null;
  originalStartTime?: GoogleDateTime | null;
  transparency?: string | null;
  eventType?: string | null;
  attendees?: Array<{ email?: string; self?: boolean | null; responseStatus?: string | null }> | null;
  extendedProperties?: { private?: Record<string, string> | null } | null;
  hangoutLink?: string | null;
  conferenceData?: {
    entryPoints?: Array<{ entryPointType?: string | null; uri?: string | null }> | null;
    createRequest?: { status?: { statusCode?: string | null } | null } | null;
  } | null;
}

/** Where createEvent keeps the booking key (extendedProperties.private). */
export const BOOKING_KEY = 'bookingKey';

/**
 * How an event uses its time. Free: working location (informational), declined by the owner, transparent ("show me
 * as available"). Tentative: the owner answered maybe. Busy: out of office and everything else, including event types
 * Google adds later (a double booking is worse than a gap).
 */
export function toAvailability(event: GoogleEvent): Availability {
  if (event.eventType === 'workingLocation') return 'free';
  const self = event.attendees?.find((attendee) => attendee.self === true);
  if (self?.responseStatus === 'declined') return 'free';
  if (event.eventType === 'outOfOffice') return 'busy';
  if (event.transparency === 'transparent') return 'free';
  return self?.responseStatus === 'tentative' ? 'tentative' : 'busy';
}

/** An events.list item or events.get answer as a CalendarEntry; `calendarZone` is the calendar's (all-day dates). */
export function toCalendarEntry(event: GoogleEvent, calendarZone: string | undefined): CalendarEntry {
  const isCancelled = event.status === 'cancelled';
  const start = event.start ?? (isCancelled ? event.originalStartTime : undefined);
  const end = event.end ?? (isCancelled ? event.originalStartTime : undefined);
  if (!start || !end)
    throw new ProviderError('Google Calendar returned an event without start or end', 0, 'InvalidEvent');
  const zone = known(calendarZone) ?? 'UTC';
  const entry: CalendarEntry = {
    start: instantOf(start, zone),
    end: instantOf(end, zone),
    availability: toAvailability(event),
    isCancelled,
    isAllDay: !start.dateTime && !!start.date,
  };
  if (event.id) entry.id = event.id;
  const bookingKey = event.extendedProperties?.private?.[BOOKING_KEY];
  if (bookingKey) entry.bookingKey = bookingKey;
  if (entry.isAllDay) entry.allDay = { startDate: start.date!, endDate: end.date ?? start.date! };
  return entry;
}

/** The Meet link of an event: hangoutLink, else the conference's video entry point. */
export function joinUrlOf(event: GoogleEvent | undefined): string | undefined {
  const video = event?.conferenceData?.entryPoints?.find((point) => point.entryPointType === 'video')?.uri;
  return event?.hangoutLink?.trim() || video?.trim() || undefined;
}

/** Whether an event is all-day (its times need the calendar's zone). */
export function isAllDayEvent(event: GoogleEvent): boolean {
  return !event.start?.dateTime && !!event.start?.date;
}

function instantOf(value: GoogleDateTime, calendarZone: string): number {
  if (value.dateTime) {
    // An offset wins; without one (Google writes them, but allows reading the stated zone) the event's own zone.
    const parsed = instantOfIsoText(value.dateTime, known(value.timeZone) ?? calendarZone);
    if (parsed) return parsed.ms;
  } else if (value.date) {
    const day = parseDate(value.date);
    if (day !== undefined) return dayStart(day, calendarZone);
  }
  throw new ProviderError('Google Calendar returned an unreadable event time', 0, 'InvalidDateTime');
}

function known(zone: string | null | undefined): string | undefined {
  return zone && isKnownZone(zone) ? zone : undefined;
}
