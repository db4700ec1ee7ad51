/** Calendar v3 paths with their ids encoded (calendar ids are addresses: "pm@example.com", "...@group..."). */
import { DEFAULT_CALENDAR_ID } from '../../domain/ports';
import { utcWallText } from '../../domain/time';

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

/** "2026-03-16T14:00:00Z": what timeMin/timeMax require (an offset is mandatory) and what event writes send. */
export function utcIso(ms: number): string {
  return `${utcWallText(ms)}Z`;
}
