/** The Google emulator's public shape: its options and the handle the tests and the sandbox drive it by. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EventResource } from './calendar/event-types';
import type { AttendeeNotice, RequestLogEntry } from './context';
import type { Fault } from './faults';
import type { GoogleSandboxFile } from './file-schema';

export interface GoogleEmulatorOptions {
  /** The account and its calendars; default demoGoogleCalendar(clock()). */
  calendar?: GoogleSandboxFile;
  /** When set, the consent page and /token refuse other client ids (401 invalid_client). */
  clientId?: string;
  /** When set, /token requires it (body or HTTP Basic). */
  clientSecret?: string;
  /** When set, the consent page refuses other redirect URIs (Error 400: redirect_uri_mismatch). */
  redirectUris?: string[];
  /** Absolute URL at which browsers and clients reach the emulator root, e.g. http://localhost:3000/_sandbox/google. */
  baseUrl?: string;
  /** Epoch-ms clock; default real time (monotonic). advanceClock() adds to it either way. */
  clock?: () => number;
  /** "pending": an insert that creates a Meet answers with createRequest status pending (ready on the next read). */
  meetStatus?: 'success' | 'pending';
  /** The dice a fault's `rate` is rolled with, in [0, 1); default Math.random (a seeded one in tests). */
  random?: () => number;
}

/** What a token is now, for tests of disconnect and reuse. */
export type TokenState = 'live' | 'expired' | 'revoked' | 'unknown';

export interface GoogleEmulator {
  /**
   * Handles a request whose path (with query) is relative to the emulator root: /o/oauth2/v2/auth, /token, /revoke,
   * /v1/userinfo, /oauth2/v3/certs, /.well-known/openid-configuration, /calendar/v3/..., /calendar. Resolves false
   * when the path is not the emulator's.
   */
  handle(req: IncomingMessage, res: ServerResponse, pathWithQuery: string): Promise<boolean>;
  /** Standalone server on 127.0.0.1 (port 0 = random) serving the same paths at its root; sets baseUrl. */
  listen(port?: number): Promise<{ baseUrl: string; close(): Promise<void> }>;
  /**
   * Programmatic "click Allow" (or Cancel with deny) on an authorize URL of any host; `withhold` unticks those scopes
   * (sign-in scopes cannot be). Returns the redirect URL. Throws AuthorizeError for a request the page would refuse.
   */
  consent(authorizeUrl: string, opts?: { deny?: boolean; withhold?: string[] }): Promise<string>;
  /** Scripted faults; `applied` counts, per route, the requests a fault was applied to since start. */
  faults: { add(fault: Fault): void; clear(): void; applied(): Record<string, number> };
  /** The account removes the app: refreshes answer 400 invalid_grant, access tokens 401, the next consent is first. */
  revokeGrants(): void;
  /** Moves the emulator clock forward (expires access tokens and codes). */
  advanceClock(ms: number): void;
  /** The emulator's current time (epoch ms). */
  now(): number;
  /** Every served request, in order (skip NON_PROVIDER_ROUTES to count provider round trips). */
  readonly requests: RequestLogEntry[];
  /** What attendees would have been emailed, in order. */
  readonly notices: readonly AttendeeNotice[];
  /** Highest number of Calendar requests in flight at once. */
  maxConcurrent(): number;
  /** The account in the file format, with every event written since start (ids kept; deleted ones cancelled). */
  dump(): GoogleSandboxFile;
  /**
   * Puts an event straight into a calendar (`primary`, the account's email or a file id), as if the owner added it in
   * Google Calendar (no token, not logged, validated like a file event). Returns its id.
   */
  addEvent(calendarId: string, event: EventResource): string;
  /** Whether a refresh or access token still works. */
  tokenState(token: string): TokenState;
}
