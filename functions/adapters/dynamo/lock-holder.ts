/** Reading who holds a lock cell, and clearing locks whose booking item is gone or a moved tombstone. */
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
 * The booking holding a cell. A lock whose booking item is missing, or is the `moved` tombstone a move left at its old
 * time, holds nothing: a confirmed one is an orphan (the old cells of a move cut off before freeing them) and is
 * deleted, if it is still the very lock it was read as; a live pending one is a begun move's new cell (its item is
 * written by completeMove, over the booking's own tombstone when it moves back) and is left alone.
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
  if (Item && Item.status !== 'moved') return fromBookingItem(Item);
  if (lock.status === 'pending' || lock.status === 'held') return undefined;
  await deleteOrphan({ doc, table }, managerId, cell, lock);
  return undefined;
}

/**
 * Deletes an orphan lock only while it is unchanged. Status and tool call too: a move back to this very time re-takes
 * the cell (a Put naming that move's tool call, pending, then confirmed) under the same booking sort key.
 */
async function deleteOrphan(t: BookingTable, managerId: string, cell: number, lock: Record<string, unknown>) {
  const tool = typeof lock.toolCallId === 'string';
  const sameTool = tool ? 'toolCallId = :tc' : 'attribute_not_exists(toolCallId)';
  try {
    await t.doc.send(
      new DeleteCommand({
        TableName: t.table,
        Key: lockKey(managerId, cell),
        ConditionExpression: `bookingSk = :sk AND #status = :status AND ${sameTool}`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':sk': lock.bookingSk,
          ':status': lock.status,
          ...(tool ? { ':tc': lock.toolCallId } : {}),
        },
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
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
