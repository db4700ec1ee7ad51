/** The account's calendars (calendarList.list) and the owner's zone (the primary calendar's), in domain terms. */
import { ProviderError } from '../../domain/errors';
import type { Deadline } from '../../domain/ports';
import type { OwnerSchedule, ProviderCalendar } from '../../domain/types';
import { isKnownZone } from '../../domain/time';
import type { CalendarClient } from './calendar-client';
import { readPages } from './paging';
import { calendarPath } from './paths';

/** The calendarList entry fields we read. */
export interface CalendarListEntry {
  id?: string;
  summary?: string | null;
  summaryOverride?: string | null;
  primary?: boolean | null;
  accessRole?: string | null;
  timeZone?: string | null;
  /** The owner's address, on secondary calendars (Google sets it on calendars someone owns outright). */
  dataOwner?: string | null;
}

const EDIT_ROLES = new Set(['owner', 'writer']);

/**
 * A calendar list entry as the domain's. Only calendars the account owns count as its own: subscriptions, holiday and
 * birthday calendars and colleagues' calendars (reader, freeBusyReader, even writer) are marked shared, so the domain
 * defaults them to `ignore` and a manager's busy time is not built from other people's diaries. "owner" alone is not
 * enough: a colleague who shares a calendar with "make changes and manage sharing" gives the account owner access,
 * so a calendar whose dataOwner is another address is shared too.
 */
export function toProviderCalendar(entry: CalendarListEntry, accountEmail?: string): ProviderCalendar {
  if (!entry.id) throw new ProviderError('Google Calendar listed a calendar without an id', 200, 'InvalidCalendar');
  const role = entry.accessRole ?? '';
  return {
    id: entry.id,
    name: entry.summaryOverride?.trim() || entry.summary?.trim() || entry.id,
    isDefault: entry.primary === true,
    canEdit: EDIT_ROLES.has(role),
    shared: role !== 'owner' || ownedByAnother(entry, accountEmail),
  };
}

function ownedByAnother(entry: CalendarListEntry, accountEmail: string | undefined): boolean {
  const owner = entry.dataOwner?.trim().toLowerCase();
  return entry.primary !== true && !!owner && !!accountEmail && owner !== accountEmail.trim().toLowerCase();
}

/** Every calendar in the account's list (250 a page, the maximum); `accountEmail` tells its own from others'. */
export async function listCalendars(
  client: CalendarClient,
  deadline: Deadline,
  accountEmail?: string,
): Promise<ProviderCalendar[]> {
  const request = { method: 'GET' as const, path: '/users/me/calendarList', query: { maxResults: '250' } };
  const { items } = await readPages<CalendarListEntry>(client, request, deadline, 'calendarList');
  return items.map((entry) => toProviderCalendar(entry, accountEmail));
}

/** A calendar's IANA zone (calendars.get), or undefined when it names none we know. */
export async function calendarZone(
  client: CalendarClient,
  calendarId: string,
  deadline: Deadline,
): Promise<string | undefined> {
  const calendar = await client.send<{ timeZone?: string | null }>(
    { method: 'GET', path: calendarPath(calendarId) },
    deadline,
  );
  const zone = calendar?.timeZone?.trim();
  return zone && isKnownZone(zone) ? zone : undefined;
}

/** The owner's zone: the primary calendar's. Google exposes no working hours, so there are none. */
export async function ownerSchedule(client: CalendarClient, deadline: Deadline): Promise<OwnerSchedule> {
  const timeZone = await calendarZone(client, 'primary', deadline);
  return timeZone ? { timeZone } : {};
}
