/** DynamoBookingStore holds, retire's history and the caller counters: the items they write and their ttl. */
import { GetCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bookingKey,
  type ItemKey,
  lockKey,
  quotaKey,
  wrongCodesKey,
} from '../../../functions/adapters/dynamo/booking-keys';
import { DynamoBookingStore } from '../../../functions/adapters/dynamo/booking-store';
import { ValidationError } from '../../../functions/domain/errors';
import { useDynamoTables } from '../../support/dynamo';
import { booking, cellsOf } from './booking-fixtures';
import { recordingClient } from './recording-client';

const NOW = Date.parse('2030-06-01T12:00:00Z');
const HOLD_UNTIL = NOW + 30_000;
const LEASE = NOW + 60_000;
const DAY_S = 86_400;

describe('DynamoBookingStore holds, retire history and counters', () => {
  let doc: DynamoDBDocumentClient;
  let table: string;
  let store: DynamoBookingStore;
  const get = async (Key: ItemKey) =>
    (await doc.send(new GetCommand({ TableName: table, Key, ConsistentRead: true }))).Item;
  const held = (id: string, startIso: string, endIso: string) => {
    const cells = cellsOf(startIso, endIso);
    return {
      hold: { ...booking(id, startIso, endIso), status: 'held' as const, holdUntilMs: HOLD_UNTIL, cells },
      cells,
    };
  };

  beforeAll(async () => {
    ({
      doc,
      tables: { bookings: table },
    } = await useDynamoTables());
    store = new DynamoBookingStore(doc, table, { clock: () => NOW });
  });

  it('hold writes cells held until the hold ends and an item collected a day after it', async () => {
    // Prepare
    const { hold, cells } = held('h-items', '2030-06-02T09:00:00Z', '2030-06-02T09:30:00Z');
    // Act
    await store.hold(hold, cells, NOW);
    // Assess
    const cell = await get(lockKey('m-1', cells[0]!));
    expect(cell).toMatchObject({
      status: 'held',
      leaseUntil: HOLD_UNTIL,
      bookingId: hold.bookingId,
      ttl: 0 + cell?.ttl,
    });
    expect(cell?.ttl).toBe(HOLD_UNTIL / 1000 + 3_600);
    expect(await get(bookingKey(hold))).toMatchObject({ status: 'held', ttl: HOLD_UNTIL / 1000 + DAY_S });
  });

  it('convertHold: the item becomes pending with the lease, cells name the booking call', async () => {
    // Prepare
    const { hold, cells } = held('h-convert', '2030-06-03T09:00:00Z', '2030-06-03T09:30:00Z');
    await store.hold(hold, cells, NOW);
    // Act
    await store.convertHold({ ...hold, status: 'pending', toolCallId: 'tc-book' }, cells, LEASE, NOW);
    // Assess
    const cell = await get(lockKey('m-1', cells[1]!));
    expect(cell).toMatchObject({
      status: 'pending',
      leaseUntil: LEASE,
      toolCallId: 'tc-book',
      ttl: LEASE / 1000 + 3_600,
    });
    expect(await get(bookingKey(hold))).toMatchObject({ status: 'pending', ttl: LEASE / 1000 + DAY_S });
  });

  it('a releaseHold cut off after marking the item is finished by a repeat', async () => {
    // Prepare: the item is marked released, its cells are still held
    const { hold, cells } = held('h-cut', '2030-06-04T09:00:00Z', '2030-06-04T09:30:00Z');
    await store.hold(hold, cells, NOW);
    await doc.send(
      new UpdateCommand({
        TableName: table,
        Key: bookingKey(hold),
        UpdateExpression: 'SET #status = :released',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':released': 'released' },
      }),
    );
    // Act
    await store.releaseHold(hold, cells, '2030-06-01T12:00:10.000Z');
    // Assess
    for (const cell of cells) expect(await get(lockKey('m-1', cell))).toBeUndefined();
    expect((await get(bookingKey(hold)))?.history).toBeUndefined();
  });

  it('retire tells confirmed from cancelled from the failed update itself: no read of the item', async () => {
    // Prepare
    const b = { ...booking('r-once', '2030-06-05T09:00:00Z', '2030-06-05T09:30:00Z') };
    const cells = cellsOf(b.start, b.end);
    await store.reserve(b, cells, LEASE, NOW);
    await store.confirm(b, cells, 'evt-r');
    await store.retire(b, cells);
    const { client, commands } = recordingClient(doc);
    // Act
    await new DynamoBookingStore(client, table).retire(b, cells, { type: 'cancelled', at: '2030-06-01T12:01:00Z' });
    // Assess
    expect(commands).toEqual(['UpdateCommand', 'DeleteCommand', 'DeleteCommand']);
    expect((await get(bookingKey(b)))?.history).toBeUndefined();
  });

  it('quota and wrong-code items expire by ttl (2 days, 1 day); quota key parts may not hold #', async () => {
    // Prepare
    const key = quotaKey('m-1', 'digest', '2030-06-01');
    // Act
    await store.takeCallerQuota('m-1', 'digest', '2030-06-01', 3, NOW);
    await store.addWrongCode('call-ttl', NOW);
    const bad = await store.takeCallerQuota('m-1', 'dig#est', '2030-06-01', 3, NOW).catch((e: unknown) => e);
    // Assess
    expect(await get(key)).toMatchObject({ count: 1, ttl: NOW / 1000 + 2 * DAY_S });
    expect(await get(wrongCodesKey('call-ttl'))).toMatchObject({ attempts: 1, ttl: NOW / 1000 + DAY_S });
    expect(bad).toBeInstanceOf(ValidationError);
  });
});
