/** What every Google emulator route handler shares: the clock, the account, the stores and the logs. */
import type { CalendarBook } from './calendar/calendars';
import type { EventStore } from './calendar/event-store';
import type { FaultBook } from './faults';
import type { IdentityStore } from './identity/grants';
import type { GoogleRoute } from './routes';

/** The one Google account the emulator serves. */
export interface GoogleUser {
  name: string;
  email: string;
  /** Google's stable account id: 21 digits, derived from the email so it survives restarts. */
  sub: string;
  givenName: string;
  familyName?: string;
}

/** One served request, for counting provider round trips (skip NON_PROVIDER_ROUTES). */
export interface RequestLogEntry {
  method: string;
  route: GoogleRoute;
  status: number;
  /** insert, patch, update and delete: the sendUpdates the caller asked for (absent: none was given). */
  sendUpdates?: string;
  /** token only: the grant_type. */
  grantType?: string;
  /** A dropAnswer fault: the request was carried out (its status is what it would have answered), the answer lost. */
  dropped?: true;
}

/** What an attendee would have been emailed. */
export interface AttendeeNotice {
  kind: 'invitation' | 'update' | 'cancellation';
  eventId: string;
  /** The calendar as the request named it resolved to its public id (the account's email for the primary). */
  calendarId: string;
  to: string[];
  /** Emulator clock, epoch ms. */
  at: number;
}

export interface GoogleContext {
  readonly now: () => number;
  readonly user: GoogleUser;
  readonly clientId?: string;
  readonly clientSecret?: string;
  readonly redirectUris?: readonly string[];
  readonly identity: IdentityStore;
  readonly faults: FaultBook;
  readonly calendars: CalendarBook;
  readonly events: EventStore;
  readonly notices: AttendeeNotice[];
  /** "pending": an insert asking for Meet answers with the conference still being created (ready on the next read). */
  readonly meetStatus: 'success' | 'pending';
  /** The absolute emulator root (no trailing slash), from options or `listen`, else `fallback`. */
  baseUrl(fallback?: string): string;
  log(entry: RequestLogEntry): void;
}
