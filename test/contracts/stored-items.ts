/** A manager's raw BOOKING# items, read past the BookingStore port: the fake's map, or a Query of the partition. */
import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { bookingPk, bookingSk } from '../../functions/adapters/dynamo/booking-keys';
import type { BookingStore } from '../../functions/domain/ports';
import { MemoryBookingStore } from '../fakes/stores';
import type { StoredBookingItem } from './harness';

const bySk = (a: StoredBookingItem, b: StoredBookingItem) => (a.sk < b.sk ? -1 : a.sk > b.sk ? 1 : 0);

/** The MemoryBookingStore's records of `managerId`, keyed as DynamoDB keys them. */
export async function memoryBookingItems(store: BookingStore, managerId: string): Promise<StoredBookingItem[]> {
  if (!(store instanceof MemoryBookingStore)) throw new Error('memoryBookingItems reads a MemoryBookingStore');
  return [...store.bookings.values()]
    .filter((b) => b.managerId === managerId)
    .map((b) => ({
      sk: bookingSk(b.startMs, b.bookingId),
      bookingId: b.bookingId,
      status: b.status,
      ...(b.movedTo === undefined ? {} : { movedTo: b.movedTo }),
    }))
    .sort(bySk);
}

/** Every item of the manager's BOOKING# partition in the table (a consistent Query, every page). */
export function dynamoBookingItems(doc: DynamoDBDocumentClient, table: string) {
  return async (_store: BookingStore, managerId: string): Promise<StoredBookingItem[]> => {
    const items: StoredBookingItem[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await doc.send(
        new QueryCommand({
          TableName: table,
          KeyConditionExpression: 'pk = :pk',
          ExpressionAttributeValues: { ':pk': bookingPk(managerId) },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      for (const item of page.Items ?? []) {
        const { sk, bookingId, status, movedTo } = item as StoredBookingItem;
        items.push({ sk, bookingId, status, ...(movedTo === undefined ? {} : { movedTo }) });
      }
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items.sort(bySk);
  };
}
