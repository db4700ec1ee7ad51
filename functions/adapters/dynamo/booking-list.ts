/** Reading a manager's bookings (and holds) by start time. */
import { QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { BUSY_FIELDS, type BookingRecord, type BusyRecord, type SeenEvents } from '../../domain/ports';
import { bookingPk, fromBookingItem } from './booking-keys';
import type { BookingTable } from './booking-table';

/** Items starting in [fromMs, toMs): sort keys start with the fixed-width UTC ISO start, so BETWEEN is a time range. */
export function listByManager(t: BookingTable, managerId: string, fromMs: number, toMs: number) {
  return query(t, managerId, fromMs, toMs);
}

/** What a busy-time read needs of a record (BUSY_FIELDS), as expression attribute names. */
const BUSY_NAMES = Object.fromEntries(BUSY_FIELDS.map((f) => [`#${f}`, f]));

/**
 * The records that can block time, filtered by DynamoDB and projected to BusyRecord's fields: a busy manager's
 * partition is mostly confirmed bookings whose events the calendar read shows, and each item left out is one the SDK
 * need not parse (in the bench, parsing the whole partition was most of a warm get_availability's own CPU time).
 */
export function listBusy(t: BookingTable, managerId: string, fromMs: number, toMs: number, seen: SeenEvents) {
  // IN takes at most 100 operands; a manager has a handful of connections.
  const ids = seen.connectionIds.slice(0, 99);
  const inSeen = `#connectionId IN (${ids.map((_, i) => `:c${i}`).join(', ')})`;
  // Read earlier (a prefetch): a booking made or moved since may be missing from what was read.
  const since = seen.readAtMs === undefined ? '' : ' OR #createdAt >= :since OR #revision > :one';
  const unseen = ids.length ? ` AND (NOT (${inSeen} AND NOT begins_with(#eventId, :own))${since})` : '';
  return query(t, managerId, fromMs, toMs, {
    FilterExpression: `#status = :held OR (#status = :confirmed${unseen})`,
    ProjectionExpression: Object.keys(BUSY_NAMES).join(', '),
    ExpressionAttributeNames: BUSY_NAMES,
    values: {
      ':held': 'held',
      ':confirmed': 'confirmed',
      ...(ids.length ? { ':own': seen.exceptPrefix } : {}),
      ...(ids.length && seen.readAtMs !== undefined
        ? { ':since': new Date(seen.readAtMs).toISOString(), ':one': 1 }
        : {}),
      ...Object.fromEntries(ids.map((id, i) => [`:c${i}`, id])),
    },
  }) as Promise<BusyRecord[]>;
}

type Narrowing = Pick<QueryCommandInput, 'FilterExpression' | 'ProjectionExpression' | 'ExpressionAttributeNames'> & {
  values: Record<string, unknown>;
};

async function query(
  { doc, table }: BookingTable,
  managerId: string,
  fromMs: number,
  toMs: number,
  narrowing?: Narrowing,
): Promise<BookingRecord[]> {
  if (!(fromMs < toMs)) return [];
  const { values, ...narrow } = narrowing ?? { values: {} };
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
          ...values,
        },
        ...narrow,
        ConsistentRead: true,
        ExclusiveStartKey,
      }),
    );
    bookings.push(...(page.Items ?? []).map(fromBookingItem));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return bookings;
}
