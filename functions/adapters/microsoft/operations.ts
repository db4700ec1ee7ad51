/** Graph and login round trips by operation (the sandbox's route names), for metrics: ids never leave the path. */
import type { ProviderRequestEvent } from './calendar-access';

/** A Graph path below /me (or /users/{mailbox}) as one of a fixed set of names; `other` for anything else. */
export function graphOperation(method: string, path: string): string {
  const parts = path.split('?')[0]!.split('/').filter(Boolean);
  if (parts[0] === 'users') parts.splice(0, 2, 'me');
  if (parts[0] !== 'me') return 'other';
  const rest = parts.slice(1);
  const [first = '', second] = [rest[0]?.toLowerCase(), rest[1]];
  if (!rest.length) return 'me';
  if (first === 'mailboxsettings') return 'mailboxSettings';
  if (first === 'calendars' && rest.length === 1) return 'calendars';
  if (first === 'calendar' && second?.toLowerCase() === 'getschedule') return 'getSchedule';
  if ((first === 'calendar' && rest.length === 1) || (first === 'calendars' && rest.length === 2)) return 'calendar';
  // Past the calendar it addresses (/me/calendar, /me/calendars/{id}), or /me/events directly.
  const tail = first === 'calendar' ? rest.slice(1) : first === 'calendars' ? rest.slice(2) : rest;
  const [collection, id, action] = [tail[0]?.toLowerCase(), tail[1], tail[2]?.toLowerCase()];
  if (collection === 'calendarview' && tail.length === 1) return 'calendarView';
  if (collection !== 'events') return 'other';
  if (!id) return method === 'POST' ? 'createEvent' : 'listEvents';
  if (tail.length === 3 && action === 'cancel') return 'cancelEvent';
  if (tail.length !== 2) return 'other';
  return (
    ({ GET: 'getEvent', PATCH: 'updateEvent', DELETE: 'deleteEvent' } as Record<string, string>)[method] ?? 'other'
  );
}

/** Any Microsoft round trip: a Graph operation, or `token` / `discovery` for the login endpoint. */
export function microsoftOperation(event: ProviderRequestEvent): string {
  if (event.service === 'login') return /\/token$/.test(event.path) ? 'token' : 'discovery';
  return graphOperation(event.method, event.path);
}
