/** Graph paths of a calendar, its events collection and one event (ids go encoded: Exchange ids hold '/' and '='). */
import { DEFAULT_CALENDAR_ID } from '../../domain/ports';

/** The Graph path of a calendar; DEFAULT_CALENDAR_ID is the account's default calendar (/me/calendar). */
export function calendarPath(calendarId: string): string {
  return calendarId === DEFAULT_CALENDAR_ID ? '/me/calendar' : `/me/calendars/${encodeURIComponent(calendarId)}`;
}

/** Where a calendar's new events go: POST /me/events writes to the default calendar, another takes its own path. */
export function eventsPath(calendarId: string): string {
  return calendarId === DEFAULT_CALENDAR_ID ? '/me/events' : `${calendarPath(calendarId)}/events`;
}

/** One event; ids are unique in the mailbox, so no calendar is needed in the path. */
export function eventPath(id: string): string {
  return `/me/events/${encodeURIComponent(id)}`;
}
