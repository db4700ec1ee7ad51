/**
 * A manager's booking records, read once per booking over a span wide enough for the deployment's default rules, so
 * the read can start beside the tool-call claim, before the manager's own rules are known. A manager whose rules reach
 * further (a longer horizon, a longer buffer) gets only the missing part read, beside the calendar read.
 */
import type { BookingRecord, BookingStore } from '../ports';
import type { Interval } from '../types';
import { callRecordsSpan } from './call-holds';

const DAY_MS = 86_400_000;

/** Records of one manager starting within `span`, as read. */
export interface RecordsWindow {
  managerId: string;
  span: Interval;
  records: readonly BookingRecord[];
}

/**
 * What a booking's record reads cover at `now`: the call's own records (a day back to past the horizon, see
 * recordsOfCall) and the busy time of the search range (a day before it, see readCalendar).
 */
export function recordsSpan(now: number, horizonDays: number, search: Interval): Interval {
  const ofCall = callRecordsSpan(now, horizonDays);
  return { start: Math.min(ofCall.start, search.start - DAY_MS), end: Math.max(ofCall.end, search.end) };
}

/** Reads the manager's records starting within `span`. */
export async function readRecords(bookings: BookingStore, managerId: string, span: Interval): Promise<RecordsWindow> {
  return { managerId, span, records: await bookings.listByManager(managerId, span.start, span.end) };
}

/** The records starting within `span`: from the window, reading only the parts it does not cover (in parallel). */
export async function recordsWithin(
  window: RecordsWindow,
  span: Interval,
  bookings: BookingStore,
): Promise<BookingRecord[]> {
  const { managerId, span: read } = window;
  const [before, after] = await Promise.all([
    span.start < read.start ? bookings.listByManager(managerId, span.start, Math.min(read.start, span.end)) : [],
    span.end > read.end ? bookings.listByManager(managerId, Math.max(read.end, span.start), span.end) : [],
  ]);
  const inside = window.records.filter((b) => b.startMs >= span.start && b.startMs < span.end);
  return [...before, ...inside, ...after];
}
