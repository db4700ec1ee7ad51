/** Ending a pending booking: confirmed once its event exists, or released when it will not be made. */
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConcurrencyError } from '../../domain/errors';
import type { BookingRecord } from '../../domain/ports';
import { bookingKey, MAX_CELLS, validateCells } from './booking-keys';
import { giveCallCount } from './call-count';
import type { BookingTable } from './booking-table';
import { cancellationReasons, isConditionFailed } from './conditions';
import { confirmItems, releaseItems } from './slot-locks';
import { failedCondition, type TransactItems, transactWrite } from './transact';

/**
 * Confirms the booking and its cells, with `also` (the tool call's answer) in the same transaction. Throws
 * ConcurrencyError if a cell no longer belongs to this booking.
 */
export async function confirm(
  t: BookingTable,
  booking: BookingRecord,
  cells: number[],
  eventId: string,
  also?: TransactItems[number],
) {
  validateCells(cells, { max: also ? MAX_CELLS - 1 : MAX_CELLS });
  const items = confirmItems(t.table, booking, cells, eventId);
  try {
    await transactWrite(t.doc, { TransactItems: also ? [...items, also] : items });
  } catch (error) {
    if (cancellationReasons(error)) throw new ConcurrencyError('Booking no longer holds its slot', { cause: error });
    throw error;
  }
}

/**
 * Marks this pending booking released and deletes the cells it still holds; cells taken over by others and bookings
 * no longer pending (confirmed, or released already) stay as they are.
 */
export async function release(t: BookingTable, booking: BookingRecord, cells: number[], at: string) {
  validateCells(cells);
  // Whether it took a unit of its call's count: only the write that ends it pending gives the unit back.
  const { Item } = await t.doc.send(
    new GetCommand({ TableName: t.table, Key: bookingKey(booking), ConsistentRead: true }),
  );
  const counted = Item?.countedInCall === true;
  const items = releaseItems(t.table, booking, cells, at);
  let released = true;
  try {
    await transactWrite(t.doc, { TransactItems: items });
  } catch (error) {
    if (!failedCondition(error)) throw error;
    // Some item is no longer ours (or already released): still do the rest, one conditional write each.
    released = false;
    await Promise.all(
      items.map(async ({ Delete, Update }) => {
        try {
          await t.doc.send(Delete ? new DeleteCommand(Delete) : new UpdateCommand(Update!));
          if (Update) released = true;
        } catch (inner) {
          if (!isConditionFailed(inner)) throw inner;
        }
      }),
    );
  }
  if (released && counted) await giveCallCount(t, booking);
}
