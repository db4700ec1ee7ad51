/** calendarList.list / .get, calendars.get and settings.get(timezone). */
import { type ApiCall, calendarOf, page, pageSize, sendApi } from './call';
import { ACCESS_ROLES, type AccessRole, type CalendarEntry, hasRole } from './calendars';
import { invalid, notFound } from '../errors';

const etagOf = (text: string) => `"${Buffer.from(text).toString('base64url').slice(0, 16)}"`;

function conferenceProperties(calendar: CalendarEntry) {
  return { allowedConferenceSolutionTypes: [...calendar.conferenceTypes] };
}

/** A calendarList entry as Google lists it. */
function listEntry(call: ApiCall, calendar: CalendarEntry): Record<string, unknown> {
  const id = call.ctx.calendars.publicId(calendar);
  return {
    kind: 'calendar#calendarListEntry',
    etag: etagOf(`${id}:${calendar.summary}`),
    id,
    summary: calendar.summary,
    ...(calendar.description ? { description: calendar.description } : {}),
    timeZone: calendar.timeZone,
    colorId: calendar.primary ? '14' : '7',
    backgroundColor: calendar.primary ? '#9fe1e7' : '#42d692',
    foregroundColor: '#000000',
    selected: true,
    accessRole: calendar.accessRole,
    defaultReminders: calendar.primary ? [{ method: 'popup', minutes: 10 }] : [],
    conferenceProperties: conferenceProperties(calendar),
    ...(calendar.primary ? { primary: true } : {}),
  };
}

/** GET /users/me/calendarList: paged (maxResults default 100, at most 250), filtered by minAccessRole. */
export function listCalendarList(call: ApiCall): void {
  const min = call.query.get('minAccessRole');
  if (min !== null && !ACCESS_ROLES.includes(min as AccessRole)) throw invalid('Invalid value for: minAccessRole');
  const all = call.ctx.calendars.all().filter((c) => min === null || hasRole(c.accessRole, min as AccessRole));
  const size = pageSize(call, 100, 250);
  const { items, next } = page(all, size, call.query.get('pageToken'), `calendarList:${min ?? ''}`);
  sendApi(call, 200, {
    kind: 'calendar#calendarList',
    etag: etagOf(`list:${all.length}`),
    ...(next ? { nextPageToken: next } : {}),
    items: items.map((c) => listEntry(call, c)),
  });
}

/** GET /users/me/calendarList/{calendarId}. */
export function getCalendarListEntry(call: ApiCall, calendarId: string): void {
  sendApi(call, 200, listEntry(call, calendarOf(call, calendarId)));
}

/** GET /calendars/{calendarId}: the calendar's metadata. */
export function getCalendar(call: ApiCall, calendarId: string): void {
  const calendar = calendarOf(call, calendarId);
  const id = call.ctx.calendars.publicId(calendar);
  sendApi(call, 200, {
    kind: 'calendar#calendar',
    etag: etagOf(`calendar:${id}`),
    id,
    summary: calendar.summary,
    ...(calendar.description ? { description: calendar.description } : {}),
    timeZone: calendar.timeZone,
    conferenceProperties: conferenceProperties(calendar),
  });
}

/** GET /users/me/settings/{setting}: only `timezone` (the primary calendar's zone). */
export function getSetting(call: ApiCall, setting: string): void {
  if (setting !== 'timezone') throw notFound();
  const value = call.ctx.calendars.primary().timeZone;
  sendApi(call, 200, { kind: 'calendar#setting', etag: etagOf(`tz:${value}`), id: 'timezone', value });
}
