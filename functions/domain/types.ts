/** Core value types of the booking domain. Instants are epoch milliseconds (UTC); zones are IANA names. */

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

export type Weekday = 'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday';

/** The weekdays in ISO order (Monday first): the one list every parser and the slot engine index by. */
export const WEEKDAYS: readonly Weekday[] = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
];

/** Wall-clock range within one day, "HH:mm"; end may be "24:00". */
export interface TimeOfDayRange {
  start: string;
  end: string;
}

/** Working hours per weekday, in one IANA zone. A weekday missing from `week` is not worked. */
export interface WorkingSchedule {
  timeZone: string;
  week: Partial<Record<Weekday, TimeOfDayRange[]>>;
}

/** Everything the slot engine needs to know about one manager's bookable time. */
export interface AvailabilityRules {
  /** The owner's IANA zone: slot alignment and spoken times use it. */
  timeZone: string;
  working: WorkingSchedule;
  slotMinutes: number;
  /** Slot starts are aligned to multiples of this many minutes after local midnight. */
  intervalMinutes: number;
  /** Minutes kept free before and after every busy entry. */
  bufferMinutes: number;
  minNoticeMinutes: number;
  horizonDays: number;
  /** Whether tentative entries block time. */
  tentativeBlocks: boolean;
}

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
