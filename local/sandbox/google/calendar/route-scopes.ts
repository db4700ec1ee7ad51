/** Which OAuth scopes authorize each Calendar route (any one suffices), per google.md section B. */
import { calendarScope } from '../identity/scopes';
import type { GoogleRoute } from '../routes';

/** The Calendar API routes (`unknown`: a path the emulator does not serve). */
export type CalendarRoute = Exclude<
  GoogleRoute,
  'authorize' | 'token' | 'revoke' | 'userinfo' | 'certs' | 'discovery' | 'dump'
>;

const scopes = (...names: string[]) => names.map(calendarScope);
const READ_EVENTS = scopes(
  'calendar',
  'calendar.readonly',
  'calendar.events',
  'calendar.events.readonly',
  'calendar.events.owned',
  'calendar.events.owned.readonly',
  'calendar.events.freebusy',
  'calendar.events.public.readonly',
  'calendar.app.created',
);
const WRITE_EVENTS = scopes('calendar', 'calendar.events', 'calendar.events.owned', 'calendar.app.created');

/** The scopes that authorize each route (any one suffices), per google.md section B. */
export const ROUTE_SCOPES: Record<Exclude<CalendarRoute, 'unknown'>, string[]> = {
  calendarList: scopes('calendar', 'calendar.readonly', 'calendar.calendarlist', 'calendar.calendarlist.readonly'),
  calendarListEntry: scopes('calendar', 'calendar.readonly', 'calendar.calendarlist', 'calendar.calendarlist.readonly'),
  calendar: scopes(
    'calendar',
    'calendar.readonly',
    'calendar.calendars',
    'calendar.calendars.readonly',
    'calendar.app.created',
  ),
  settings: scopes('calendar', 'calendar.readonly', 'calendar.settings.readonly'),
  freeBusy: scopes('calendar', 'calendar.readonly', 'calendar.freebusy', 'calendar.events.freebusy'),
  listEvents: READ_EVENTS,
  instances: READ_EVENTS,
  getEvent: READ_EVENTS,
  insertEvent: WRITE_EVENTS,
  patchEvent: WRITE_EVENTS,
  updateEvent: WRITE_EVENTS,
  deleteEvent: WRITE_EVENTS,
};
