/** DynamoBookingStore moves: the items and cells they leave, the 100-action limit, and a repeat after a cut-off. */
import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { bookingKey, type ItemKey, lockKey } from '../../../functions/adapters/dynamo/booking-keys';
import { DynamoBookingStore } from '../../../functions/adapters/dynamo/booking-store';
import { completeMoveItems, relocateItems } from '../../../functions/adapters/dynamo/move-items';
import { movedRecord, rescheduled } from '../../../functions/adapters/dynamo/move-plan';
import { transactWrite } from '../../../functions/adapters/dynamo/transact';
import { ConcurrencyError } from '../../../functions/domain/errors';
import type { BookingMove, BookingRecord } from '../../../functions/domain/ports';
import { useDynamoTables } from '../../support/dynamo';
import { booking, cellsOf } from './booking-fixtures';
import { recordingClient } from './recording-client';

const NOW = Date.parse('2030-06-01T12:00:00Z');
const LEASE = NOW + 60_000;
const AT = '2030-06-01T12:00:30.000Z';

const moveOf = (b: BookingRecord, startIso: string, endIso: string): BookingMove => ({
  start: startIso,
  end: endIso,
  startMs: Date.parse(startIso),
  endMs: Date.parse(endIso),
  cells: cellsOf(startIso, endIso),
  toolCallId: `tc-move-${b.bookingId}`,
});

