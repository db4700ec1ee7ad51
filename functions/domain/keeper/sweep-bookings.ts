/**
 * The keeper's pass over the bookings due-list (functions/contract/tables.ts BOOKINGS_DUE_INDEX): pending bookings
 * past their lease (plus SETTLE_MARGIN_MS), bookings the caller was answered about before they were confirmed, lapsed
 * holds, and unconfirmed bookings whose event cancel is still to be checked. One Query when nothing is due.
 */
import { errorFields } from '../errors';
import type { BookingRecord, Deadline, Metrics } from '../ports';
import type { ManagerCalendarDeps } from '../scheduling/manager-calendar';
import { settleBooking } from './settle-booking';

/** What one sweep did, for the keeper's log line. */
export interface SweepResult {
  /** Due records looked at. */
  looked: number;
  /** Ambiguous creates whose event was kept (the caller heard "booked"). */
  kept: number;
  /** Ambiguous creates whose event was cancelled (nobody was told). */
  cancelled: number;
  /** Lapsed holds and stale pending locks freed. */
  released: number;
  /** Due records left for the next run (errors, or the budget ran out). */
  left: number;
}

export interface SweepBookingsDeps extends ManagerCalendarDeps {
  metrics?: Metrics;
}

/** A failed record is retried after a quarter of its age, between 15 minutes and 6 hours (a backoff, stateless). */
const RETRY_MIN_MS = 15 * 60_000;
const RETRY_MAX_MS = 6 * 3_600_000;

/** How long a record whose settle failed waits before it is due again: longer the longer it has been around. */
export function retryDelay(record: Pick<BookingRecord, 'createdAt'>, now: number): number {
  const age = now - Date.parse(record.createdAt);
  return Math.min(Math.max(Number.isFinite(age) ? age / 4 : 0, RETRY_MIN_MS), RETRY_MAX_MS);
}

/** Least time (ms) worth starting one record with: a consistent read, a calendar read, a cancel and two writes. */
const PER_RECORD_MS = 3_000;

/** Settles up to `limit` due bookings (oldest first) while the deadline allows; safe to run twice at once. */
export async function sweepDueBookings(
  deps: SweepBookingsDeps,
  options: { limit: number; deadline: Deadline },
): Promise<SweepResult> {
  const result: SweepResult = { looked: 0, kept: 0, cancelled: 0, released: 0, left: 0 };
  const listed = await deps.bookings.listDue(deps.clock(), options.limit);
  for (const [index, entry] of listed.entries()) {
    if (options.deadline.at - deps.clock() < PER_RECORD_MS) {
      result.left += listed.length - index;
      break;
    }
    result.looked++;
    try {
      const outcome = await settleListed(entry, deps, options.deadline);
      if (outcome === 'kept' || outcome === 'cancelled' || outcome === 'released') result[outcome]++;
    } catch (error) {
      result.left++;
      const retryAtMs = deps.clock() + retryDelay(entry, deps.clock());
      deps.log?.warn('settling a due booking failed; it is tried again later', {
        managerId: entry.managerId,
        bookingId: entry.bookingId,
        retryAt: new Date(retryAtMs).toISOString(),
        ...errorFields(error),
      });
      // Pushed back, so records that keep failing cannot hold the head of the (oldest-first) list for ever.
      if (entry.dueAtMs !== undefined)
        await deps.bookings.postponeDue(entry, entry.dueAtMs, retryAtMs).catch(() => undefined);
    }
  }
  return result;
}

/**
 * The index may lag the table: the record is read again (consistently, with the others at its start) and settled
 * only as it is now. A pending one is due as listed only if it is unchanged since (not answered about meanwhile).
 */
async function settleListed(entry: BookingRecord, deps: SweepBookingsDeps, deadline: Deadline) {
  const atStart = await deps.bookings.listByManager(entry.managerId, entry.startMs, entry.startMs + 1);
  const record = atStart.find((b) => b.bookingId === entry.bookingId);
  if (!record) return 'skipped' as const;
  const due = record.status === entry.status && record.told === entry.told && (entry.dueAtMs ?? 0) <= deps.clock();
  return settleBooking(record, due, deps, deadline, atStart);
}
