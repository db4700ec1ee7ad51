/**
 * The transactions of a move. beginMove takes the new time's cells beside the old ones; completeMove writes the
 * booking at its new key and hands every new cell to it in one step, so no instant has the booking without its slot.
 * The old item is never deleted: it becomes a `moved` tombstone naming the new sort key.
 */
import type { BookingMove, BookingRecord } from '../../domain/ports';
import { bookingKey, bookingSk, lockKey, toBookingItem } from './booking-keys';
import { confirmedCellTtl, takeCell } from './lock-cells';
import { splitCells } from './move-plan';
import type { TransactItems } from './transact';

/** The cell actions come first, in move.cells order; the booking's update is the last action. */
export function beginMoveItems(
  table: string,
  booking: BookingRecord,
  move: BookingMove,
  leaseUntilMs: number,
  nowMs: number,
): TransactItems {
  const added = new Set(splitCells(booking.cells, move.cells).added);
  const owner = {
    booking,
    bookingSk: bookingSk(move.startMs, booking.bookingId),
    toolCallId: move.toolCallId,
    status: 'pending' as const,
    leaseUntilMs,
  };
  // Besides a free cell: this booking's own pending one (a repeat of the move, or an earlier begun move), or one it
  // left under another time (old cells of a move cut off before freeing them); never one it holds now.
  const mine = {
    condition: '(bookingId = :me AND (#status = :pending OR bookingSk <> :sk))',
    values: { ':me': booking.bookingId, ':sk': bookingKey(booking).sk },
  };
  const cells: TransactItems = move.cells.map((cell) =>
    added.has(cell)
      ? takeCell(table, cell, owner, nowMs, mine)
      : {
          ConditionCheck: {
            TableName: table,
            Key: lockKey(booking.managerId, cell),
            ConditionExpression: 'bookingId = :me',
            ExpressionAttributeValues: { ':me': booking.bookingId },
            ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
          },
        },
  );
  const bookingUpdate: TransactItems[number] = {
    Update: {
      TableName: table,
      Key: bookingKey(booking),
      UpdateExpression: 'SET pendingMove = :move',
      // One move at a time: another call's move in flight (its lease still running) makes this one wait its turn.
      ConditionExpression:
        '#status = :confirmed AND (attribute_not_exists(pendingMove) OR pendingMove.leaseUntil < :now ' +
        'OR pendingMove.toolCallId = :tool)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':move': { ...move, leaseUntil: leaseUntilMs },
        ':confirmed': 'confirmed',
        ':now': nowMs,
        ':tool': move.toolCallId,
      },
    },
  };
  return [...cells, bookingUpdate];
}

/**
 * The moved booking at its new key, and the old item turned into its `moved` tombstone (only while it is still
 * confirmed). The new key must be free or hold this booking's own tombstone (a move back to a time it left): the
 * moved record carries the whole history, so nothing the tombstone said is lost.
 */
export function relocateItems(table: string, booking: BookingRecord, moved: BookingRecord): TransactItems {
  const names = { '#status': 'status' };
  return [
    {
      Put: {
        TableName: table,
        Item: toBookingItem(moved),
        ConditionExpression: 'attribute_not_exists(pk) OR (#status = :moved AND bookingId = :me)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':moved': 'moved', ':me': booking.bookingId },
      },
    },
    {
      Update: {
        TableName: table,
        Key: bookingKey(booking),
        UpdateExpression: 'SET #status = :moved, movedTo = :to REMOVE pendingMove',
        ConditionExpression: '#status = :confirmed',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: { ':moved': 'moved', ':to': bookingKey(moved).sk, ':confirmed': 'confirmed' },
      },
    },
  ];
}

/** relocateItems, plus every cell of the new time confirmed for the moved booking (each still this booking's). */
export function completeMoveItems(
  table: string,
  booking: BookingRecord,
  move: BookingMove,
  moved: BookingRecord,
): TransactItems {
  const { added, kept } = splitCells(booking.cells, move.cells);
  const values = { ':me': booking.bookingId, ':sk': bookingKey(moved).sk, ':ttl': confirmedCellTtl(moved.endMs) };
  const eventId = booking.eventId === undefined ? undefined : { ':eventId': booking.eventId };
  const update = (cell: number, expression: string, extra: Record<string, unknown>): TransactItems[number] => ({
    Update: {
      TableName: table,
      Key: lockKey(booking.managerId, cell),
      UpdateExpression: expression,
      ConditionExpression: 'bookingId = :me',
      ExpressionAttributeNames: { '#ttl': 'ttl', ...(extra[':confirmed'] ? { '#status': 'status' } : {}) },
      ExpressionAttributeValues: { ...values, ...extra },
    },
  });
  const confirmNew = `SET #status = :confirmed, bookingSk = :sk, #ttl = :ttl${eventId ? ', eventId = :eventId' : ''}`;
  return [
    ...relocateItems(table, booking, moved),
    ...added.map((cell) => update(cell, `${confirmNew} REMOVE leaseUntil`, { ':confirmed': 'confirmed', ...eventId })),
    ...kept.map((cell) => update(cell, 'SET bookingSk = :sk, #ttl = :ttl', {})),
  ];
}
