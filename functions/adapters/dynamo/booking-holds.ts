/**
 * Holds: a call keeps a slot (a booking item and cells with status held, until holdUntilMs) while the caller decides,
 * then books it (convertHold) or lets it go (releaseHold).
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrencyError, ValidationError } from '../../domain/errors';
import { type BookingLimits, type BookingRecord, SETTLE_MARGIN_MS } from '../../domain/ports';
import { lockKey, toBookingItem, validateCells } from './booking-keys';
import { limitActions, limitReached } from './booking-limits';
import type { BookingTable } from './booking-table';
import { isConditionFailed } from './conditions';
import { leasedCellTtl, pendingBookingTtl } from './lock-cells';
import { freeCells } from './lock-holder';
import { releasedUpdate, reserveItems } from './slot-locks';
import { takeCells } from './slot-taken';
import { failedCondition, type TransactItems, transactWrite } from './transact';

/** Takes every cell for the hold under reserve's conditions. Throws SlotTakenError or ValidationError. */
export async function hold(t: BookingTable, record: BookingRecord, cells: number[], nowMs: number, clockMs: number) {
  validateCells(cells);
  const until = record.holdUntilMs;
  if (until === undefined || !(until > nowMs)) throw new ValidationError('A hold must end after now', 'hold');
  const items = reserveItems(t.table, record, cells, until, nowMs, 'held');
  await takeCells({ ...t, booking: record, cells, nowMs: clockMs }, items);
}

/**
 * The hold's item becomes the pending booking and its cells pending, all or nothing. No lapse check: a hold that
 * lapsed but whose cells nobody took still has them all.
 */
export async function convertHold(
  t: BookingTable,
  booking: BookingRecord,
  cells: number[],
  leaseUntilMs: number,
  nowMs: number,
  limits?: BookingLimits,
): Promise<void> {
  const counted = limitActions(t.table, booking, cells, nowMs, limits);
  if (!(leaseUntilMs > nowMs)) throw new ValidationError('The lease must end after now', 'lease');
  const items = convertHoldItems(t.table, counted.record, cells, leaseUntilMs);
  try {
    await transactWrite(t.doc, { TransactItems: [...items, ...counted.actions] });
  } catch (error) {
    const limit = limitReached(error, items.length, counted.kinds);
    if (limit) throw limit;
    if (failedCondition(error)) throw new ConcurrencyError('The hold no longer has its slot', { cause: error });
    throw error;
  }
}

/** The booking's Put over its own hold (same key) and each cell's hand-over, each conditioned on the hold. */
export function convertHoldItems(table: string, booking: BookingRecord, cells: number[], leaseUntilMs: number) {
  const held = { '#status': 'status' };
  const bookingPut: TransactItems[number] = {
    Put: {
      TableName: table,
      Item: {
        ...toBookingItem({ ...booking, status: 'pending', dueAtMs: leaseUntilMs + SETTLE_MARGIN_MS }),
        ttl: pendingBookingTtl(leaseUntilMs),
      },
      ConditionExpression: '#status = :held AND bookingId = :me',
      ExpressionAttributeNames: held,
      ExpressionAttributeValues: { ':held': 'held', ':me': booking.bookingId },
    },
  };
  // The cells now name the call that booked, so "slot taken" tells a later caller whose booking it is.
  const cellUpdates: TransactItems = cells.map((cell) => ({
    Update: {
      TableName: table,
      Key: lockKey(booking.managerId, cell),
      UpdateExpression: 'SET #status = :pending, leaseUntil = :lease, toolCallId = :tc, #ttl = :ttl',
      ConditionExpression: 'bookingId = :me AND #status = :held',
      ExpressionAttributeNames: { ...held, '#ttl': 'ttl' },
      ExpressionAttributeValues: {
        ':pending': 'pending',
        ':held': 'held',
        ':me': booking.bookingId,
        ':lease': leaseUntilMs,
        ':tc': booking.toolCallId,
        ':ttl': leasedCellTtl(leaseUntilMs),
      },
    },
  }));
  return [bookingPut, ...cellUpdates];
}

/** Marks a held item released (history appended), then frees the cells still held by it; a repeat is a no-op. */
export async function releaseHold(t: BookingTable, record: BookingRecord, cells: number[], at: string) {
  validateCells(cells);
  try {
    // Converted, released already, or unknown: nothing to mark (and never an item created).
    await t.doc.send(new UpdateCommand(releasedUpdate(t.table, record, at, 'held')));
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
  // Always run: a release cut off before its deletes is finished by a repeat; a converted hold's cells are pending.
  await freeCells(t, record, cells, 'bookingId = :me AND #status = :held', { ':held': 'held' });
}
