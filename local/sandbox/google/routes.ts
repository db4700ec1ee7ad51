/** The names the request log and the fault book use for the emulator's routes. */

/** Every route the emulator serves (`unknown`: a Calendar path it does not know, answered 404). */
export type GoogleRoute =
  | 'authorize'
  | 'token'
  | 'revoke'
  | 'userinfo'
  | 'certs'
  | 'discovery'
  | 'calendarList'
  | 'calendarListEntry'
  | 'calendar'
  | 'settings'
  | 'freeBusy'
  | 'listEvents'
  | 'instances'
  | 'insertEvent'
  | 'getEvent'
  | 'patchEvent'
  | 'updateEvent'
  | 'deleteEvent'
  | 'dump'
  | 'unknown';

/**
 * Routes that are not a server-to-Google round trip: the browser's consent page (GET and its POST, also logged by
 * consent()) and the sandbox-only dump. A bench counting provider calls skips these.
 */
export const NON_PROVIDER_ROUTES: ReadonlySet<GoogleRoute> = new Set<GoogleRoute>(['authorize', 'dump']);

/** The OAuth-shaped routes (errors as {"error": "...", "error_description": "..."}). */
export const OAUTH_ROUTES: ReadonlySet<GoogleRoute> = new Set<GoogleRoute>(['token', 'revoke', 'userinfo']);
