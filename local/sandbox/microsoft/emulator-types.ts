/** The emulator's public shape: its options and the handle tests and the sandbox drive it by. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { GraphEventInput, SandboxMailboxSettings } from './calendar-schema';
import type { RequestLogEntry } from './context';
import type { Fault } from './faults';
import type { AttendeeNotice } from './graph/notices';
import type { SandboxCalendarFile } from './file-schema';

export interface MicrosoftEmulatorOptions {
  /** The mailbox; default demoCalendar(clock()). */
  calendar?: SandboxCalendarFile;
  /** Epoch-ms clock; default real time. advanceClock() adds to it either way. */
  clock?: () => number;
  /** When set, /authorize and /token reject other client ids. */
  clientId?: string;
  /** When set, /token requires it (invalid_client otherwise). */
  clientSecret?: string;
  /** Absolute base URL at which browsers & clients reach the emulator, e.g. http://localhost:3000/_sandbox. */
  baseUrl?: string;
  /** Status of ErrorDuplicateTransactionId (same transactionId, different body); default 400. */
  duplicateTransactionStatus?: 400 | 409;
  /** Scopes consents leave unticked from the start (see withholdScopes). */
  withheldScopes?: string[];
  /**
   * Graph requests the mailbox serves at once (Outlook's limit, default 4): one more in flight is answered 429
   * ApplicationThrottled "over its MailboxConcurrency limit" with Retry-After 1. Infinity turns the limit off.
   */
  mailboxConcurrency?: number;
  /** The dice a fault's `rate` is rolled with, in [0, 1); default Math.random (a seeded one in tests). */
  random?: () => number;
}

export interface MicrosoftEmulator {
  /**
   * Handles a request whose path (with query) is relative to the emulator
   * base: /login/{tenant}/oauth2/v2.0/authorize|token, /graph/v1.0/...,
   * /calendar. Resolves false when the path is not the emulator's.
   */
  handle(req: IncomingMessage, res: ServerResponse, pathWithQuery: string): Promise<boolean>;
  /** Standalone server on 127.0.0.1 (port 0 = random) serving the same paths at its root; sets baseUrl. */
  listen(port?: number): Promise<{ baseUrl: string; close(): Promise<void> }>;
  /**
   * Programmatic "click Accept" (or Cancel with deny) on an authorize URL of any host; returns the redirect URL.
   * `withhold` unticks those scopes for this consent (default: what withholdScopes set).
   */
  consent(authorizeUrl: string, opts?: { deny?: boolean; withhold?: string[] }): Promise<string>;
  /**
   * The scopes every later consent leaves unticked (page and consent()), as a user who refuses some permissions
   * would; the code then grants only the rest, and the token response's scope says so. [] grants all again.
   */
  withholdScopes(scopes: string[]): void;
  /** Scripted faults; `applied` counts, per route, the requests a fault was applied to since start. */
  faults: { add(fault: Fault): void; clear(): void; applied(): Record<string, number> };
  /** Next refresh → 400 invalid_grant + suberror bad_token; issued access tokens stop working too. */
  revokeGrants(): void;
  /** Moves the emulator clock forward (expires access tokens, codes, refresh tokens). */
  advanceClock(ms: number): void;
  /** The emulator's current time (epoch ms). */
  now(): number;
  /** Every served request, in order, for counting provider round trips. */
  readonly requests: RequestLogEntry[];
  /** The meeting updates and cancellations (with their /cancel comments) the attendees were sent, in order. */
  readonly notices: readonly AttendeeNotice[];
  /** Highest number of Graph requests in flight at once for the mailbox. */
  maxConcurrent(): number;
  /** How often calendarView expanded the mailbox's series: once per query (calendar and window), not per page. */
  calendarViewExpansions(): number;
  /** The mailbox in the calendar-file format, every calendar with the events created since start (with ids). */
  dump(): SandboxCalendarFile;
  /**
   * Puts an event straight into a calendar (by name, case-insensitively; default: the default calendar), as if the
   * owner added it in Outlook (no token, not logged). Returns its id.
   */
  addEvent(input: GraphEventInput, calendarName?: string): string;
  /** Changes the mailbox's zone or working hours, as if the owner did in Outlook (validated like a calendar file). */
  updateMailboxSettings(settings: SandboxMailboxSettings): void;
}
