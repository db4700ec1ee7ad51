/**
 * The transactions behind reserve/confirm/release. Every invariant sits in a ConditionExpression: a cell is taken only
 * if free or held by a lapsed pending lease, and only the booking that holds a cell may confirm or delete it.
 */
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { BookingRecord } from '../../domain/ports';
import { bookingKey, epochSeconds, lockKey, toBookingItem } from './booking-keys';

type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

const HOUR_S = 3_600;
const DAY_S = 86_400;
/** Pending cells linger this long after their lease for diagnosis; takeover never waits for TTL. */
const PENDING_CELL_TTL_SLACK_S = HOUR_S;
/** An abandoned pending booking is garbage-collected a day after its lease; confirm removes this ttl. */
const PENDING_BOOKING_TTL_SLACK_S = DAY_S;
/** Confirmed cells are kept 30 days past the slot's end, then TTL collects them. */
const CONFIRMED_CELL_TTL_S = 30 * DAY_S;

/** Puts of every lock cell plus the pending booking, as one all-or-nothing transaction. */
export function reserveItems(
  table: string,
  booking: BookingRecord,
  cells: number[],
  leaseUntilMs: number,
  nowMs: number,
): TransactItems {
  const { sk: bookingSk } = bookingKey(booking);
  const lockPuts: TransactItems = cells.map((cell) => ({
    Put: {
      TableName: table,
      Item: {
        ...lockKey(booking.managerId, cell),
        type: 'lock',
        managerId: booking.managerId,
        cell,
        bookingId: booking.bookingId,
        bookingSk,
        toolCallId: booking.toolCallId,
        callId: booking.callId,
        status: 'pending',
        leaseUntil: leaseUntilMs,
        ttl: epochSeconds(leaseUntilMs) + PENDING_CELL_TTL_SLACK_S,
      },
      ConditionExpression: 'attribute_not_exists(pk) OR (#status = :pending AND leaseUntil < :now)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pending': 'pending', ':now': nowMs },
      // The holder's ids come back in CancellationReasons, so "slot taken" can say who holds it without a read.
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    },
  }));
  const bookingPut: TransactItems[number] = {
    Put: {
      TableName: table,
      Item: {
        ...toBookingItem({ ...booking, status: 'pending' }),
        ttl: epochSeconds(leaseUntilMs) + PENDING_BOOKING_TTL_SLACK_S,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  };
  return [...lockPuts, bookingPut];
}

/** Marks the booking and each cell it still holds as confirmed; fails if any cell changed hands. */
export function confirmItems(table: string, booking: BookingRecord, cells: number[], eventId: string): TransactItems {
  const cellTtl = epochSeconds(booking.endMs) + CONFIRMED_CELL_TTL_S;
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
        ':ttl': cellTtl,
        ':me': booking.bookingId,
      },
    },
  }));
  const bookingUpdate: TransactItems[number] = {
    Update: {
      TableName: table,
      Key: bookingKey(booking),
      UpdateExpression: 'SET #status = :confirmed, eventId = :eventId REMOVE #ttl',
      // Pending, or already confirmed with this same event (a replayed confirm is a no-op, not an error).
      ConditionExpression: '#status = :pending OR (#status = :confirmed AND eventId = :eventId)',
      ExpressionAttributeNames: { '#status': 'status', '#ttl': 'ttl' },
      ExpressionAttributeValues: { ':confirmed': 'confirmed', ':pending': 'pending', ':eventId': eventId },
    },
  };
  return [...cellUpdates, bookingUpdate];
}

/** Deletes of the cells this pending booking holds and of the pending booking itself. */
export function releaseItems(table: string, booking: BookingRecord, cells: number[]): TransactItems {
  const cellDeletes: TransactItems = cells.map((cell) => ({
    Delete: {
      TableName: table,
      Key: lockKey(booking.managerId, cell),
      ConditionExpression: 'bookingId = :me AND #status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':me': booking.bookingId, ':pending': 'pending' },
    },
  }));
  const bookingDelete: TransactItems[number] = {
    Delete: {
      TableName: table,
      Key: bookingKey(booking),
      ConditionExpression: '#status = :pending',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':pending': 'pending' },
    },
  };
  return [...cellDeletes, bookingDelete];
}
