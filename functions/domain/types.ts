/** Core value types of the booking domain. Instants are epoch milliseconds (UTC); zones are IANA names. */
import type { WorkingSchedule } from '../contract/booking-rules';

/** A half-open time range [start, end) in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

/** Outlook's free/busy status of an event. */
export type ShowAs = 'free' | 'tentative' | 'busy' | 'oof' | 'workingElsewhere' | 'unknown';

/** A calendar entry as a provider reports it, normalised to UTC instants. */
export interface CalendarEntry {
  id?: string;
  start: number;
  end: number;
  showAs: ShowAs;
  isCancelled: boolean;
  isAllDay: boolean;
  /** All-day entries only: the local dates [startDate, endDate) exactly as the provider wrote them (YYYY-MM-DD). */
  allDay?: { startDate: string; endDate: string };
  /** The idempotency key the event was created with, when this product created it. */
  transactionId?: string;
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
 * What the calendar owner's own settings say (Outlook working hours, say), in IANA terms. Anything absent falls back
 * to the deployment's defaults; hours without a zone are read in the owner's zone.
 */
export interface OwnerSchedule {
  timeZone?: string;
  working?: { timeZone?: string; week: WorkingSchedule['week'] };
}

/** The signed-in Microsoft user (GET /me, the fields we use). */
export interface ProviderProfile {
  id: string;
  displayName?: string | null;
  mail?: string | null;
  userPrincipalName?: string | null;
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
  /** Provider-side idempotency key (Graph transactionId). */
  transactionId: string;
}

/** A created (or already existing, on an idempotent replay) provider event. */
export interface CreatedEvent {
  id: string;
}
