/** DynamoBookingStore under a mocked SDK: which DynamoDB failures it rethrows as they are, and which it answers. */
import {
  ConditionalCheckFailedException,
  ProvisionedThroughputExceededException,
  TransactionCanceledException,
} from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { bookingSk, callCountKey } from '../../../functions/adapters/dynamo/booking-keys';
import { DynamoBookingStore } from '../../../functions/adapters/dynamo/booking-store';
import type { BookingStore } from '../../../functions/domain/ports';
import { booking, cellsOf } from './booking-fixtures';
import { doc, meta, mock } from './mocked-sdk';

const slow = () => new ProvisionedThroughputExceededException({ message: 'slow down', ...meta });
const conditionFailed = () => new ConditionalCheckFailedException({ message: 'no', ...meta });
/** Every action failed its condition (more reasons than any transaction here has actions). */
const refused = () =>
  new TransactionCanceledException({
    message: 'cancelled',
    ...meta,
    CancellationReasons: Array.from({ length: 100 }, () => ({ Code: 'ConditionalCheckFailed' })),
  });
const conflict = () =>
  new TransactionCanceledException({
    message: 'cancelled',
    ...meta,
    CancellationReasons: [{ Code: 'TransactionConflict' }],
  });

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
const note = { told: 'booked' as const, untilMs: NOW + 60_000, dueAtMs: NOW };
const voidNote = { entry: { type: 'cancelled' as const, at: AT, reason: 'unconfirmed' }, retryAtMs: NOW };
const store = () => new DynamoBookingStore(doc, 't', { clock: () => NOW });

/** Each write the store makes, as a call and the command whose failure it meets. */
const WRITES: [string, 'put' | 'update' | 'delete' | 'transact', (s: BookingStore) => Promise<unknown>][] = [
  ['claimToolCall', 'put', (s) => s.claimToolCall('tc-1', NOW)],
  ['completeToolCall', 'update', (s) => s.completeToolCall('tc-1', { result: 'ok' }, NOW)],
  ['releaseToolCall', 'delete', (s) => s.releaseToolCall('tc-1')],
  ['confirm', 'transact', (s) => s.confirm(b, cells, 'evt-1')],
  ['release', 'transact', (s) => s.release(b, cells)],
  ['retire', 'update', (s) => s.retire(b, cells)],
  ['retire (freeing its cells)', 'delete', (s) => s.retire(b, cells)],
  ['convertHold', 'transact', (s) => s.convertHold(b, cells, NOW + 60_000, NOW)],
  ['releaseHold', 'update', (s) => s.releaseHold(b, cells, AT)],
  ['completeMove', 'transact', (s) => s.completeMove(b, to, AT)],
  ['beginMove', 'transact', (s) => s.beginMove(b, to, NOW + 60_000, NOW)],
  ['abandonMove', 'update', (s) => s.abandonMove({ ...b, cells }, to)],
  ['markUnsettled', 'transact', (s) => s.markUnsettled(b, cells, note)],
  ['voidPending', 'update', (s) => s.voidPending(b, cells, voidNote)],
  ['clearDue', 'update', (s) => s.clearDue(b)],
  ['postponeDue', 'update', (s) => s.postponeDue(b, NOW, NOW + 1)],
];
const COMMANDS = { put: PutCommand, update: UpdateCommand, delete: DeleteCommand, transact: TransactWriteCommand };

/** Every command succeeds (reads find nothing) unless a test says otherwise. */
function allSucceed() {
  mock.on(GetCommand).resolves({ ...meta });
  for (const command of Object.values(COMMANDS)) mock.on(command as typeof PutCommand).resolves({ ...meta });
}

