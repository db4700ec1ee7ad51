/**
 * CONTRACT PLACEHOLDER (replaced by the "booked means booked" work before this lands): the keeper's pass over the
 * bookings due-list (functions/contract/tables.ts BOOKINGS_DUE_INDEX).
 */
import type { Deadline, Metrics } from '../ports';
import type { ManagerCalendarDeps } from '../scheduling/manager-calendar';

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

/** Settles up to `limit` due bookings (oldest first) while the deadline allows; safe to run twice at once. */
export async function sweepDueBookings(
  _deps: SweepBookingsDeps,
  _options: { limit: number; deadline: Deadline },
): Promise<SweepResult> {
  return { looked: 0, kept: 0, cancelled: 0, released: 0, left: 0 };
}
