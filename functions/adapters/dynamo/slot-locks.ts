/**
 * The transactions behind reserve/hold/confirm/release. Every invariant sits in a ConditionExpression: a cell is taken
 * only if free or held by a lapsed lease or hold, and only the booking that holds a cell may confirm or delete it.
 */
import { type BookingRecord, SETTLE_MARGIN_MS } from '../../domain/ports';
import { bookingKey, lockKey, toBookingItem } from './booking-keys';
import { confirmedCellTtl, pendingBookingTtl, takeCell } from './lock-cells';
import type { TransactItems } from './transact';

/** The REMOVE clause that takes a record off the due-list (settled: nothing left for the keeper). */
export const OFF_DUE_LIST = 'dueShard, dueAtMs, told';

/**
 * Puts of every lock cell plus the booking (pending, or a hold), as one all-or-nothing transaction; the cells are
 * leased until `untilMs`.
 */
export function reserveItems(
  table: string,
  booking: BookingRecord,
  cells: number[],
  untilMs: number,
  nowMs: number,
  status: 'pending' | 'held' = 'pending',
): TransactItems {
  const owner = { booking, bookingSk: bookingKey(booking).sk, toolCallId: booking.toolCallId, status };
  const lockPuts = cells.map((cell) => takeCell(table, cell, { ...owner, leaseUntilMs: untilMs }, nowMs));
  // Due for the keeper: a hold when it ends, a pending booking once its lease and the margin have passed.
  const dueAtMs = status === 'held' ? untilMs : untilMs + SETTLE_MARGIN_MS;
  const bookingPut: TransactItems[number] = {
    Put: {
      TableName: table,
      Item: { ...toBookingItem({ ...booking, status, dueAtMs }), ttl: pendingBookingTtl(untilMs) },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
  return [...lockPuts, bookingPut];
}

/** Marks the booking and each cell it still holds as confirmed; fails if any cell changed hands. */
export function confirmItems(table: string, booking: BookingRecord, cells: number[], eventId: string): TransactItems {
  const cellUpdates: TransactItems = cells.map((cell) => ({
    Update: {
      TableName: table,
      Key: lockKey(booking.managerId, cell),
      UpdateExpression: 'SET #status = :confirmed, eventId = :eventId, #ttl = :ttl REMOVE leaseUntil',
      ConditionExpression: 'bookingId = :me',
      ExpressionAttributeNames: { '#status': 'status', '#ttl': 'ttl' },
      ExpressionAttributeValues: {
        ':confirmed': 'confirmed',
        ':eventId': eventId,
        ':ttl': confirmedCellTtl(booking.endMs),
        ':me': booking.bookingId,
      },
    },
  }));
  const joinUrl = booking.joinUrl === undefined ? undefined : { ':joinUrl': booking.joinUrl };
  const setJoinUrl = joinUrl ? ', joinUrl = :joinUrl' : '';
  const bookingUpdate: TransactItems[number] = {
    Update: {
      TableName: table,
      Key: bookingKey(booking),
      UpdateExpression: `SET #status = :confirmed, eventId = :eventId${setJoinUrl} REMOVE #ttl, ${OFF_DUE_LIST}`,
      // Pending, or already confirmed with this same event (a replayed confirm is a no-op, not an error).
      ConditionExpression: '#status = :pending OR (#status = :confirmed AND eventId = :eventId)',
      ExpressionAttributeNames: { '#status': 'status', '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':confirmed': 'confirmed', ':pending': 'pending', ':eventId': eventId, ...joinUrl },
    },
  };
  return [...cellUpdates, bookingUpdate];
}

/**
 * Deletes of the cells this pending booking holds, and the booking marked released (its history told when, its ttl
 * kept so an abandoned one is tidied later): the booking item itself is never deleted. A booking converted from a
 * hold (a `held` entry in its history) is released the same way; the caller may hold again.
 */
export function releaseItems(table: string, booking: BookingRecord, cells: number[], at: string): TransactItems {
  const cellDeletes: TransactItems = cells.map((cell) => ({
    Delete: {
      TableName: table,
      Key: lockKey(booking.managerId, cell),
      ConditionExpression: 'bookingId = :me AND #status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':me': booking.bookingId, ':pending': 'pending' },
    },
  }));
  return [...cellDeletes, { Update: releasedUpdate(table, booking, at, 'pending') }];
}

/**
 * The update that marks a pending booking or a hold released, history appended; only from `from` (a converted,
 * confirmed or already released record is left as it is). The record stays: no tool deletes a booking item.
 */
export function releasedUpdate(table: string, record: BookingRecord, at: string, from: 'pending' | 'held') {
  return {
    TableName: table,
    Key: bookingKey(record),
    UpdateExpression:
      'SET #status = :released, history = list_append(if_not_exists(history, :empty), :entry) ' +
      `REMOVE ${OFF_DUE_LIST}`,
    ConditionExpression: '#status = :from',
    ExpressionAttributeNames: { '#status': 'status' },
    ExpressionAttributeValues: {
      ':released': 'released',
      ':from': from,
      ':empty': [],
      ':entry': [{ type: 'released', at, by: 'caller' }],
    },
  };
}
