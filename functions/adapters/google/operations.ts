/** Google round trips by operation (the sandbox's route names), for metrics: ids never leave the path. */
import type { GoogleRequestEvent } from './calendar-access';
import { isThrottleAnswer } from './calendar-errors';

const EVENT_METHODS: Record<string, string> = {
  GET: 'getEvent',
  PATCH: 'patchEvent',
  PUT: 'updateEvent',
  DELETE: 'deleteEvent',
};

/** A Calendar v3 path (below /calendar/v3) as one of a fixed set of names; `other` for anything else. */
export function calendarOperation(method: string, path: string): string {
  const s = path.split('?')[0]!.split('/').filter(Boolean);
  if (s[0] === 'users' && s[1] === 'me') {
    if (s[2] === 'calendarList') return s.length === 3 ? 'calendarList' : 'calendarListEntry';
    return s[2] === 'settings' ? 'settings' : 'other';
  }
  if (s[0] === 'freeBusy') return 'freeBusy';
  if (s[0] !== 'calendars' || !s[1]) return 'other';
  if (s.length === 2) return 'calendar';
  if (s[2] !== 'events') return 'other';
  if (s.length === 3) return method === 'POST' ? 'insertEvent' : 'listEvents';
  if (s.length === 5 && s[4] === 'instances') return 'instances';
  return s.length === 4 ? (EVENT_METHODS[method] ?? 'other') : 'other';
}

/** Any Google round trip: a Calendar operation, or `token` / `revoke` for the OAuth endpoints. */
export function googleOperation(event: GoogleRequestEvent): string {
  if (event.service === 'google-token') return /\/revoke$/.test(event.path) ? 'revoke' : 'token';
  return calendarOperation(event.method, event.path);
}

/** Whether Google throttled the round trip (429, or a 403 whose reason is a rate limit or quota). */
export function googleThrottled(event: GoogleRequestEvent): boolean {
  return isThrottleAnswer(event.status ?? 0, event.reason ?? '');
}
