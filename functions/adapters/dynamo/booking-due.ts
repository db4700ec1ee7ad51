/**
 * The keeper's due-list (the sparse BOOKINGS_DUE_INDEX): reading what is due, and the writes that settle a pending
 * booking the caller was answered about before its confirm (markUnsettled, voidPending, clearDue, postponeDue).
 */
import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { BOOKINGS_DUE_INDEX } from '../../contract/tables';
import { ConcurrencyError } from '../../domain/errors';
import type { BookingRecord, UnsettledNote, VoidNote } from '../../domain/ports';
import { bookingKey, DUE_SHARD, fromBookingItem, lockKey } from './booking-keys';
import type { BookingTable } from './booking-table';
import { giveCallCount } from './call-count';
import { isConditionFailed } from './conditions';
import { leasedCellTtl, pendingBookingTtl } from './lock-cells';
import { freeCells } from './lock-holder';
import { OFF_DUE_LIST } from './slot-locks';
import { failedCondition, transactWrite } from './transact';

/** One Query of the due partition, oldest first (eventually consistent, as every GSI read). */
export async function listDue({ doc, table }: BookingTable, untilMs: number, limit: number): Promise<BookingRecord[]> {
  if (!(limit > 0)) return [];
  const { Items } = await doc.send(
    new QueryCommand({
      TableName: table,
      IndexName: BOOKINGS_DUE_INDEX.name,
      KeyConditionExpression: 'dueShard = :shard AND dueAtMs <= :until',
      ExpressionAttributeValues: { ':shard': DUE_SHARD, ':until': untilMs },
      ScanIndexForward: true,
      Limit: limit,
    }),
  );
  return (Items ?? []).map((item) => ({ ...fromBookingItem(item), dueAtMs: item.dueAtMs as number }));
}

/** Records what the caller was told, keeps the booking's cells leased until note.untilMs, due at note.dueAtMs. */
export async function markUnsettled(t: BookingTable, booking: BookingRecord, cells: number[], note: UnsettledNote) {
  const mine = { ':me': booking.bookingId, ':pending': 'pending' };
  const names = { '#status': 'status', '#ttl': 'ttl' };
  const eventId = note.eventId === undefined ? '' : ', eventId = :eventId';
  try {
    await transactWrite(t.doc, {
      TransactItems: [
        {
          Update: {
            TableName: t.table,
            Key: bookingKey(booking),
            UpdateExpression: `SET told = :told, dueAtMs = :due, dueShard = :shard, #ttl = :ttl${eventId}`,
            ConditionExpression: '#status = :pending AND bookingId = :me',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: {
              ...mine,
              ':told': note.told,
              ':due': note.dueAtMs,
              ':shard': DUE_SHARD,
              ':ttl': pendingBookingTtl(note.untilMs),
              ...(note.eventId === undefined ? {} : { ':eventId': note.eventId }),
            },
          },
        },
        ...cells.map((cell) => ({
          Update: {
            TableName: t.table,
            Key: lockKey(booking.managerId, cell),
            UpdateExpression: 'SET leaseUntil = :until, #ttl = :ttl',
            ConditionExpression: 'bookingId = :me AND #status = :pending',
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: { ...mine, ':until': note.untilMs, ':ttl': leasedCellTtl(note.untilMs) },
          },
        })),
      ],
    });
  } catch (error) {
    if (failedCondition(error)) throw new ConcurrencyError('The booking is no longer pending', { cause: error });
    throw error;
  }
}

/**
 * Pending → cancelled (the record first: from then on no repeat can confirm it), then its cells and its call's unit.
 * A run cut off after the first step leaves the cells to their lease and the unit counted (the safe side).
 */
export async function voidPending(t: BookingTable, booking: BookingRecord, cells: number[], note: VoidNote) {
  const { Item } = await t.doc.send(
    new GetCommand({ TableName: t.table, Key: bookingKey(booking), ConsistentRead: true }),
  );
  const eventId = note.eventId === undefined ? '' : ', eventId = :eventId';
  try {
    await t.doc.send(
      new UpdateCommand({
        TableName: t.table,
        Key: bookingKey(booking),
        UpdateExpression:
          `SET #status = :cancelled, history = list_append(if_not_exists(history, :empty), :entry), ` +
          `dueAtMs = :retry, dueShard = :shard${eventId} REMOVE told`,
        // A caller who heard "booked" keeps the event: such a record is confirmed, never voided.
        ConditionExpression:
          '#status = :pending AND bookingId = :me AND (attribute_not_exists(told) OR told <> :booked)',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':booked': 'booked',
          ':cancelled': 'cancelled',
          ':pending': 'pending',
          ':me': booking.bookingId,
          ':empty': [],
          ':entry': [note.entry],
          ':retry': note.retryAtMs,
          ':shard': DUE_SHARD,
          ...(note.eventId === undefined ? {} : { ':eventId': note.eventId }),
        },
      }),
    );
  } catch (error) {
    if (isConditionFailed(error)) throw new ConcurrencyError('The booking is no longer voidable', { cause: error });
    throw error;
  }
  await freeCells(t, booking, cells, 'bookingId = :me AND #status = :pending', { ':pending': 'pending' });
  if (Item?.countedInCall === true) await giveCallCount(t, booking);
}

/** Off the due-list, unless it is pending or held (those leave it with their own settling write). */
export async function clearDue(t: BookingTable, booking: BookingRecord): Promise<void> {
  try {
    await t.doc.send(
      new UpdateCommand({
        TableName: t.table,
        Key: bookingKey(booking),
        UpdateExpression: `REMOVE ${OFF_DUE_LIST}`,
        ConditionExpression: 'attribute_exists(pk) AND NOT (#status IN (:pending, :held))',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'pending', ':held': 'held' },
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
}

/** Due at `toMs` instead of `fromMs`, only if it is still due at `fromMs` (a settle may have ended or moved it). */
export async function postponeDue(t: BookingTable, booking: BookingRecord, fromMs: number, toMs: number) {
  try {
    await t.doc.send(
      new UpdateCommand({
        TableName: t.table,
        Key: bookingKey(booking),
        UpdateExpression: 'SET dueAtMs = :to',
        ConditionExpression: 'attribute_exists(dueShard) AND dueAtMs = :from',
        ExpressionAttributeValues: { ':from': fromMs, ':to': toMs },
      }),
    );
  } catch (error) {
    if (!isConditionFailed(error)) throw error;
  }
}
