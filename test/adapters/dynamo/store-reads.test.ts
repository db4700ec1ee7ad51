/** DynamoBookingStore reads what it decides on strongly consistently, and reads every page (a mocked SDK). */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookingSk, toBookingItem } from '../../../functions/adapters/dynamo/booking-keys';
import { DynamoBookingStore } from '../../../functions/adapters/dynamo/booking-store';
import { booking, cellsOf } from './booking-fixtures';
import { doc, meta, mock } from './mocked-sdk';

const NOW = Date.parse('2030-06-01T12:00:00Z');
const AT = '2030-06-01T12:00:30.000Z';
const b = { ...booking('b-1', '2030-06-02T15:00:00Z', '2030-06-02T15:30:00Z'), status: 'confirmed' as const };
const cells = cellsOf(b.start, b.end);
const [start, end] = ['2030-06-02T17:00:00Z', '2030-06-02T17:30:00Z'];
const to = {
  start,
  end,
  startMs: Date.parse(start),
  endMs: Date.parse(end),
  cells: cellsOf(start, end),
  toolCallId: 'tc-m',
};
const store = () => new DynamoBookingStore(doc, 't', { clock: () => NOW });
const consistency = () => mock.commandCalls(GetCommand).map((c) => c.args[0].input.ConsistentRead);

describe('DynamoBookingStore reads', () => {
  beforeEach(() => {
    mock
      .on(UpdateCommand)
      .resolves({ ...meta })
      .on(DeleteCommand)
      .resolves({ ...meta });
    mock.on(TransactWriteCommand).resolves({ ...meta });
  });
  afterEach(() => mock.reset());

  it('holderOf reads the lock and its booking strongly consistently (a lock just taken is seen)', async () => {
    // Prepare
    const lock = { status: 'confirmed', bookingId: b.bookingId, bookingSk: bookingSk(b.startMs, b.bookingId) };
    mock.on(GetCommand).resolves({ ...meta, Item: lock });
    mock.on(GetCommand, { Key: { pk: `BOOKING#${b.managerId}`, sk: lock.bookingSk } }).resolves({
      ...meta,
      Item: toBookingItem(b),
    });
    // Act
    const holder = await store().holderOf(b.managerId, b.startMs);
    // Assess
    expect(holder).toEqual(b);
    expect(consistency()).toEqual([true, true]);
  });

  it('voidPending and release read whether the booking took a call unit strongly consistently', async () => {
    // Prepare
    mock.on(GetCommand).resolves({ ...meta, Item: { ...toBookingItem(b), status: 'pending' } });
    const entry = { type: 'cancelled' as const, at: AT, reason: 'unconfirmed' };
    // Act
    await store().voidPending(b, cells, { entry, retryAtMs: NOW });
    await store().release(b, cells);
    // Assess
    expect(consistency()).toEqual([true, true]);
  });

  it('a completeMove refused as a repeat reads the moved booking strongly consistently and answers it', async () => {
    // Prepare
    const stored = { ...b, start, end, startMs: to.startMs, endMs: to.endMs, cells: to.cells, revision: 2 };
    const cancelled = { message: 'cancelled', ...meta, CancellationReasons: [{ Code: 'ConditionalCheckFailed' }] };
    mock.on(TransactWriteCommand).rejects(new TransactionCanceledException(cancelled));
    mock.on(GetCommand).resolves({ ...meta, Item: toBookingItem(stored) });
    // Act
    const moved = await store().completeMove({ ...b, cells }, to, AT);
    // Assess
    expect(moved).toEqual(stored);
    expect(consistency()).toEqual([true]);
  });

  it('listByManager reads every page of the partition, each strongly consistently', async () => {
    // Prepare
    const later = { ...b, bookingId: 'b-2' };
    const page2 = { ...meta, Items: [toBookingItem(later)] };
    const page1 = { ...meta, Items: [toBookingItem(b)], LastEvaluatedKey: { pk: 'x' } };
    mock.on(QueryCommand).resolvesOnce(page1).resolves(page2);
    // Act
    const listed = await store().listByManager(b.managerId, b.startMs, b.endMs + 86_400_000);
    // Assess
    expect(listed).toEqual([b, later]);
    const queries = mock.commandCalls(QueryCommand).map((c) => c.args[0].input);
    expect(queries.map((q) => [q.ConsistentRead, q.ExclusiveStartKey])).toEqual([
      [true, undefined],
      [true, { pk: 'x' }],
    ]);
  });
});
