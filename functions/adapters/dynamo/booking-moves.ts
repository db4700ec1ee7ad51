/**
 * Moving a booking: by the caller (beginMove, then completeMove once the event moved, or abandonMove) or by the owner
 * in their calendar (relocate). The moved booking is a new item at its new key; the old one stays, in the same
 * transaction, as a `moved` tombstone whose movedTo names the new key (nothing is deleted from the bookings).
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrencyError, ValidationError } from '../../domain/errors';
import type { BookingMove, BookingRecord } from '../../domain/ports';
import { bookingKey, fromBookingItem, MAX_MOVE_CELLS, toBookingItem, validateCells } from './booking-keys';
import type { BookingTable } from './booking-table';
import { failedAt, isConditionFailed } from './conditions';
import { freeCells } from './lock-holder';
import { beginMoveItems, completeMoveItems, relocateItems } from './move-items';
import { assertNewStart, movedRecord, type MoveTimes, rescheduled, splitCells, validateMove } from './move-plan';
import { slotTaken } from './slot-taken';
import { failedCondition, type TransactItems, transactWrite } from './transact';

/** Takes the new time's cells the booking lacks and checks the rest; SlotTakenError or ConcurrencyError. */
export async function beginMove(
  t: BookingTable,
  booking: BookingRecord,
  move: BookingMove,
  leaseUntilMs: number,
  nowMs: number,
  clockMs: number,
): Promise<void> {
  validateMove(booking, move);
  if (!(leaseUntilMs > nowMs)) throw new ValidationError('The lease must end after now', 'lease');
  const items = beginMoveItems(t.table, booking, move, leaseUntilMs, nowMs);
  try {
    await transactWrite(t.doc, { TransactItems: items });
  } catch (error) {
    // The booking's own condition first: a booking cancelled or moved meanwhile is stale, whoever has the cells.
    if (failedAt(error, items.length - 1))
      throw new ConcurrencyError('Booking changed since it was read', { cause: error });
    throw (await slotTaken(error, { ...t, booking, cells: move.cells, nowMs: clockMs })) ?? error;
  }
}

/** The booking at the move's time, its new cells confirmed, the old-only ones freed; repeat-safe. */
export async function completeMove(t: BookingTable, booking: BookingRecord, move: BookingMove, at: string) {
  validateMove(booking, move);
  const moved = movedRecord(booking, move, move.cells, rescheduled(booking, move, at, 'caller'));
  const { dropped } = splitCells(booking.cells, move.cells);
  return finishMove(t, booking, moved, completeMoveItems(t.table, booking, move, moved), dropped);
}

/** The booking at the event's new time with no cells, its old cells freed; repeat-safe. */
export async function relocate(t: BookingTable, booking: BookingRecord, to: MoveTimes, at: string) {
  assertNewStart(booking, to.startMs);
  const moved = movedRecord(booking, to, [], rescheduled(booking, to, at, 'owner'));
  return finishMove(t, booking, moved, relocateItems(t.table, booking, moved), booking.cells ?? []);
}

/**
 * Runs a move's transaction, then frees the cells only the old time used (each only while it still names the old
 * item). A transaction refused because it already happened (the moved item is there, live: not a tombstone of an
 * earlier stay) is a repeat: it still frees them and answers with the stored record, so a run cut off after the
 * transaction is completed by the next one.
 */
async function finishMove(
  t: BookingTable,
  booking: BookingRecord,
  moved: BookingRecord,
  items: TransactItems,
  dropped: number[],
): Promise<BookingRecord> {
  let result = fromBookingItem(toBookingItem(moved));
  try {
    await transactWrite(t.doc, { TransactItems: items });
  } catch (error) {
    if (!failedCondition(error)) throw error;
    const { Item } = await t.doc.send(
      new GetCommand({ TableName: t.table, Key: bookingKey(moved), ConsistentRead: true }),
    );
    if (Item?.bookingId !== booking.bookingId || Item?.startMs !== moved.startMs || Item?.status === 'moved') {
      throw new ConcurrencyError('Booking changed since it was read', { cause: error });
    }
    result = fromBookingItem(Item);
  }
  await freeCells(t, booking, dropped, 'bookingId = :me AND bookingSk = :oldSk', { ':oldSk': bookingKey(booking).sk });
  return result;
}

/** Frees the cells a begun move took and forgets the move; the booking keeps its time and cells. */
export async function abandonMove(t: BookingTable, booking: BookingRecord, move: BookingMove): Promise<void> {
  validateCells(move.cells, { max: MAX_MOVE_CELLS });
  const { added } = splitCells(booking.cells, move.cells);
  await freeCells(t, booking, added, 'bookingId = :me AND #status = :pending', { ':pending': 'pending' });
  try {
    await t.doc.send(
      new UpdateCommand({
        TableName: t.table,
        Key: bookingKey(booking),
        UpdateExpression: 'REMOVE pendingMove',
        // Never create an item: an unknown booking has no move to forget (a moved tombstone has none left either).
        ConditionExpression: 'attribute_exists(pk)',
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
}
