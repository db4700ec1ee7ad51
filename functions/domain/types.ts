/** Core value types of the booking domain. Instants are epoch milliseconds (UTC); zones are IANA names. */
import type { WorkingSchedule } from '../contract/booking-rules';

/** A half-open time range [start, end) in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/**
 * How an entry uses its time: `busy` blocks it, `free` does not, `tentative` blocks when the rules say so. Each
 * provider maps its own statuses (out of office is busy; anything unknown is busy, because double-booking is worse).
 */
export type Availability = 'busy' | 'tentative' | 'free';

/** A calendar entry as a provider reports it, normalised to UTC instants. */
export interface CalendarEntry {
  id?: string;
  start: number;
  end: number;
  availability: Availability;
  isCancelled: boolean;
  isAllDay: boolean;
  /** All-day entries only: the local dates [startDate, endDate) exactly as the provider wrote them (YYYY-MM-DD). */
  allDay?: { startDate: string; endDate: string };
  /** The idempotency key the event was created with, when this product created it. */
  bookingKey?: string;
}

export {
  type AvailabilityRules,
  type TimeOfDayRange,
  type Weekday,
  WEEKDAYS,
  type WorkingSchedule,
} from '../contract/booking-rules';

/** A free slot, as instants. */
export type Slot = Interval;

/** A slot as the voice agent receives it: ISO 8601 with the owner's offset, and a spoken form. */
export interface SlotOption {
  start: string;
  end: string;
  spoken: string;
}

/**
 * What the calendar owner's own settings say (their calendar's zone and working hours), in IANA terms. Anything absent
 * falls back to the deployment's defaults; hours without a zone are read in the owner's zone.
 */
export interface OwnerSchedule {
  timeZone?: string;
  working?: { timeZone?: string; week: WorkingSchedule['week'] };
}

/** The account a connection signs in as. `accountId` is the provider's stable id; `email` the address it goes by. */
export interface ProviderAccount {
  accountId: string;
  email: string;
  name?: string;
}

/** One calendar of an account. `shared` marks a calendar someone else owns and shared with the account. */
export interface ProviderCalendar {
  id: string;
  name: string;
  isDefault: boolean;
  canEdit: boolean;
  shared: boolean;
}

/**
 * An event to create on the owner's calendar. Start and end are instants, so no DST change can make them ambiguous;
 * `timeZone` is the owner's IANA zone, for display only.
 */
export interface NewCalendarEvent {
  subject: string;
  /** Plain text; the adapter escapes it into the provider's body format. */
  bodyText: string;
  location?: string;
  /** Epoch ms. */
  start: number;
  end: number;
  /** The owner's IANA zone: how the provider may label the event, never how its instants are read. */
  timeZone: string;
  attendee?: { name: string; email: string };
  /** Idempotency key: creating the same event twice with it gives one event (the provider keeps it on the event). */
  bookingKey: string;
  /** Asks for an online meeting (Teams, Meet) where the calendar allows one; the event is made either way. */
  online?: boolean;
}

/** Changes to an existing event (times as instants, as in NewCalendarEvent). */
export type EventChanges = Partial<Omit<NewCalendarEvent, 'bookingKey' | 'online'>>;

/** A created (or already existing, on an idempotent replay) provider event. */
export interface CreatedEvent {
  id: string;
  /** The online meeting's join link, when one was asked for and the provider made it. */
  joinUrl?: string;
}
