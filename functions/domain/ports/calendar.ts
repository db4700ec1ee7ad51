/** The calendar a tool call works on, and the deadline every call to it respects. */
import type { CalendarEntry, CreatedEvent, Interval, NewCalendarEvent, OwnerSchedule, ProviderProfile } from '../types';
import type { ManagerConnection } from './connections';

/** An absolute deadline (epoch ms, same clock as Date.now()) that every downstream call must respect. */
export interface Deadline {
  readonly at: number;
}

/** One manager's calendar, already authenticated. */
export interface CalendarProvider {
  /** Entries overlapping `range` (recurring series expanded into occurrences). */
  listEntries(range: Interval, deadline: Deadline): Promise<CalendarEntry[]>;
  /** Creates an event; a replay with the same transactionId returns the same event. */
  createEvent(event: NewCalendarEvent, deadline: Deadline): Promise<CreatedEvent>;
  /** The owner's time zone and working hours, as their calendar settings say (parts may be absent). */
  getOwnerSchedule(deadline: Deadline): Promise<OwnerSchedule>;
  /** The signed-in user. */
  getProfile(deadline: Deadline): Promise<ProviderProfile>;
}

/** Opens an authenticated calendar for a stored connection (fresh token client per manager and invocation). */
export interface CalendarAccess {
  forConnection(connection: ManagerConnection): CalendarProvider;
}

/** Epoch milliseconds now. */
export type Clock = () => number;