describe('DynamoBookingStore when DynamoDB fails', () => {
  afterEach(() => mock.reset());

  it.each(WRITES)('%s rethrows a throttled %s as it is', async (_name, command, act) => {
    // Prepare
    allSucceed();
    const thrown = slow();
    mock.on(COMMANDS[command] as typeof PutCommand).rejects(thrown);
    // Act
    const failure = await act(store()).catch((e: unknown) => e);
    // Assess
    expect(failure).toBe(thrown);
  });

  it('release rethrows a throttled write of its one-by-one fallback', async () => {
    // Prepare: the transaction was refused, so each item is written on its own
    allSucceed();
    const thrown = slow();
    mock.on(TransactWriteCommand).rejects(refused()).on(DeleteCommand).rejects(thrown);
    // Act
    const failure = await store()
      .release(b, cells)
      .catch((e: unknown) => e);
    // Assess
    expect(failure).toBe(thrown);
  });

  it('holderOf rethrows a throttled delete of an orphan lock', async () => {
    // Prepare: a confirmed lock whose booking item is gone
    allSucceed();
    const thrown = slow();
    const lock = { status: 'confirmed', bookingId: b.bookingId, bookingSk: bookingSk(b.startMs, b.bookingId) };
    mock
      .on(GetCommand, { Key: { pk: `LOCK#${b.managerId}#${b.startMs}`, sk: 'LOCK' } })
      .resolves({ ...meta, Item: lock });
    mock.on(DeleteCommand).rejects(thrown);
    // Act
    const failure = await store()
      .holderOf(b.managerId, b.startMs)
      .catch((e: unknown) => e);
    // Assess
    expect(failure).toBe(thrown);
  });

  it('clearDue and abandonMove of a record that is not there (a failed condition) do nothing and resolve', async () => {
    // Prepare
    allSucceed();
    mock.on(UpdateCommand).rejects(conditionFailed());
    // Act
    const outcomes = [await store().clearDue(b), await store().abandonMove({ ...b, cells }, to)];
    // Assess
    expect(outcomes).toEqual([undefined, undefined]);
  });

  it.each([
    ['markUnsettled', 'The booking is no longer pending', (s: BookingStore) => s.markUnsettled(b, cells, note)],
    ['convertHold', 'The hold no longer has its slot', (s: BookingStore) => s.convertHold(b, cells, NOW + 1, NOW)],
    ['confirm', 'Booking no longer holds its slot', (s: BookingStore) => s.confirm(b, cells, 'evt-1')],
    ['beginMove', 'Booking changed since it was read', (s: BookingStore) => s.beginMove(b, to, NOW + 1, NOW)],
  ])('%s refused by a condition: ConcurrencyError "%s", caused by the cancellation', async (_n, message, act) => {
    // Prepare
    allSucceed();
    const thrown = refused();
    mock.on(TransactWriteCommand).rejects(thrown);
    // Act
    const failure = await act(store()).catch((e: unknown) => e);
    // Assess
    expect(failure).toMatchObject({ name: 'ConcurrencyError', message, cause: thrown });
  });

  it('voidPending of a booking no longer voidable: ConcurrencyError caused by the failed condition', async () => {
    // Prepare
    allSucceed();
    const thrown = conditionFailed();
    mock.on(UpdateCommand).rejects(thrown);
    // Act
    const failure = await store()
      .voidPending(b, cells, voidNote)
      .catch((e: unknown) => e);
    // Assess
    expect(failure).toMatchObject({ name: 'ConcurrencyError', message: 'The booking is no longer voidable' });
    expect((failure as Error).cause).toBe(thrown);
  });

  it('completeMove refused where a moved tombstone of the booking lies: ConcurrencyError, not a repeat', async () => {
    // Prepare: the booking went to the new time once, then moved on, leaving a tombstone there
    allSucceed();
    const thrown = refused();
    const tombstone = { ...b, start, end, startMs: to.startMs, endMs: to.endMs, status: 'moved' };
    mock
      .on(TransactWriteCommand)
      .rejects(thrown)
      .on(GetCommand)
      .resolves({ ...meta, Item: tombstone });
    // Act
    const failure = await store()
      .completeMove(b, to, AT)
      .catch((e: unknown) => e);
    // Assess
    expect(failure).toMatchObject({ name: 'ConcurrencyError', message: 'Booking changed since it was read' });
    expect((failure as Error).cause).toBe(thrown);
    expect(mock.commandCalls(DeleteCommand)).toHaveLength(0);
  });

  it('beginMove clashing past its retries with a cell held by another booking: SlotTakenError naming it', async () => {
    // Prepare
    allSucceed();
    const lock = { status: 'confirmed', bookingId: 'b-other', toolCallId: 'tc-other', callId: 'call-other' };
    mock.on(TransactWriteCommand).rejects(conflict());
    mock
      .on(GetCommand, { Key: { pk: `LOCK#${b.managerId}#${to.startMs}`, sk: 'LOCK' } })
      .resolves({ ...meta, Item: lock });
    // Act
    const failure = await store()
      .beginMove(b, to, NOW + 1, NOW)
      .catch((e: unknown) => e);
    // Assess
    expect(failure).toMatchObject({ name: 'SlotTakenError', holderToolCallId: 'tc-other', holderCell: to.startMs });
  });

  it.each([
    ['the booking was released but a cell was taken over: the unit goes back', 'delete', 1],
    ['the booking was released already, a cell of it left: no unit goes back again', 'update', 0],
  ])('release one by one, %s', async (_name, failing, units) => {
    // Prepare: a counted booking whose transaction was refused
    allSucceed();
    mock.on(GetCommand).resolves({ ...meta, Item: { ...b, status: 'pending', countedInCall: true } });
    mock.on(TransactWriteCommand).rejects(refused());
    mock.on(COMMANDS[failing as keyof typeof COMMANDS] as typeof PutCommand).rejects(conditionFailed());
    mock.on(UpdateCommand, { Key: callCountKey(b.callId!) }).resolves({ ...meta });
    // Act
    await store().release({ ...b, status: 'pending' }, cells);
    // Assess
    const given = mock
      .commandCalls(UpdateCommand)
      .filter((c) => c.args[0].input.Key?.pk === callCountKey(b.callId!).pk);
    expect(given).toHaveLength(units);
  });
});
