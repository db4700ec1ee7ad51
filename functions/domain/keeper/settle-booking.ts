/**
 * Settling one booking the keeper or the end of a call finds unfinished, so the calendar follows what the caller was
 * told: a pending booking whose caller heard "booked" is confirmed (kept); one nobody heard "booked" for is cancelled,
 * its event too if it was made; a lapsed hold or a stale pending lock with no event is let go.
 */
import { cellsOf } from '../booking/lock-cells';
import { ConcurrencyError, errorFields } from '../errors';
import type { BookingRecord, Deadline, Metrics } from '../ports';
import { releaseHolds } from '../scheduling/call-holds';
import type { ManagerCalendarDeps } from '../scheduling/manager-calendar';
import { bookingCalendar, cancelBookingEvent, findBookingEvent } from './booking-event-lookup';

/** How long a cancelled-unconfirmed booking stays due, so a create that landed late is looked for once more. */
export const RECHECK_AFTER_MS = 15 * 60_000;

export interface SettleDeps extends ManagerCalendarDeps {
  metrics?: Metrics;
}

/** What settling did: kept / cancelled (an unconfirmed create), released (a hold or lock), or nothing (skipped). */
export type Settled = 'kept' | 'cancelled' | 'released' | 'finished' | 'skipped';

/**
 * Settles `record` (read consistently just now). `due`: its time on the due-list has come (a pending booking not
 * answered about is only settled then: an invocation may still be writing it).
 */
export async function settleBooking(
  record: BookingRecord,
  due: boolean,
  deps: SettleDeps,
  deadline: Deadline,
  siblings: readonly BookingRecord[] = [],
): Promise<Settled> {
  const now = deps.clock();
  const cells = cellsOf(record, deps.defaults.bufferMinutes);
  const ids = { managerId: record.managerId, bookingId: record.bookingId };
  if (record.status === 'held') {
    if ((record.holdUntilMs ?? 0) > now) return 'skipped';
    const freed = await releaseHolds([record], deps, new Date(now).toISOString(), deps.defaults.bufferMinutes);
    return freed ? 'released' : 'skipped';
  }
  if (record.status === 'cancelled')
    return (await finishVoided(record, deps, deadline, siblings)) ? 'finished' : 'skipped';
  if (record.status !== 'pending') {
    await deps.bookings.clearDue(record);
    return 'skipped';
  }
  if (!record.told && !due) return 'skipped';
  if (record.told === 'booked' && !record.eventId) {
    // Never written (a "booked" note always names its event); voiding it could cancel what the caller heard booked.
    deps.log?.error('a booking heard booked has no event id; left for the operator', ids);
    await deps.bookings.clearDue(record);
    return 'skipped';
  }
  if (record.told === 'booked' && record.eventId) {
    // The caller heard "booked" and the event exists: the record catches up with what they were told.
    await deps.bookings.confirm(record, cells, record.eventId);
    deps.log?.warn('kept a booking the caller heard booked', ids);
    deps.metrics?.count('BookingReconciled', { outcome: 'kept' });
    return 'kept';
  }
  // A later attempt of the same call took over (same key, its own record): the event is that one's. Records without a
  // key (older ones) share nothing: two of them are not attempts of one booking.
  const superseded =
    record.bookingKey !== undefined &&
    siblings.some(
      (b) => b.bookingId !== record.bookingId && b.bookingKey === record.bookingKey && b.status !== 'released',
    );
  const at = superseded ? undefined : await bookingCalendar(record, deps);
  const eventId = at && at !== 'unreachable' ? await findBookingEvent(record, at, deadline, deps) : undefined;
  if (!record.told && !eventId && at !== 'unreachable') {
    await deps.bookings.release(record, cells);
    deps.log?.warn('released a stale pending booking', { ...ids, superseded });
    return 'released';
  }
  // Nobody heard "booked": the record is cancelled first, so no repeat of the call can confirm it from now on.
  try {
    const entry = { type: 'cancelled' as const, at: new Date(now).toISOString(), reason: 'unconfirmed' };
    await deps.bookings.voidPending(record, cells, { entry, eventId, retryAtMs: now + RECHECK_AFTER_MS });
  } catch (error) {
    if (error instanceof ConcurrencyError) return 'skipped';
    throw error;
  }
  deps.log?.warn('cancelled a booking the caller was not told was booked', { ...ids, eventFound: Boolean(eventId) });
  deps.metrics?.count('BookingReconciled', { outcome: 'cancelled' });
  // Only a "confirming" answer kept the unit (the invocation counted it as booked); any other pending record's unit
  // was given back by its invocation, or is lost with a crash (one too many counted beats one too few). A later
  // attempt that took over the key uses this record's unit.
  if (record.told === 'confirming' && !superseded) await giveQuotaBack(record, deps);
  if (eventId) await finishVoided({ ...record, status: 'cancelled', eventId }, deps, deadline, siblings, at);
  return 'cancelled';
}

/** The caller's unit of the day (MAX_BOOKINGS_PER_CALLER_PER_DAY) a voided booking took: nobody was booked. */
async function giveQuotaBack(record: BookingRecord, deps: SettleDeps): Promise<void> {
  if (!record.quota) return;
  await deps.bookings
    .returnCallerQuota(record.managerId, record.quota.callerKey, record.quota.day)
    .catch((e: unknown) => {
      deps.log?.warn('giving back the caller quota of a voided booking failed', errorFields(e));
    });
}

/**
 * What the recheck may cancel: an event found by the booking key is a later attempt's when a live record of the same
 * key holds the slot (it resumed the key and confirmed it); then only the voided record's own event id is its own.
 */
function eventToCancel(record: BookingRecord, siblings: readonly BookingRecord[]): BookingRecord | undefined {
  const live = siblings.filter(
    // A moved booking's tombstone counts: the attempt it names moved its event away, still the caller's.
    (b) =>
      b.bookingId !== record.bookingId && (b.status === 'confirmed' || b.status === 'pending' || b.status === 'moved'),
  );
  if (!live.some((b) => b.bookingKey && b.bookingKey === record.bookingKey)) return record;
  if (!record.eventId || live.some((b) => b.eventId === record.eventId)) return undefined;
  return { ...record, bookingKey: undefined };
}

/** An unconfirmed booking still due: its event (made, or landed late) is cancelled, then it leaves the list. */
async function finishVoided(
  record: BookingRecord,
  deps: SettleDeps,
  deadline: Deadline,
  siblings: readonly BookingRecord[],
  opened?: Awaited<ReturnType<typeof bookingCalendar>>,
): Promise<boolean> {
  const target = eventToCancel(record, siblings);
  const at = target ? (opened ?? (await bookingCalendar(record, deps))) : undefined;
  if (!target) {
    deps.log?.warn("the event of an unconfirmed booking is a later attempt's; it is kept", {
      managerId: record.managerId,
      bookingId: record.bookingId,
    });
  } else if (at && at !== 'unreachable') {
    const eventId = await findBookingEvent(target, at, deadline, deps);
    if (eventId) await cancelBookingEvent(record, at, eventId, deadline, deps);
  } else if (at === 'unreachable') {
    deps.log?.warn('the calendar of an unconfirmed booking is disconnected; its event cannot be checked', {
      managerId: record.managerId,
      bookingId: record.bookingId,
    });
  }
  await deps.bookings.clearDue(record).catch((error: unknown) => {
    deps.log?.warn('taking a settled booking off the due-list failed', errorFields(error));
  });
  return true;
}
