import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoBusyCache, prefetchKey } from '../../../functions/adapters/dynamo/busy-cache';
import { MAX_ENCODED_BYTES } from '../../../functions/adapters/dynamo/busy-encoding';
import type { PrefetchedBusy } from '../../../functions/domain/ports';
import type { CalendarEntry } from '../../../functions/domain/types';
import { useDynamoTables } from '../../support/dynamo';

/** A fixed "now" in epoch ms (2030-03-17T17:46:40Z). */
const NOW_MS = 1_900_000_000_000;
const HOUR = 3_600_000;

const entries: CalendarEntry[] = [
  { start: NOW_MS + HOUR, end: NOW_MS + 2 * HOUR, availability: 'busy', isCancelled: false, isAllDay: false },
  { start: NOW_MS + 3 * HOUR, end: NOW_MS + 4 * HOUR, availability: 'tentative', isCancelled: true, isAllDay: false },
  {
    start: NOW_MS + 24 * HOUR,
    end: NOW_MS + 48 * HOUR,
    availability: 'free',
    isCancelled: false,
    isAllDay: true,
    allDay: { startDate: '2030-03-18', endDate: '2030-03-19' },
  },
];
const busy = (over: Partial<PrefetchedBusy> = {}): PrefetchedBusy => ({
  managerId: 'mgr-1',
  fetchedAtMs: NOW_MS,
  range: { start: NOW_MS - 24 * HOUR, end: NOW_MS + 16 * 24 * HOUR },
  calendars: ['work default', 'personal showings'],
  entries,
  ...over,
});

describe('DynamoBusyCache (DynamoDB Local)', () => {
  let doc: DynamoDBDocumentClient;
  let table: string;
  let cache: DynamoBusyCache;

  beforeAll(async () => {
    ({
      doc,
      tables: { oauthState: table },
    } = await useDynamoTables());
    cache = new DynamoBusyCache(doc, table);
  });

  it('gives back what it stored: the manager, fetch time, range, calendars and every entry', async () => {
    // Act
    const stored = await cache.put('call-round-trip', busy(), NOW_MS);
    const read = await cache.get('call-round-trip');

    // Assess
    expect(stored).toBe(true);
    expect(read).toEqual(busy());
  });

  it('stores one prefetch# item per call with a binary entry list, expiresAt and a later TTL', async () => {
    // Act
    await cache.put('call-item', busy(), NOW_MS);
    const { Item } = await doc.send(new GetCommand({ TableName: table, Key: prefetchKey('call-item') }));

    // Assess
    expect(Item).toMatchObject({
      stateHash: expect.stringMatching(/^prefetch#[0-9a-f]{64}$/),
      kind: 'busy',
      managerId: 'mgr-1',
      fetchedAtMs: NOW_MS,
      expiresAt: NOW_MS / 1000 + 120,
      ttl: NOW_MS / 1000 + 420,
    });
    expect(Item!.entries).toBeInstanceOf(Uint8Array);
    expect((Item!.entries as Uint8Array).length).toBeLessThan(200);
  });

  it('keys a 4 KB call id by its digest: it is stored and read like any other', async () => {
    // Prepare
    const longId = `call-${'x'.repeat(4096)}`;

    // Act
    const stored = await cache.put(longId, busy(), NOW_MS);

    // Assess
    expect(stored).toBe(true);
    expect(prefetchKey(longId).stateHash).toHaveLength('prefetch#'.length + 64);
    expect(await cache.get(longId)).toEqual(busy());
  });

  it('once spent, answers spent and refuses a later prefetch (one begun before the write)', async () => {
    // Prepare
    await cache.put('call-spent', busy(), NOW_MS);

    // Act
    await cache.spend('call-spent', NOW_MS + 1_000);
    const refused = await cache.put('call-spent', busy({ fetchedAtMs: NOW_MS + 500 }), NOW_MS + 2_000);

    // Assess
    expect(refused).toBe(false);
    expect(await cache.get('call-spent')).toBe('spent');
  });

  it('lets a newer prefetch replace an older one of the same call', async () => {
    // Act
    await cache.put('call-twice', busy(), NOW_MS);
    await cache.put('call-twice', busy({ fetchedAtMs: NOW_MS + 5_000 }), NOW_MS + 5_000);

    // Assess
    expect(await cache.get('call-twice')).toMatchObject({ fetchedAtMs: NOW_MS + 5_000 });
  });

  it('reads a garbled item as missing: bad bytes, not deflate, a wrong tuple, an empty manager', async () => {
    // Prepare
    const { deflateRawSync } = await import('node:zlib');
    const garbled: Record<string, unknown>[] = [
      { entries: new Uint8Array([1, 2, 3, 4]) },
      { entries: deflateRawSync('{"not":"tuples"}') },
      { entries: deflateRawSync('[[1,2,99]]') },
      { entries: deflateRawSync('[[1,2,0]]'), managerId: '' },
      { entries: 'a string' },
    ];

    // Act
    const reads = [];
    for (const [i, over] of garbled.entries()) {
      const Item = {
        ...prefetchKey(`call-garbled-${i}`),
        kind: 'busy',
        managerId: 'mgr-1',
        fetchedAtMs: NOW_MS,
        rangeStart: 0,
        rangeEnd: 1,
        calendars: [],
        ...over,
      };
      await doc.send(new PutCommand({ TableName: table, Item }));
      reads.push(await cache.get(`call-garbled-${i}`));
    }

    // Assess
    expect(reads).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  it('stores nothing for a calendar whose entries exceed the size bound, and reads it as missing', async () => {
    // Prepare: ids are dropped, so only incompressible times and dates count; random ones defeat deflate.
    const huge: CalendarEntry[] = Array.from({ length: 40_000 }, () => {
      const start = NOW_MS + Math.floor(Math.random() * 1e10);
      return {
        start,
        end: start + Math.floor(Math.random() * 1e7),
        availability: 'busy',
        isCancelled: false,
        isAllDay: false,
      };
    });

    // Act
    const stored = await cache.put('call-huge', busy({ entries: huge }), NOW_MS);

    // Assess
    expect(MAX_ENCODED_BYTES).toBeLessThan((400 * 1024) / 4);
    expect(stored).toBe(false);
    expect(await cache.get('call-huge')).toBeUndefined();
  });

  it('reads a call that never prefetched as missing', async () => {
    // Act & Assess
    expect(await cache.get('call-never')).toBeUndefined();
  });
});
