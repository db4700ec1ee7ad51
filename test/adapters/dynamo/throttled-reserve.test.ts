/**
 * A throttled or contended reservation is our problem, not "someone booked it": DynamoBookingStore.reserve must not
 * turn it into SlotTakenError, and set_appointment must offer a call back instead of "taken". DynamoDB Local never
 * throttles, so the SDK is mocked (aws-sdk-client-mock) under the real store.
 */
import {
  ProvisionedThroughputExceededException,
  ThrottlingException,
  TransactionCanceledException,
  type CancellationReason,
} from '@aws-sdk/client-dynamodb';
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { bookingSk, lockKey, toolCallKey } from '../../../functions/adapters/dynamo/booking-keys';
import { DynamoBookingStore } from '../../../functions/adapters/dynamo/booking-store';
import { SlotTakenError } from '../../../functions/domain/errors';
import { setAppointment } from '../../../functions/domain/scheduling/booking-tool';
import { readBookingDefaults } from '../../../functions/runtime/config';
import { FakeCalendar } from '../../fakes/calendar';
import { fakeConnection, managerRecord } from '../../fakes/manager';
import { MemoryConnectionStore, MemorySettingsStore } from '../../fakes/stores';
import { booking, cellsOf } from './booking-fixtures';
import { doc, meta, mock } from './mocked-sdk';

const cancelledBy = (CancellationReasons: CancellationReason[]) =>
  new TransactionCanceledException({ message: 'cancelled', ...meta, CancellationReasons });
const cancelled = (...codes: string[]) => cancelledBy(codes.map((Code) => ({ Code })));
const throttled = { message: 'slow down', ...meta };

/** What DynamoDB says when it will not take the write right now (none of it means "the slot is held"). */
const THROTTLED: [string, () => Error][] = [
  ['ProvisionedThroughputExceededException', () => new ProvisionedThroughputExceededException(throttled)],
  ['ThrottlingException', () => new ThrottlingException(throttled)],
  ['a transaction cancelled by ThrottlingError', () => cancelled('ThrottlingError', 'None')],
  [
    'a transaction cancelled by ThrottlingError and TransactionConflict',
    () => cancelled('ThrottlingError', 'TransactionConflict'),
  ],
  ['a transaction still in TransactionConflict after its retries', () => cancelled('TransactionConflict', 'None')],
];

const NOW = Date.parse('2026-11-23T14:00:00Z'); // Monday 09:00 in New York
const b = booking('b-throttled', '2030-06-02T15:00:00Z', '2030-06-02T15:30:00Z');

