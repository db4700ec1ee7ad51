/** Reading who holds a lock cell, and clearing locks whose booking item is gone. */
import { DeleteCommand, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { BookingRecord } from '../../domain/ports';
import { bookingPk, fromBookingItem, lockKey } from './booking-keys';
import type { BookingTable } from './booking-table';
import { isConditionFailed } from './conditions';

/** The lock on a cell, unless it is absent or its pending lease or hold ended before `nowMs`. */
export async function liveLock(
  { doc, table }: BookingTable,
  managerId: string,
  cell: number,
  nowMs: number,
): Promise<Record<string, unknown> | undefined> {
  const { Item: lock } = await doc.send(
    new GetCommand({ TableName: table, Key: lockKey(managerId, cell), ConsistentRead: true }),
  );
  const leased = lock?.status === 'pending' || lock?.status === 'held';
  return !lock || (leased && (lock.leaseUntil as number) < nowMs) ? undefined : lock;
}

/**
 * The booking holding a cell. A lock whose booking item is missing holds nothing: a confirmed one is an orphan (the
 * old cells of a move cut off before freeing them) and is deleted, if it still names the item it was read with; a
 * live pending one is a begun move's new cell (its item is written by completeMove) and is left alone.
 */
export async function lockHolder(
  { doc, table }: BookingTable,
  managerId: string,
  cell: number,
  nowMs: number,
): Promise<BookingRecord | undefined> {
  const lock = await liveLock({ doc, table }, managerId, cell, nowMs);
  if (!lock) return undefined;
  const { Item } = await doc.send(
    new GetCommand({
      TableName: table,
      Key: { pk: bookingPk(managerId), sk: lock.bookingSk as string },
      ConsistentRead: true,
    }),
  );
  if (Item) return fromBookingItem(Item);
  if (lock.status === 'pending' || lock.status === 'held') return undefined;
  try {
    await doc.send(
      new DeleteCommand({
        TableName: table,
        Key: lockKey(managerId, cell),
        // Status too: a move back to this very time re-takes the cell as pending under the same booking sort key.
        ConditionExpression: 'bookingSk = :sk AND #status = :status',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':sk': lock.bookingSk, ':status': lock.status },
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
  return undefined;
}

/** Deletes each lock `condition` allows (it gets `:me`, the booking id, and `values`); the others stay. */
export async function freeCells(
  { doc, table }: BookingTable,
  booking: Pick<BookingRecord, 'managerId' | 'bookingId'>,
  cells: readonly number[],
  condition: string,
  values: Record<string, unknown> = {},
): Promise<void> {
  const names = condition.includes('#status') ? { ExpressionAttributeNames: { '#status': 'status' } } : {};
  await Promise.all(
    cells.map(async (cell) => {
      try {
        await doc.send(
          new DeleteCommand({
            TableName: table,
            Key: lockKey(booking.managerId, cell),
            ConditionExpression: condition,
            ...names,
            ExpressionAttributeValues: { ':me': booking.bookingId, ...values },
          }),
        );
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
    }),
  );
}
