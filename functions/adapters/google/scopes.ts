/**
 * The Google scopes we ask for, and which of the calendar ones a grant lacks (granular consent lets users untick them).
 *
 * Why calendar.events + calendar.readonly, and not calendar.freebusy:
 * - Busy time is read with events.list, not freeBusy.query: we need event ids and booking keys (to recognise our own
 *   events), the per-event rules (transparent, declined by the owner, working location, out of office), and it is
 *   one request per calendar either way. calendar.events covers events.list/get and insert/patch/delete.
 * - calendar.readonly adds calendarList.list (a manager may keep several calendars and pick which count) and
 *   calendars.get (the primary calendar's zone, the only owner setting Google exposes). The issue allows it in place
 *   of calendar.freebusy for exactly this reading. It is broader than the calendar list alone: it also reads settings
 *   and the free/busy of any calendar the account can see; we call only calendarList, calendars.get and events.
 *   (calendar.calendarlist.readonly + events.list's timeZone would be narrower; kept as a follow-up, since it changes
 *   what existing grants need.)
 * - Full `calendar` would also let us create and delete whole calendars and change sharing: not needed.
 */

const CALENDAR_EVENTS = 'https://www.googleapis.com/auth/calendar.events';
const CALENDAR_READONLY = 'https://www.googleapis.com/auth/calendar.readonly';

/** What a connection cannot work without. */
export const REQUIRED_SCOPES: readonly string[] = [CALENDAR_EVENTS, CALENDAR_READONLY];

/** What the consent screen asks for: sign-in (the id_token's sub and email) and the calendar scopes. */
export const AUTHORIZE_SCOPES: readonly string[] = ['openid', 'email', ...REQUIRED_SCOPES];

/** A token response's `scope` (space-separated) as a list. */
export function parseScope(scope: string | undefined): string[] {
  return (scope ?? '').split(/\s+/).filter(Boolean);
}

/** Which of calendar.events and calendar.readonly `granted` lacks (empty when both are there). */
export function missingScopes(granted: readonly string[]): string[] {
  const have = new Set(granted.map((scope) => scope.trim()));
  return REQUIRED_SCOPES.filter((scope) => !have.has(scope));
}
