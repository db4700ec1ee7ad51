/**
 * Lock-cell items, their lifetimes, and the condition that decides when a cell may be taken: absent, or held by a
 * pending lease or a hold that ended before now (expiry is checked on every write, never left to TTL).
 */
import type { BookingRecord } from '../../domain/ports';
import { epochSeconds, lockKey } from './booking-keys';
import type { TransactItems } from './transact';

const HOUR_S = 3_600;
const DAY_S = 86_400;
/** Pending and held cells linger this long after their lease for diagnosis; takeover never waits for TTL. */
const PENDING_CELL_TTL_SLACK_S = HOUR_S;
/** An abandoned pending booking or hold is garbage-collected a day after its lease; confirm removes this ttl. */
const PENDING_BOOKING_TTL_SLACK_S = DAY_S;
/** Confirmed cells are kept 30 days past the slot's end, then TTL collects them. */
const CONFIRMED_CELL_TTL_S = 30 * DAY_S;

/** A cell nobody holds now. Needs `#status`, `:pending`, `:held` and `:now` (see freeCellValues). */
export const FREE_CELL = 'attribute_not_exists(pk) OR (#status IN (:pending, :held) AND leaseUntil < :now)';

/** The names and values FREE_CELL reads. */
export function freeCellValues(nowMs: number) {
  return { names: { '#status': 'status' }, values: { ':pending': 'pending', ':held': 'held', ':now': nowMs } };
}

/** Ttl of a cell that is pending or held until `leaseUntilMs`. */
export const leasedCellTtl = (leaseUntilMs: number) => epochSeconds(leaseUntilMs) + PENDING_CELL_TTL_SLACK_S;

/** Ttl of a pending booking or a hold leased until `untilMs` (confirm removes it). */
export const pendingBookingTtl = (untilMs: number) => epochSeconds(untilMs) + PENDING_BOOKING_TTL_SLACK_S;

/** Ttl of a confirmed cell of a slot ending at `endMs`. */
export const confirmedCellTtl = (endMs: number) => epochSeconds(endMs) + CONFIRMED_CELL_TTL_S;

/** Who holds a cell and how: written on every take. */
export interface LockOwner {
  booking: Pick<BookingRecord, 'managerId' | 'bookingId' | 'callId'>;
  bookingSk: string;
  toolCallId: string;
  status: 'pending' | 'held';
  leaseUntilMs: number;
}

/**
 * A Put taking `cell` for `owner` if it is free (or `orAlso` holds, with its extra values). On failure the old lock
 * comes back in CancellationReasons, so "slot taken" can name its holder without a read.
 */
export function takeCell(
  table: string,
  cell: number,
  owner: LockOwner,
  nowMs: number,
  orAlso?: { condition: string; values: Record<string, unknown> },
): TransactItems[number] {
  const free = freeCellValues(nowMs);
  return {
    Put: {
      TableName: table,
      Item: {
        ...lockKey(owner.booking.managerId, cell),
        type: 'lock',
        managerId: owner.booking.managerId,
        cell,
        bookingId: owner.booking.bookingId,
        bookingSk: owner.bookingSk,
        toolCallId: owner.toolCallId,
        callId: owner.booking.callId,
        status: owner.status,
        leaseUntil: owner.leaseUntilMs,
        ttl: leasedCellTtl(owner.leaseUntilMs),
      },
      ConditionExpression: orAlso ? `${FREE_CELL} OR ${orAlso.condition}` : FREE_CELL,
      ExpressionAttributeNames: free.names,
      ExpressionAttributeValues: { ...free.values, ...orAlso?.values },
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  };
}
