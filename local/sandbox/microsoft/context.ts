/** What every emulator route handler shares: the clock, the mailbox, the stores and the request log. */
import type { SandboxMailboxSettings } from './calendar-schema';
import type { EventStore } from './graph/event-store';
import type { MailboxCalendars } from './graph/mailbox-calendars';
import type { AttendeeNotice } from './graph/notices';
import type { FaultBook } from './faults';
import type { MailboxConcurrency } from './graph/mailbox-concurrency';
import type { ViewCache } from './graph/view-cache';
import type { IdentityStore } from './identity/grants';

/** The one mailbox the emulator serves. */
export interface MailboxUser {
  oid: string;
  tid: string;
  displayName: string;
  mail: string;
  userPrincipalName: string;
}

/** One served request, for counting provider round trips in tests. */
export interface RequestLogEntry {
  method: string;
  route: string;
  status: number;
  /** Token route only: the grant_type that was asked for. */
  grantType?: string;
  /** Graph routes only: the caller's client-request-id (or the one made up for it) and Graph's request-id. */
  clientRequestId?: string;
  requestId?: string;
}

export interface EmulatorContext {
  readonly now: () => number;
  readonly user: MailboxUser;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly identity: IdentityStore;
  readonly faults: FaultBook;
  readonly calendars: MailboxCalendars;
  readonly events: EventStore;
  /** Outlook's limit of Graph requests in flight for the mailbox (429 ApplicationThrottled past it). */
  readonly concurrency: MailboxConcurrency;
  /** calendarView's expanded windows, so paging one query expands the series once. */
  readonly views: ViewCache;
  readonly mailboxSettings: SandboxMailboxSettings;
  readonly duplicateTransactionStatus: 400 | 409;
  /** Meeting messages the organizer's changes sent to attendees, in order. */
  readonly notices: AttendeeNotice[];
  /** Scopes the next consents leave unticked (any spelling), so a test can grant less than the app asks. */
  withheldScopes: string[];
  /** The absolute emulator base URL (no trailing slash), from options or `listen`, else `fallback`. */
  baseUrl(fallback?: string): string;
  log(entry: RequestLogEntry): void;
}