describe('DynamoBookingStore.reserve when DynamoDB throttles', () => {
  afterEach(() => mock.reset());

  it.each(THROTTLED)('%s is rethrown as it is, never as SlotTakenError', async (_name, error) => {
    // Prepare
    const thrown = error();
    mock.on(TransactWriteCommand).rejects(thrown);
    // After a clash the store looks for the race's winner: here nobody holds any cell.
    mock.on(GetCommand).resolves({ ...meta });
    const store = new DynamoBookingStore(doc, 't');
    // Act
    const failure = await store.reserve(b, cellsOf(b.start, b.end), NOW + 60_000, NOW).catch((e: unknown) => e);
    // Assess
    expect(failure).not.toBeInstanceOf(SlotTakenError);
    expect(failure).toBe(thrown);
  });

  it('a clash past the retries, with a booking now holding a cell, is SlotTakenError naming the winner', async () => {
    // Prepare
    const winner = {
      ...booking('b-winner', b.start, b.end),
      toolCallId: 'tc-winner',
      callId: 'call-winner',
      status: 'confirmed' as const,
    };
    mock.on(TransactWriteCommand).rejects(cancelled('TransactionConflict', 'None'));
    mock.on(GetCommand).resolves({ ...meta });
    // The winner is named from its lock, as CancellationReasons would name it: no read of its booking item.
    const { bookingId, toolCallId, callId } = winner;
    const lock = {
      status: 'confirmed',
      bookingSk: bookingSk(winner.startMs, bookingId),
      bookingId,
      toolCallId,
      callId,
    };
    mock.on(GetCommand, { Key: lockKey(b.managerId, b.startMs) }).resolves({ ...meta, Item: lock });
    const store = new DynamoBookingStore(doc, 't');
    // Act
    const failure = await store.reserve(b, cellsOf(b.start, b.end), NOW + 60_000, NOW).catch((e: unknown) => e);
    // Assess
    expect(failure).toBeInstanceOf(SlotTakenError);
    expect(failure).toMatchObject({
      holderToolCallId: 'tc-winner',
      holderCallId: 'call-winner',
      holderCell: b.startMs,
    });
  });

  it('a held cell (ConditionalCheckFailed with the holder item) still is SlotTakenError, naming it', async () => {
    // Prepare
    const item = { toolCallId: { S: 'tc-holder' }, callId: { S: 'call-holder' }, cell: { N: String(b.startMs) } };
    const reasons = [{ Code: 'ConditionalCheckFailed', Item: item }, { Code: 'None' }];
    mock.on(TransactWriteCommand).rejects(cancelledBy(reasons));
    const store = new DynamoBookingStore(doc, 't');
    // Act
    const failure = await store.reserve(b, [b.startMs], NOW + 60_000, NOW).catch((e: unknown) => e);
    // Assess
    expect(failure).toBeInstanceOf(SlotTakenError);
    const holder = { holderToolCallId: 'tc-holder', holderCallId: 'call-holder', holderCell: b.startMs };
    expect(failure).toMatchObject({ ...holder, message: 'Slot already taken' });
  });

  it('the holder is the first failed action that returned an item, whatever fails or passes before it', async () => {
    // Prepare: the booking's own put failed without an item; the second cell's lock came back
    const item = { toolCallId: { S: 'tc-holder' }, callId: { S: 'call-holder' }, cell: { N: String(b.startMs + 1) } };
    const reasons = [
      { Code: 'None' },
      { Code: 'ConditionalCheckFailed' },
      { Code: 'ConditionalCheckFailed', Item: item },
    ];
    mock.on(TransactWriteCommand).rejects(cancelledBy(reasons));
    const store = new DynamoBookingStore(doc, 't');
    // Act
    const failure = await store.reserve(b, [b.startMs, b.startMs + 1], NOW + 60_000, NOW).catch((e: unknown) => e);
    // Assess
    expect(failure).toMatchObject({
      holderToolCallId: 'tc-holder',
      holderCallId: 'call-holder',
      holderCell: b.startMs + 1,
    });
  });

  it('a failed cell that came back without its cell number is still taken, naming its holder', async () => {
    // Prepare
    const item = { toolCallId: { S: 'tc-holder' } };
    mock.on(TransactWriteCommand).rejects(cancelledBy([{ Code: 'ConditionalCheckFailed', Item: item }]));
    const store = new DynamoBookingStore(doc, 't');
    // Act
    const failure = await store.reserve(b, [b.startMs], NOW + 60_000, NOW).catch((e: unknown) => e);
    // Assess
    expect(failure).toBeInstanceOf(SlotTakenError);
    expect(failure).toMatchObject({ holderToolCallId: 'tc-holder' });
    expect((failure as SlotTakenError).holderCell).toBeUndefined();
  });

  it('a clash past the retries against our own lock, or a throttle beside a held cell: rethrown', async () => {
    // Prepare: the cell is locked, by this very booking (an earlier attempt), then by another one
    const clash = cancelled('TransactionConflict', 'None');
    const slowDown = new ThrottlingException(throttled);
    const lockOf = (bookingId: string) => ({ status: 'confirmed', bookingId, toolCallId: 'tc-x', callId: 'call-x' });
    mock.on(GetCommand).resolves({ ...meta, Item: lockOf(b.bookingId) });
    mock.on(TransactWriteCommand).rejects(clash);
    const store = new DynamoBookingStore(doc, 't');
    // Act
    const own = await store.reserve(b, [b.startMs], NOW + 60_000, NOW).catch((e: unknown) => e);
    mock.on(GetCommand).resolves({ ...meta, Item: lockOf('b-other') });
    mock.on(TransactWriteCommand).rejects(slowDown);
    const throttledBeside = await store.reserve(b, [b.startMs], NOW + 60_000, NOW).catch((e: unknown) => e);
    // Assess
    expect(own).toBe(clash);
    expect(throttledBeside).toBe(slowDown);
  });
});

describe('set_appointment when DynamoDB throttles the reservation', () => {
  let calendar: FakeCalendar;
  let connections: MemoryConnectionStore;

  beforeEach(async () => {
    calendar = new FakeCalendar();
    connections = new MemoryConnectionStore();
    await connections.save(managerRecord('mgr', [fakeConnection()]), undefined);
    // Everything but the reservation works: the claim, the call-limit query, reads, the release of the claim.
    mock.on(PutCommand).resolves({}).on(QueryCommand).resolves({ Items: [] }).on(GetCommand).resolves({});
    mock.on(UpdateCommand).resolves({}).on(DeleteCommand).resolves({});
  });
  afterEach(() => mock.reset());

  it.each(THROTTLED)('%s: the caller hears a call-back offer, not "taken"; it may run again', async (_n, error) => {
    // Prepare
    mock.on(TransactWriteCommand).rejects(error());
    const deps = {
      connections,
      settings: new MemorySettingsStore(),
      bookings: new DynamoBookingStore(doc, 't'),
      calendars: calendar,
      defaults: readBookingDefaults({}),
      clock: () => NOW,
      routing: { defaultManagerId: 'mgr', routes: {} },
      sleep: async () => undefined,
    };
    const call = { toolCallId: 'tc-1', context: { callId: 'call-1', customerNumber: '+15551234567' } };
    // Act
    const args = { start_time: '2026-11-24T14:00', attendee_name: 'Jane Doe' };
    const outcome = await setAppointment(args, call, deps, { at: NOW + 10_000 });
    // Assess
    expect(outcome).toEqual({ error: expect.stringMatching(/call you back|not responding|isn't responding/) });
    expect(JSON.stringify(outcome)).not.toMatch(/taken|just booked/i);
    expect(calendar.created).toHaveLength(0);
    const released = mock.commandCalls(DeleteCommand).map((c) => c.args[0].input.Key);
    expect(released).toContainEqual(toolCallKey('call-1/tc-1'));
  });
});
