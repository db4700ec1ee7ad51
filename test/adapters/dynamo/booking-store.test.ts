import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { bookingKey, type ItemKey, lockKey } from '../../../functions/adapters/dynamo/booking-keys';
import { DynamoBookingStore } from '../../../functions/adapters/dynamo/booking-store';
import { ConcurrencyError, SlotTakenError, ValidationError } from '../../../functions/domain/errors';
import { useDynamoTables } from '../../support/dynamo';
import { SETTLE_MARGIN_MS } from '../../../functions/domain/ports';
import { booking, cellsOf, CELL_MS } from './booking-fixtures';

const NOW = Date.parse('2030-06-01T12:00:00Z');
const LEASE = NOW + 60_000;

describe('DynamoBookingStore slot locks', () => {
  let doc: DynamoDBDocumentClient;
  let table: string;
  let store: DynamoBookingStore;
  const item = async (Key: ItemKey) =>
    (await doc.send(new GetCommand({ TableName: table, Key, ConsistentRead: true }))).Item;
  const lock = (managerId: string, cell: number) => item(lockKey(managerId, cell));

  beforeAll(async () => {
    ({
      doc,
      tables: { bookings: table },
    } = await useDynamoTables());
    store = new DynamoBookingStore(doc, table, { clock: () => NOW });
  });

  it('reserve writes the pending booking and its cells (items typed lock); holderOf finds it', async () => {
    // Prepare
    const b = booking('b-basic', '2030-06-02T15:00:00Z', '2030-06-02T16:00:00Z');
    // Act
    await store.reserve(b, cellsOf(b.start, b.end), LEASE, NOW);
    // Assess
    expect(await store.holderOf('m-1', b.startMs + CELL_MS)).toEqual(b);
    expect(await lock('m-1', b.startMs)).toMatchObject({
      type: 'lock',
      managerId: 'm-1',
      cell: b.startMs,
      bookingId: 'b-basic',
      status: 'pending',
      leaseUntil: LEASE,
      toolCallId: 'tc-b-basic',
    });
    expect(await store.holderOf('m-1', b.endMs)).toBeUndefined();
  });

  it.each([
    [20, '20'],
    [50, '21'],
  ] as const)(
    '%i parallel reserves of one slot (different bookings): exactly 1 succeeds, the rest SlotTakenError',
    async (n, day) => {
      // Prepare
      const attempts = Array.from({ length: n }, (_, i) =>
        booking(`b-race-${n}-${i}`, `2030-05-${day}T10:00:00Z`, `2030-05-${day}T10:30:00Z`),
      );
      // Act
      const results = await Promise.allSettled(
        attempts.map((b) => store.reserve(b, cellsOf(b.start, b.end), LEASE, NOW)),
      );
      // Assess
      const winners = attempts.filter((_, i) => results[i]!.status === 'fulfilled');
      const losers = results.flatMap((r) => (r.status === 'rejected' ? [r.reason] : []));
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(n - 1);
      expect(losers.every((e) => e instanceof SlotTakenError)).toBe(true);
      // Every loser is told who holds the slot (from CancellationReasons, without an extra read).
      expect(losers.map((e: SlotTakenError) => [e.holderToolCallId, e.holderCallId])).toEqual(
        losers.map(() => [winners[0]!.toolCallId, winners[0]!.callId]),
      );
      expect((await store.holderOf('m-1', attempts[0]!.startMs))?.bookingId).toBe(winners[0]!.bookingId);
    },
  );

  it('overlapping slots 15:00-16:00 and 15:30-16:00 in parallel: exactly 1 wins (10 rounds)', async () => {
    for (let day = 10; day < 20; day++) {
      // Prepare
      const long = booking(`b-long-${day}`, `2030-06-${day}T15:00:00Z`, `2030-06-${day}T16:00:00Z`);
      const short = booking(`b-short-${day}`, `2030-06-${day}T15:30:00Z`, `2030-06-${day}T16:00:00Z`);
      // Act
      const results = await Promise.allSettled(
        [long, short].map((b) => store.reserve(b, cellsOf(b.start, b.end), LEASE, NOW)),
      );
      // Assess
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof SlotTakenError)).toHaveLength(1);
    }
  });

  it('a pending lease is kept until it lapses, then another booking takes the cells over', async () => {
    // Prepare
    const first = booking('b-lapse-1', '2030-06-04T09:00:00Z', '2030-06-04T09:30:00Z');
    const second = booking('b-lapse-2', '2030-06-04T09:00:00Z', '2030-06-04T09:30:00Z');
    const cells = cellsOf(first.start, first.end);
    await store.reserve(first, cells, LEASE, NOW);
    // Act
    const whileLeased = store.reserve(second, cells, LEASE + 60_000, LEASE - 1);
    await expect(whileLeased).rejects.toMatchObject({
      name: 'SlotTakenError',
      holderToolCallId: 'tc-b-lapse-1',
      holderCallId: 'call-b-lapse-1',
    });
    await store.reserve(second, cells, LEASE + 120_000, LEASE + 1);
    // Assess
    expect((await lock('m-1', cells[0]!))?.bookingId).toBe('b-lapse-2');
    const lapsedStore = new DynamoBookingStore(doc, table, { clock: () => LEASE + 200_000 });
    expect(await lapsedStore.holderOf('m-1', cells[0]!)).toBeUndefined();
  });

  it('confirm marks booking and cells confirmed, drops the lease and keeps cells 30 days past the end', async () => {
    // Prepare
    const b = booking('b-confirm', '2030-06-05T09:00:00Z', '2030-06-05T09:30:00Z');
    const cells = cellsOf(b.start, b.end);
    await store.reserve(b, cells, LEASE, NOW);
    // Act
    await store.confirm(b, cells, 'evt-1');
    await store.confirm(b, cells, 'evt-1');
    // Assess
    expect(await store.holderOf('m-1', cells[1]!)).toEqual({ ...b, status: 'confirmed', eventId: 'evt-1' });
    const cell = await lock('m-1', cells[0]!);
    expect(cell).toMatchObject({ status: 'confirmed', eventId: 'evt-1', ttl: b.endMs / 1000 + 30 * 86_400 });
    expect(cell?.leaseUntil).toBeUndefined();
    const late = booking('b-after-confirm', b.start, b.end);
    await expect(store.reserve(late, cells, LEASE + 10 ** 9, LEASE + 10 ** 8)).rejects.toBeInstanceOf(SlotTakenError);
  });

  it('confirm by a booking whose cells were taken over throws ConcurrencyError and changes nothing', async () => {
    // Prepare
    const loser = booking('b-own-1', '2030-06-06T09:00:00Z', '2030-06-06T09:30:00Z');
    const taker = booking('b-own-2', '2030-06-06T09:00:00Z', '2030-06-06T09:30:00Z');
    const cells = cellsOf(loser.start, loser.end);
    await store.reserve(loser, cells, LEASE, NOW);
    await store.reserve(taker, cells, LEASE + 120_000, LEASE + 1);
    // Act
    const confirm = store.confirm(loser, cells, 'evt-stale');
    // Assess
    await expect(confirm).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await lock('m-1', cells[0]!)).toMatchObject({ bookingId: 'b-own-2', status: 'pending' });
    await expect(store.confirm(loser, cells, 'evt-other')).rejects.toBeInstanceOf(ConcurrencyError);
  });

  it('release deletes only the cells the booking still holds, and marks it released (its ttl kept)', async () => {
    // Prepare: b-rel-1 held two cells; after its lease lapsed b-rel-2 took the first one
    const old = booking('b-rel-1', '2030-06-07T09:00:00Z', '2030-06-07T09:30:00Z');
    const taker = booking('b-rel-2', '2030-06-07T09:00:00Z', '2030-06-07T09:15:00Z');
    const [c1, c2] = cellsOf(old.start, old.end) as [number, number];
    await store.reserve(old, [c1, c2], LEASE, NOW);
    await store.reserve(taker, [c1], LEASE + 120_000, LEASE + 1);
    const before = await item(bookingKey(old));
    // Act
    await store.release(old, [c1, c2]);
    // Assess
    expect((await lock('m-1', c1))?.bookingId).toBe('b-rel-2');
    expect(await lock('m-1', c2)).toBeUndefined();
    const entry = { type: 'released', at: new Date(NOW).toISOString(), by: 'caller' };
    // Released: off the keeper's due-list (it was on it while pending), the rest as it was.
    const { dueShard, dueAtMs, ...kept } = before!;
    expect([dueShard, dueAtMs]).toEqual(['BOOKINGS', LEASE + SETTLE_MARGIN_MS]);
    expect(await item(bookingKey(old))).toEqual({ ...kept, status: 'released', history: [entry] });
    expect(before?.ttl).toBeGreaterThan(LEASE / 1000);
    const listed = await store.listByManager('m-1', old.startMs, old.startMs + 1);
    expect(listed).toEqual([{ ...old, status: 'released', history: [entry] }, taker]);
  });

  it('release of a confirmed booking is a no-op; release of a pending one frees the slot', async () => {
    // Prepare
    const confirmed = booking('b-rel-c', '2030-06-08T09:00:00Z', '2030-06-08T09:15:00Z');
    const pending = booking('b-rel-p', '2030-06-08T10:00:00Z', '2030-06-08T10:15:00Z');
    await store.reserve(confirmed, [confirmed.startMs], LEASE, NOW);
    await store.confirm(confirmed, [confirmed.startMs], 'evt-keep');
    await store.reserve(pending, [pending.startMs], LEASE, NOW);
    // Act
    await store.release(confirmed, [confirmed.startMs]);
    await store.release(pending, [pending.startMs]);
    await store.release(pending, [pending.startMs]);
    // Assess
    expect((await store.holderOf('m-1', confirmed.startMs))?.status).toBe('confirmed');
    expect(await store.holderOf('m-1', pending.startMs)).toBeUndefined();
    await store.reserve(booking('b-rel-next', pending.start, pending.end), [pending.startMs], LEASE, NOW);
  });

  it('listByManager returns bookings starting in [from, to) of that manager only', async () => {
    // Prepare
    const inside = booking('b-list-1', '2030-07-01T09:00:00Z', '2030-07-01T09:15:00Z');
    const atEnd = booking('b-list-2', '2030-07-01T10:00:00Z', '2030-07-01T10:15:00Z');
    const otherManager = booking('b-list-3', '2030-07-01T09:00:00Z', '2030-07-01T09:15:00Z', 'm-2');
    for (const b of [inside, atEnd, otherManager]) await store.reserve(b, [b.startMs], LEASE, NOW);
    // Act
    const listed = await store.listByManager('m-1', inside.startMs, atEnd.startMs);
    // Assess
    expect(listed).toEqual([inside]);
    expect(await store.listByManager('m-1', atEnd.startMs, inside.startMs)).toEqual([]);
  });

  it('reserve accepts 99 cells and validates cell lists and the lease', async () => {
    // Prepare
    const big = booking('b-big', '2030-08-01T00:00:00Z', '2030-08-02T00:45:00Z');
    const cells = cellsOf(big.start, big.end);
    const small = booking('b-invalid', '2030-08-03T00:00:00Z', '2030-08-03T00:15:00Z');
    // Act
    await store.reserve(big, cells, LEASE, NOW);
    // Assess
    expect(cells).toHaveLength(99);
    expect((await store.holderOf('m-1', cells[98]!))?.bookingId).toBe('b-big');
    for (const bad of [[], [...cells, cells[98]! + CELL_MS], [small.startMs, small.startMs], [1.5]]) {
      await expect(store.reserve(small, bad, LEASE, NOW)).rejects.toBeInstanceOf(ValidationError);
    }
    await expect(store.reserve(small, [small.startMs], NOW, NOW)).rejects.toBeInstanceOf(ValidationError);
    const lease = { message: 'The lease must end after now', reason: 'lease' };
    await expect(store.reserve(small, [small.startMs], NOW, NOW)).rejects.toMatchObject(lease);
  });

  it('holderOf deletes an orphan confirmed lock that names no tool call (its booking item is gone)', async () => {
    // Prepare
    const cell = Date.parse('2030-08-05T10:00:00Z');
    const orphan = { ...lockKey('m-orphan', cell), status: 'confirmed', bookingId: 'b-gone', bookingSk: 'gone', cell };
    await doc.send(new PutCommand({ TableName: table, Item: orphan }));
    // Act
    const holder = await store.holderOf('m-orphan', cell);
    // Assess
    expect(holder).toBeUndefined();
    expect(await lock('m-orphan', cell)).toBeUndefined();
  });

  it('listBusy with more connection ids than one IN takes (150) still answers, not a ValidationException', async () => {
    // Prepare: a confirmed booking on a connection the calendar read did not cover
    const b = { ...booking('b-busy', '2030-08-06T10:00:00Z', '2030-08-06T10:30:00Z', 'm-busy'), connectionId: 'other' };
    await store.reserve(b, cellsOf(b.start, b.end), LEASE, NOW);
    await store.confirm(b, cellsOf(b.start, b.end), 'evt-busy');
    const connectionIds = Array.from({ length: 150 }, (_, i) => `conn-${i}`);
    // Act
    const busy = await store.listBusy('m-busy', b.startMs, b.endMs, { connectionIds, exceptPrefix: 'own-' });
    // Assess
    expect(busy.map((r) => r.bookingId)).toEqual(['b-busy']);
  });
});
