/** Graph v1.0 paths below /me (or /users/{the mailbox}) → the route and the handler that serves it. */
import type { EmulatorContext } from '../context';
import type { FaultRoute } from '../faults';
import { getCalendarView } from './calendar-view';
import { calendarNamed, getCalendar, listCalendars } from './calendars-api';
import { cancelEvent, createEvent, deleteEvent, getEvent, updateEvent } from './events-api';
import type { MailboxCalendar } from './mailbox-calendars';
import { getMailboxSettings, getMe } from './profile';
import type { GraphCall } from './respond';
import { getSchedule } from './schedule';

export type Route = Exclude<FaultRoute, '*' | 'token'>;

export interface Match {
  route: Route;
  run: (call: GraphCall) => void | Promise<void>;
}

/** Resolves the calendar a path names when the handler runs (after the bearer check, so a 401 comes first). */
type CalendarOf = (call: GraphCall) => MailboxCalendar;

const defaultCalendar: CalendarOf = (call) => call.ctx.calendars.default();

/** Maps method + path (below /v1.0) to a route; /users/{own mail|upn|id} is treated as /me. */
export function matchRoute(ctx: EmulatorContext, method: string, path: string): Match | undefined {
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [root, who] = segments;
  const own = [ctx.user.mail, ctx.user.userPrincipalName, ctx.user.oid].map((s) => s.toLowerCase());
  if (root?.toLowerCase() === 'users' && who && own.includes(who.toLowerCase())) segments.splice(0, 2, 'me');
  if (segments[0]?.toLowerCase() !== 'me') return undefined;
  const rest = segments.slice(1);
  const [a = '', b] = [rest[0]?.toLowerCase(), rest[1]];
  if (!rest.length && method === 'GET') return { route: 'me', run: getMe };
  if (a === 'mailboxsettings' && method === 'GET' && rest.length <= 2)
    return { route: 'mailboxSettings', run: (call) => getMailboxSettings(call, b?.toLowerCase()) };
  if (a === 'calendars' && rest.length === 1 && method === 'GET') return { route: 'calendars', run: listCalendars };
  if (a === 'calendar') {
    const tail = rest.slice(1);
    if (!tail.length && method === 'GET')
      return { route: 'calendar', run: (call) => getCalendar(call, defaultCalendar(call)) };
    if (tail.length === 1 && tail[0]!.toLowerCase() === 'getschedule' && method === 'POST')
      return { route: 'getSchedule', run: getSchedule };
    // /me/calendar/events and /me/calendar/calendarView address the default calendar, same as /me/events.
    return collection(method, tail, defaultCalendar, false);
  }
  if (a === 'calendars' && b) {
    const calendar: CalendarOf = (call) => calendarNamed(call, b);
    const tail = rest.slice(2);
    if (!tail.length && method === 'GET')
      return { route: 'calendar', run: (call) => getCalendar(call, calendar(call)) };
    return collection(method, tail, calendar, true);
  }
  return collection(method, rest, defaultCalendar, false);
}

/** calendarView and events of one calendar; `named`: an event id must belong to it (/me/calendars/{id}/events/...). */
function collection(method: string, tail: string[], calendar: CalendarOf, named: boolean): Match | undefined {
  const [c = '', id, action] = [tail[0]?.toLowerCase(), tail[1], tail[2]?.toLowerCase()];
  const key = `${method} ${tail.length}`;
  const within = (call: GraphCall) => (named ? calendar(call) : undefined);
  if (c === 'calendarview' && key === 'GET 1')
    return { route: 'calendarView', run: (call) => getCalendarView(call, calendar(call)) };
  if (c !== 'events') return undefined;
  if (key === 'POST 1') return { route: 'createEvent', run: (call) => createEvent(call, calendar(call)) };
  if (!id) return undefined;
  if (key === 'GET 2') return { route: 'getEvent', run: (call) => getEvent(call, id, within(call)) };
  if (key === 'PATCH 2') return { route: 'updateEvent', run: (call) => updateEvent(call, id, within(call)) };
  if (key === 'DELETE 2') return { route: 'deleteEvent', run: (call) => deleteEvent(call, id, within(call)) };
  if (key === 'POST 3' && action === 'cancel')
    return { route: 'cancelEvent', run: (call) => cancelEvent(call, id, within(call)) };
  return undefined;
}
