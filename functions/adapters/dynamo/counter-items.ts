/**
 * Capped counters on the Bookings table (a caller number's bookings of a day, a call's bookings): one unit is taken
 * only while fewer than the cap are counted (the cap is the condition, so parallel takes cannot pass it), and given
 * back never below zero.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { epochSeconds, type ItemKey } from './booking-keys';
import type { BookingTable } from './booking-table';
import { isConditionFailed } from './conditions';

/** The update taking one unit of the counter at `key` while fewer than `cap` are counted; kept until `keptUntilMs`. */
export function takeUnit(table: string, key: ItemKey, cap: number, keptUntilMs: number) {
  return {
    TableName: table,
    Key: key,
    UpdateExpression: 'ADD #count :one SET #ttl = :ttl',
    ConditionExpression: 'attribute_not_exists(#count) OR #count < :cap',
    ExpressionAttributeNames: { '#count': 'count', '#ttl': 'ttl' },
    ExpressionAttributeValues: { ':one': 1, ':cap': cap, ':ttl': epochSeconds(keptUntilMs) },
  };
}

/** Gives one unit back to the counter at `key`; never below zero, and nothing to give back is fine. */
export async function giveUnitBack(t: BookingTable, key: ItemKey): Promise<void> {
  try {
    await t.doc.send(
      new UpdateCommand({
        TableName: t.table,
        Key: key,
        UpdateExpression: 'ADD #count :minusOne',
        ConditionExpression: '#count > :zero',
        ExpressionAttributeNames: { '#count': 'count' },
        ExpressionAttributeValues: { ':minusOne': -1, ':zero': 0 },
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
}
