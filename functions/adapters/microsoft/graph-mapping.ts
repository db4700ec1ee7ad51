/**
 * Graph event JSON ↔ domain types. Offset-less Graph dateTimes are read in their stated zone by the domain's
 * local-time rules (never `new Date()`, never luxon's clock-dependent guess); writes are UTC so no DST change can
 * misread them.
 */
import type { Availability, CalendarEntry, EventChanges, NewCalendarEvent } from '../../domain/types';
import { ProviderError } from '../../domain/errors';
import { instantOfLocalText, utcWallText } from '../../domain/time';
import { toIanaZone } from './windows-zones';
import { escapeHtml } from '../../domain/html';

/** Graph dateTimeTimeZone: a wall time without offset plus the zone it is in (Windows or IANA name). */
export interface GraphDateTime {
  dateTime: string;
  timeZone?: string | null;
}

/** The event fields we select and read. */
export interface GraphEvent {
  id?: string;
  subject?: string | null;
  start?: GraphDateTime | null;
  end?: GraphDateTime | null;
  showAs?: string | null;
  isAllDay?: boolean | null;
  isCancelled?: boolean | null;
  type?: string | null;
  transactionId?: string | null;
  isOrganizer?: boolean | null;
  attendees?: unknown[] | null;
  isOnlineMeeting?: boolean | null;
  onlineMeetingProvider?: string | null;
  onlineMeeting?: { joinUrl?: string | null } | null;
}

/** The online meeting provider this product asks Graph for. */
export const TEAMS = 'teamsForBusiness';

// Outlook's showAs values that leave the time open. Working elsewhere is still working: it does not block a booking.
const FREE = new Set(['free', 'workingelsewhere']);

/** Epoch ms of a Graph dateTime; a string with an offset keeps it, otherwise the stated zone (UTC if none) applies. */
export function parseGraphDateTime(value: GraphDateTime): number {
  // Graph answers in the UTC we ask for: that name needs no lookup, and instantOfLocalText reads UTC by a fast path.
  const zone = value.timeZone === 'UTC' ? 'UTC' : toIanaZone(value.timeZone ?? 'UTC');
  if (!zone) throw new ProviderError('Microsoft Graph returned a time zone we cannot map', 0, 'UnsupportedTimeZone');
  const ms = instantOfLocalText(value.dateTime, zone);
  if (ms === undefined)
    throw new ProviderError('Microsoft Graph returned an unreadable dateTime', 0, 'InvalidDateTime');
  return ms;
}

/**
 * Outlook's showAs as the domain's availability, case-insensitively: free and workingElsewhere are free, tentative is
 * tentative; busy, oof, unknown and anything Outlook may add later are busy (a double booking is worse than a gap).
 */
export function toAvailability(showAs: string | null | undefined): Availability {
  const value = (showAs ?? '').toLowerCase();
  if (FREE.has(value)) return 'free';
  return value === 'tentative' ? 'tentative' : 'busy';
}

/** A calendarView item or a GET event as a domain CalendarEntry (all-day entries keep their dates as written). */
export function toCalendarEntry(event: GraphEvent): CalendarEntry {
  if (!event.start?.dateTime || !event.end?.dateTime) {
    throw new ProviderError('Microsoft Graph returned an event without start or end', 0, 'InvalidEvent');
  }
  const entry: CalendarEntry = {
    start: parseGraphDateTime(event.start),
    end: parseGraphDateTime(event.end),
    availability: toAvailability(event.showAs),
    isCancelled: event.isCancelled === true,
    isAllDay: event.isAllDay === true,
  };
  if (event.id) entry.id = event.id;
  // Graph's transactionId is where createEvent keeps the booking key (see toGraphEventBody).
  if (event.transactionId) entry.bookingKey = event.transactionId;
  if (entry.isAllDay)
    entry.allDay = { startDate: event.start.dateTime.slice(0, 10), endDate: event.end.dateTime.slice(0, 10) };
  return entry;
}

/** Plain text as an HTML body: escaped, with its line breaks kept. */
export function textToHtml(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>');
}

/**
 * The POST .../events body; the booking key goes as Graph's transactionId. Times go as UTC wall times with timeZone
 * "UTC": a booking at 01:30 on a fall-back night written as local wall times would be ambiguous (01:30–01:00), and
 * Outlook shows every event in the viewer's zone. `teams` asks for a Teams meeting (only where the calendar allows it:
 * Graph ignores a provider the calendar does not offer).
 */
export function toGraphEventBody(event: NewCalendarEvent, teams = false): Record<string, unknown> {
  const body = { ...toGraphEventPatch(event), showAs: 'busy', transactionId: event.bookingKey };
  return teams ? { ...body, isOnlineMeeting: true, onlineMeetingProvider: TEAMS } : body;
}

/** The join link of an online event: onlineMeeting.joinUrl (onlineMeetingUrl is deprecated and never read). */
export function joinUrlOf(event: GraphEvent | undefined): string | undefined {
  const url = event?.onlineMeeting?.joinUrl?.trim();
  return url || undefined;
}

/**
 * A PATCH /me/events/{id} body holding only the given changes. A reschedule (start/end only) must not carry `body`:
 * writing it without the Teams blob Graph put there would disable the online meeting.
 */
export function toGraphEventPatch(changes: EventChanges): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (changes.subject !== undefined) body.subject = changes.subject;
  if (changes.bodyText !== undefined) body.body = { contentType: 'HTML', content: textToHtml(changes.bodyText) };
  if (changes.start !== undefined) body.start = { dateTime: utcWallText(changes.start), timeZone: 'UTC' };
  if (changes.end !== undefined) body.end = { dateTime: utcWallText(changes.end), timeZone: 'UTC' };
  if (changes.location) body.location = { displayName: changes.location };
  // Without an email there is nobody to invite; Graph would reject an attendee without an address.
  if (changes.attendee?.email) {
    body.attendees = [
      { type: 'required', emailAddress: { address: changes.attendee.email, name: changes.attendee.name } },
    ];
  }
  return body;
}
