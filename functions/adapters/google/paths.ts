/** Calendar v3 paths with their ids encoded (calendar ids are addresses: "pm@example.com", "...@group..."). */
import { DEFAULT_CALENDAR_ID } from '../../domain/ports';

/** /calendars/{calendarId}; DEFAULT_CALENDAR_ID is the account's primary calendar (Google's own alias). */
export function calendarPath(calendarId: string): string {
  return `/calendars/${encodeURIComponent(calendarId === DEFAULT_CALENDAR_ID ? 'primary' : calendarId)}`;
}

/** /calendars/{calendarId}/events */
export function eventsPath(calendarId: string): string {
  return `${calendarPath(calendarId)}/events`;
}

/** /calendars/{calendarId}/events/{eventId} */
export function eventPath(calendarId: string, eventId: string): string {
  return `${eventsPath(calendarId)}/${encodeURIComponent(eventId)}`;
}