describe('DynamoBookingStore moves', () => {
  let doc: DynamoDBDocumentClient;
  let table: string;
  let store: DynamoBookingStore;
  const get = async (Key: ItemKey) =>
    (await doc.send(new GetCommand({ TableName: table, Key, ConsistentRead: true }))).Item;
  const confirmed = async (id: string, startIso: string, endIso: string) => {
    const b = { ...booking(id, startIso, endIso), cells: cellsOf(startIso, endIso) };
    await store.reserve(b, b.cells, LEASE, NOW);
    await store.confirm(b, b.cells, `evt-${id}`);
    return { ...b, status: 'confirmed' as const, eventId: `evt-${id}` };
  };

  beforeAll(async () => {
    ({
      doc,
      tables: { bookings: table },
    } = await useDynamoTables());
    store = new DynamoBookingStore(doc, table, { clock: () => NOW });
  });

  it('beginMove leases the new cells to the move and records it; abandonMove removes both', async () => {
    // Prepare
    const b = await confirmed('b-begin', '2030-06-02T09:00:00Z', '2030-06-02T09:30:00Z');
    const move = moveOf(b, '2030-06-02T09:15:00Z', '2030-06-02T09:45:00Z');
    // Act
    await store.beginMove(b, move, LEASE, NOW);
    const begun = { item: await get(bookingKey(b)), cell: await get(lockKey('m-1', move.cells[1]!)) };
    await store.abandonMove(b, move);
    // Assess
    expect(begun.item?.pendingMove).toEqual({ ...move, leaseUntil: LEASE });
    expect(begun.cell).toMatchObject({ status: 'pending', leaseUntil: LEASE, toolCallId: move.toolCallId });
    expect(begun.cell?.bookingSk).toBe(bookingKey({ ...b, startMs: move.startMs }).sk);
    expect((await get(bookingKey(b)))?.pendingMove).toBeUndefined();
    expect(await get(lockKey('m-1', move.cells[1]!))).toBeUndefined();
    expect(await get(lockKey('m-1', move.cells[0]!))).toMatchObject({ status: 'confirmed', bookingId: b.bookingId });
  });

  it('completeMove: new cells confirmed (event, ttl past the new end, no lease); old item a tombstone', async () => {
    // Prepare
    const b = await confirmed('b-complete', '2030-06-03T09:00:00Z', '2030-06-03T09:30:00Z');
    const move = moveOf(b, '2030-06-03T09:15:00Z', '2030-06-03T09:45:00Z');
    await store.beginMove(b, move, LEASE, NOW);
    // Act
    const moved = await store.completeMove(b, move, AT);
    // Assess
    const ttl = move.endMs / 1000 + 30 * 86_400;
    const sk = bookingKey(moved).sk;
    const added = await get(lockKey('m-1', move.cells[1]!));
    expect(added).toMatchObject({ status: 'confirmed', eventId: b.eventId, bookingSk: sk, ttl });
    expect(added?.leaseUntil).toBeUndefined();
    expect(await get(lockKey('m-1', move.cells[0]!))).toMatchObject({ status: 'confirmed', bookingSk: sk, ttl });
    const tombstone = await get(bookingKey(b));
    expect(tombstone).toMatchObject({ status: 'moved', movedTo: sk, startMs: b.startMs, eventId: b.eventId });
    expect(tombstone?.pendingMove).toBeUndefined();
    const item = await get(bookingKey(moved));
    expect(item).toMatchObject({ status: 'confirmed', revision: 2, cells: move.cells });
    expect(item?.pendingMove).toBeUndefined();
    expect(item?.ttl).toBeUndefined();
  });

  it('completeMove of a booking with no event id confirms the new cells without one', async () => {
    // Prepare: the port's eventId is optional, and the store's conditions do not need it
    const { eventId: _none, ...b } = await confirmed('b-noevent', '2030-06-03T11:00:00Z', '2030-06-03T11:30:00Z');
    const move = moveOf(b, '2030-06-03T11:15:00Z', '2030-06-03T11:45:00Z');
    await store.beginMove(b, move, LEASE, NOW);
    // Act
    const moved = await store.completeMove(b, move, AT);
    // Assess
    const added = await get(lockKey('m-1', move.cells[1]!));
    expect(added).toMatchObject({ status: 'confirmed', bookingSk: bookingKey(moved).sk });
    expect(added).not.toHaveProperty('eventId');
    expect(moved.eventId).toBeUndefined();
  });

  it('a booking of 98 cells moves by one cell (beginMove 99 actions, completeMove 100)', async () => {
    // Prepare
    const b = await confirmed('b-big', '2030-06-04T00:00:00Z', '2030-06-05T00:30:00Z');
    const move = moveOf(b, '2030-06-04T00:15:00Z', '2030-06-05T00:45:00Z');
    // Act
    await store.beginMove(b, move, LEASE, NOW);
    const moved = await store.completeMove(b, move, AT);
    // Assess
    expect([b.cells.length, move.cells.length]).toEqual([98, 98]);
    expect(moved.cells).toEqual(move.cells);
    expect(await get(lockKey('m-1', b.startMs))).toBeUndefined();
    expect((await store.holderOf('m-1', move.cells[97]!))?.startMs).toBe(move.startMs);
  });

  it('a completeMove cut off after its transaction is finished by a repeat: old cells freed, record back', async () => {
    // Prepare: run only the transaction, as a run that died before freeing the old cells
    const b = await confirmed('b-cut', '2030-06-06T09:00:00Z', '2030-06-06T09:30:00Z');
    const move = moveOf(b, '2030-06-06T10:00:00Z', '2030-06-06T10:30:00Z');
    await store.beginMove(b, move, LEASE, NOW);
    const moved = movedRecord(b, move, move.cells, rescheduled(b, move, AT, 'caller'));
    await transactWrite(doc, { TransactItems: completeMoveItems(table, b, move, moved) });
    const leftOver = await get(lockKey('m-1', b.startMs));
    // Act
    const repeat = await store.completeMove(b, move, '2030-06-01T12:09:00.000Z');
    // Assess
    expect(leftOver).toMatchObject({ bookingId: b.bookingId, status: 'confirmed' });
    expect(repeat).toEqual(moved);
    for (const cell of b.cells) expect(await get(lockKey('m-1', cell))).toBeUndefined();
  });

  it('a relocate cut off after its transaction is finished by a repeat', async () => {
    // Prepare
    const b = await confirmed('b-reloc', '2030-06-07T09:00:00Z', '2030-06-07T09:30:00Z');
    const to = { start: '2030-06-07T15:00:00Z', end: '2030-06-07T15:30:00Z' };
    const times = { ...to, startMs: Date.parse(to.start), endMs: Date.parse(to.end) };
    const moved = movedRecord(b, times, [], rescheduled(b, times, AT, 'owner'));
    await transactWrite(doc, { TransactItems: relocateItems(table, b, moved) });
    // Act
    const repeat = await store.relocate(b, times, '2030-06-01T12:09:00.000Z');
    // Assess
    expect(repeat).toEqual(moved);
    for (const cell of b.cells) expect(await get(lockKey('m-1', cell))).toBeUndefined();
  });

  it('holderOf keeps an orphan lock a move back re-took between its read and its delete', async () => {
    // Prepare: the record names only its first cell, so its move leaves 11:15 confirmed under the old key (a tombstone)
    const b = await confirmed('b-orphan', '2030-06-09T11:00:00Z', '2030-06-09T11:30:00Z');
    const away = moveOf(b, '2030-06-09T13:00:00Z', '2030-06-09T13:30:00Z');
    await store.beginMove({ ...b, cells: [b.cells[0]!] }, away, LEASE, NOW);
    const there = await store.completeMove({ ...b, cells: [b.cells[0]!] }, away, AT);
    const back = { ...moveOf(b, b.start, b.end), toolCallId: 'tc-back' };
    let home: BookingRecord | undefined;
    const { client } = recordingClient(doc, async (command) => {
      if (command !== 'DeleteCommand' || home) return;
      await store.beginMove(there, back, LEASE, NOW);
      home = await store.completeMove(there, back, AT);
    });
    const racing = new DynamoBookingStore(client, table, { clock: () => NOW });
    // Act
    const holder = await racing.holderOf('m-1', b.cells[1]!);
    // Assess: the lock now belongs to the booking back home, and stays
    expect(holder).toBeUndefined();
    expect(await get(lockKey('m-1', b.cells[1]!))).toMatchObject({ status: 'confirmed', toolCallId: 'tc-back' });
    expect(await store.holderOf('m-1', b.cells[1]!)).toEqual(home);
    expect(await get(bookingKey(b))).toMatchObject({ status: 'confirmed', revision: 3 });
  });

  it("beginMove of a cancelled booking onto a held cell: ConcurrencyError, the booking's condition wins", async () => {
    // Prepare
    const b = await confirmed('b-both', '2030-06-08T09:00:00Z', '2030-06-08T09:15:00Z');
    await confirmed('b-holder', '2030-06-08T11:00:00Z', '2030-06-08T11:15:00Z');
    await store.retire(b, b.cells);
    // Act
    const refused = store.beginMove(b, moveOf(b, '2030-06-08T11:00:00Z', '2030-06-08T11:15:00Z'), LEASE, NOW);
    // Assess
    await expect(refused).rejects.toBeInstanceOf(ConcurrencyError);
  });
});
