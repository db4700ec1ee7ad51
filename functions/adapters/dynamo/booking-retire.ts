/** Cancelling a confirmed booking and freeing its cells, re-runnable until it is complete. */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { BookingHistoryEntry, BookingRecord } from '../../domain/ports';
import { bookingKey, validateCells } from './booking-keys';
import type { BookingTable } from './booking-table';
import { failedItem, isConditionFailed, rawString } from './conditions';
import { freeCells } from './lock-holder';
import { OFF_DUE_LIST } from './slot-locks';

/**
 * Confirmed → cancelled (with `entry` appended to its history), then frees the cells it still holds. Already
 * cancelled: appends nothing but still frees them (a retire cut off before its deletes is finished by a repeat).
 * Pending (an attempt in flight), held, or gone: leaves everything alone. A relocated booking may hold no cells.
 */
export async function retire(
  t: BookingTable,
  booking: BookingRecord,
  cells: number[],
  entry?: BookingHistoryEntry,
): Promise<void> {
  validateCells(cells, { min: 0 });
  const history = entry ? ', history = list_append(if_not_exists(history, :empty), :entry)' : '';
  try {
    await t.doc.send(
      new UpdateCommand({
        TableName: t.table,
        Key: bookingKey(booking),
        UpdateExpression: `SET #status = :cancelled${history} REMOVE ${OFF_DUE_LIST}`,
        ConditionExpression: '#status = :confirmed',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':cancelled': 'cancelled',
          ':confirmed': 'confirmed',
          ...(entry ? { ':empty': [], ':entry': [entry] } : {}),
        },
        // Tells "cancelled already" from pending or gone without another read.
        ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
    if (rawString(failedItem(error), 'status') !== 'cancelled') return;
  }
  await freeCells(t, booking, cells, 'bookingId = :me');
}
