/** Reading a manager's bookings (and holds) by start time. */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { BookingRecord } from '../../domain/ports';
import { bookingPk, fromBookingItem } from './booking-keys';
import type { BookingTable } from './booking-table';

/** Items starting in [fromMs, toMs): sort keys start with the fixed-width UTC ISO start, so BETWEEN is a time range. */
export async function listByManager(
  { doc, table }: BookingTable,
  managerId: string,
  fromMs: number,
  toMs: number,
): Promise<BookingRecord[]> {
  if (!(fromMs < toMs)) return [];
  const bookings: BookingRecord[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await doc.send(
      new QueryCommand({
        TableName: table,
        // Upper bound is the bare ISO of toMs: "<iso(toMs)>#id" sorts after it, which makes the range half-open.
        KeyConditionExpression: 'pk = :pk AND sk BETWEEN :from AND :to',
        ExpressionAttributeValues: {
          ':pk': bookingPk(managerId),
          ':from': new Date(fromMs).toISOString(),
          ':to': new Date(toMs).toISOString(),
        },
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    bookings.push(...(page.Items ?? []).map(fromBookingItem));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return bookings;
}
