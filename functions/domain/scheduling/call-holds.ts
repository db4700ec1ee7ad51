/**
 * A call's hold on a slot: at most one per call, seen as taken by every other call while it lasts, converted by the
 * same call's booking, released when the call ends or when it lapses (checked on read; TTL only tidies up).
 */
import { cellsOf } from '../booking/lock-cells';
import { errorFields } from '../errors';
import type { BookingRecord, BookingStore, Log } from '../ports';

const DAY_MS = 86_400_000;

/** Every record a call made with a manager from a day back to past the horizon: holds, bookings, tombstones. */
export async function recordsOfCall(
  bookings: BookingStore,
  managerId: string,
  callId: string | undefined,
  now: number,
  horizonDays: number,
): Promise<BookingRecord[]> {
  if (!callId) return [];
  const span = callRecordsSpan(now, horizonDays);
  return ofCall(await bookings.listByManager(managerId, span.start, span.end), callId, now, horizonDays);
}

/** Where a call's records start: from a day back (a hold just made) to past the horizon. */
export function callRecordsSpan(now: number, horizonDays: number): { start: number; end: number } {
  return { start: now - DAY_MS, end: now + (horizonDays + 2) * DAY_MS };
}

/** The records of `listed` recordsOfCall would return: the call's, starting from a day back to past the horizon. */
export function ofCall(
  listed: readonly BookingRecord[],
  callId: string | undefined,
  now: number,
  horizonDays: number,
): BookingRecord[] {
  if (!callId) return [];
  const { start, end } = callRecordsSpan(now, horizonDays);
  return listed.filter((b) => b.callId === callId && b.startMs >= start && b.startMs < end);
}

/** The holds a call has placed with a manager that are still held (lapsed ones included: their cells may remain). */
export async function holdsOfCall(
  bookings: BookingStore,
  managerId: string,
  callId: string | undefined,
  now: number,
  horizonDays: number,
): Promise<BookingRecord[]> {
  const records = await recordsOfCall(bookings, managerId, callId, now, horizonDays);
  return records.filter((b) => b.status === 'held');
}

/** Whether a hold still keeps its slot at `now`. */
export function isLive(hold: Pick<BookingRecord, 'status' | 'holdUntilMs'>, now: number): boolean {
  return hold.status === 'held' && (hold.holdUntilMs ?? 0) > now;
}

/** Releases each hold (never throws: a hold left behind lapses on its own). */
export async function releaseHolds(
  holds: readonly BookingRecord[],
  deps: { bookings: BookingStore; log?: Log },
  at: string,
  bufferMinutes: number,
): Promise<number> {
  const results = await Promise.all(
    holds.map((hold) =>
      deps.bookings.releaseHold(hold, cellsOf(hold, bufferMinutes), at).then(
        () => true,
        (error: unknown) => {
          deps.log?.warn('releasing a hold failed; it lapses on its own', {
            managerId: hold.managerId,
            bookingId: hold.bookingId,
            ...errorFields(error),
          });
          return false;
        },
      ),
    ),
  );
  return results.filter(Boolean).length;
}
