/**
 * A manager's bookings over whole days, as an operator sees them. The days are the manager's own (their settings'
 * zone, else their calendar owner's, else the deployment's), both ends included: "from 2026-12-01 to 2026-12-07" is
 * one week. Of the caller, only the name, the property and the phone number's last 4 digits are shown.
 */
import { ValidationError } from '../errors';
import type {
  BookingHistoryEntry,
  BookingRecord,
  BookingStatus,
  BookingStore,
  ConnectionStore,
  SettingsStore,
} from '../ports';
import { scheduleConnection } from '../scheduling/manager-rules';
import { dayStart, parseDate } from '../time';

/** The longest range one listing covers (a quarter), so one answer stays small and one Query stays short. */
export const MAX_LISTING_DAYS = 92;

export interface BookingView {
  id: string;
  /** ISO 8601 with the owner's offset, as booked. */
  start: string;
  end: string;
  status: BookingStatus;
  callerName: string;
  callerPhoneLast4: string | null;
  propertyAddress: string | null;
  confirmationCode: string;
  /** Created, rescheduled from/to, cancelled by caller or owner, with times. */
  history: BookingHistoryEntry[];
}

export interface ManagerBookingsDeps {
  bookings: Pick<BookingStore, 'listByManager'>;
  connections: Pick<ConnectionStore, 'get'>;
  settings: Pick<SettingsStore, 'get'>;
  /** The deployment's zone (DEFAULT_TIME_ZONE), when neither the manager nor their calendar names one. */
  defaultTimeZone: string;
}

/** The day numbers of an inclusive range of YYYY-MM-DD dates; a ValidationError naming the field that is wrong. */
export function listingDays(from: string, to: string): { fromDay: number; toDay: number } {
  const fromDay = parseDate(from);
  const toDay = parseDate(to);
  if (fromDay === undefined) throw new ValidationError('from: must be a date YYYY-MM-DD', 'from');
  if (toDay === undefined) throw new ValidationError('to: must be a date YYYY-MM-DD', 'to');
  if (toDay < fromDay) throw new ValidationError('to: must not be before from (both days are included)', 'to');
  if (toDay - fromDay + 1 > MAX_LISTING_DAYS) {
    throw new ValidationError(`to: a listing covers at most ${MAX_LISTING_DAYS} days (both ends included)`, 'to');
  }
  return { fromDay, toDay };
}

/** The bookings starting on the days `from` to `to` (both included, YYYY-MM-DD, in the manager's zone), by start. */
export async function listManagerBookings(
  managerId: string,
  range: { from: string; to: string },
  deps: ManagerBookingsDeps,
): Promise<{ timeZone: string; bookings: BookingView[] }> {
  const { fromDay, toDay } = listingDays(range.from, range.to);
  const [record, settings] = await Promise.all([deps.connections.get(managerId), deps.settings.get(managerId)]);
  const owner = scheduleConnection(record?.connections ?? [])?.schedule;
  const timeZone = settings?.timeZone || owner?.timeZone || deps.defaultTimeZone;
  const found = await deps.bookings.listByManager(
    managerId,
    dayStart(fromDay, timeZone),
    dayStart(toDay + 1, timeZone),
  );
  // A call's hold is not a booking (a converted one is the booking itself, with "held" in its history), nor is one
  // never made (released) or the tombstone a move left at the old time (moved: the booking is listed at its new one).
  const bookings = found
    .filter((b) => b.status !== 'held' && b.status !== 'released' && b.status !== 'moved')
    .sort((a, b) => a.startMs - b.startMs || (a.bookingId < b.bookingId ? -1 : 1));
  return { timeZone, bookings: bookings.map(viewOfBooking) };
}

/** What an operator sees of one booking. */
export function viewOfBooking(booking: BookingRecord): BookingView {
  const digits = booking.callerPhone?.replace(/\D/g, '') ?? '';
  return {
    id: booking.bookingId,
    start: booking.start,
    end: booking.end,
    status: booking.status,
    callerName: booking.callerName,
    callerPhoneLast4: digits ? digits.slice(-4) : null,
    propertyAddress: booking.propertyAddress ?? null,
    confirmationCode: booking.confirmationCode,
    history: booking.history ?? [],
  };
}
