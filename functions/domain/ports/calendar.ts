/** The calendars a tool call works on, and the deadline every call to them respects. */
import type {
  CalendarEntry,
  CreatedEvent,
  EventChanges,
  Interval,
  NewCalendarEvent,
  OwnerSchedule,
  ProviderAccount,
  ProviderCalendar,
} from '../types';
import type { CalendarConnection } from './connections';

/** An absolute deadline (epoch ms, same clock as Date.now()) that every downstream call must respect. */
export interface Deadline {
  readonly at: number;
}

/**
 * One connected account's calendars, already authenticated. Adapters speak their provider; this is the domain's
 * language. A revoked grant is always a ReconnectRequiredError; a provider that does not answer, a
 * ProviderUnavailableError.
 */
export interface CalendarProvider {
  /** Entries of one calendar overlapping `range` (recurring series expanded into occurrences). */
  listEntries(calendarId: string, range: Interval, deadline: Deadline): Promise<CalendarEntry[]>;
  /** Creates an event in a calendar; a replay with the same bookingKey returns the same event. */
  createEvent(calendarId: string, event: NewCalendarEvent, deadline: Deadline): Promise<CreatedEvent>;
  /** One event by id, as it is now (moved, or cancelled with isCancelled); undefined when it no longer exists. */
  getEvent(calendarId: string, eventId: string, deadline: Deadline): Promise<CalendarEntry | undefined>;
  /** Changes the same event (attendees get an update, not a new invitation). NotFoundError when it is gone. */
  updateEvent(calendarId: string, eventId: string, changes: EventChanges, deadline: Deadline): Promise<void>;
  /**
   * Cancels an event: with attendees, the provider's cancellation carrying `comment`; without, a delete. One already
   * gone counts as cancelled, so a repeat is harmless.
   */
  cancelEvent(calendarId: string, eventId: string, deadline: Deadline, comment?: string): Promise<void>;
  /** The owner's time zone and working hours, as their calendar settings say (parts may be absent). */
  getOwnerSchedule(deadline: Deadline): Promise<OwnerSchedule>;
  /** The signed-in account. */
  getAccount(deadline: Deadline): Promise<ProviderAccount>;
  /** The account's calendars (its own and those shared with it). */
  listCalendars(deadline: Deadline): Promise<ProviderCalendar[]>;
  /**
   * Redeems the stored refresh token now, even when a cached access token is still valid, and stores what comes back,
   * so an unused grant's idle clock restarts. ReconnectRequiredError when the grant is gone.
   */
  keepAlive(deadline: Deadline): Promise<void>;
}

/** Opens a stored connection's calendars (a fresh credential client per connection and invocation). */
export interface CalendarAccess {
  open(managerId: string, connection: CalendarConnection): CalendarProvider;
}

/** Epoch milliseconds now. */
export type Clock = () => number;

/** The id a connection uses for its account's default calendar until the real id is known (older connections). */
export const DEFAULT_CALENDAR_ID = 'default';
