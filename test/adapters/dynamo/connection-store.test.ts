import { GetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoConnectionStore } from '../../../functions/adapters/dynamo/connection-store';
import { ConcurrencyError, NotFoundError, ValidationError } from '../../../functions/domain/errors';
import type { ManagerConnection } from '../../../functions/domain/ports';
import type { WorkingSchedule } from '../../../functions/domain/types';
import { useDynamoTables } from '../../support/dynamo';

const WORKING: WorkingSchedule = { timeZone: 'Europe/London', week: { monday: [{ start: '09:00', end: '17:00' }] } };

function connection(managerId: string): ManagerConnection {
  return {
    managerId,
    provider: 'microsoft',
    account: 'pm@example.com',
    homeAccountId: 'oid.tid',
    timeZone: 'Europe/London',
    working: WORKING,
    needsReconnect: false,
    connectedAt: '2030-01-01T00:00:00.000Z',
    version: 0,
    tokenCache: 'v1.sealed.blob',
  };
}

describe('DynamoConnectionStore', () => {
  let doc: DynamoDBDocumentClient;
  let table: string;
  let store: DynamoConnectionStore;

  beforeAll(async () => {
    ({
      doc,
      tables: { connections: table },
    } = await useDynamoTables());
    store = new DynamoConnectionStore(doc, table);
  });

  it('put then get round-trips the connection, working hours stored as a map', async () => {
    // Prepare
    await store.put(connection('m-rt'));
    // Act
    const read = await store.get('m-rt');
    const raw = await doc.send(new GetCommand({ TableName: table, Key: { managerId: 'm-rt' } }));
    // Assess
    expect(read).toEqual(connection('m-rt'));
    expect(raw.Item?.working).toEqual(WORKING);
  });

  it('get of an unknown manager is undefined', async () => {
    // Act / Assess
    expect(await store.get('m-nobody')).toBeUndefined();
  });

  it('updateTokenCache with the expected version writes and returns version + 1', async () => {
    // Prepare
    await store.put(connection('m-tok'));
    // Act
    const v1 = await store.updateTokenCache('m-tok', 'v1.new.cache', 0);
    const v2 = await store.updateTokenCache('m-tok', 'v1.newer.cache', v1);
    // Assess
    expect([v1, v2]).toEqual([1, 2]);
    expect(await store.get('m-tok')).toMatchObject({ version: 2, tokenCache: 'v1.newer.cache' });
  });

  it('updateTokenCache with a stale version throws ConcurrencyError and leaves the cache alone', async () => {
    // Prepare
    await store.put(connection('m-stale'));
    await store.updateTokenCache('m-stale', 'v1.winner.x', 0);
    // Act
    const loser = store.updateTokenCache('m-stale', 'v1.loser.x', 0);
    // Assess
    await expect(loser).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await store.get('m-stale')).toMatchObject({ version: 1, tokenCache: 'v1.winner.x' });
  });

  it('of 10 parallel write-backs from the same version exactly 1 wins', async () => {
    // Prepare
    await store.put(connection('m-par'));
    // Act
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) => store.updateTokenCache('m-par', `v1.c${i}.x`, 0)),
    );
    // Assess
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof ConcurrencyError)).toHaveLength(9);
  });

  it('updateTokenCache on a missing connection throws ConcurrencyError and creates nothing', async () => {
    // Act
    const write = store.updateTokenCache('m-missing', 'v1.x.x', 0);
    // Assess
    await expect(write).rejects.toBeInstanceOf(ConcurrencyError);
    expect(await store.get('m-missing')).toBeUndefined();
  });

  it('markNeedsReconnect and touch set their fields', async () => {
    // Prepare
    await store.put(connection('m-flags'));
    // Act
    await store.markNeedsReconnect('m-flags', '2030-02-01T00:00:00.000Z');
    await store.touch('m-flags', '2030-02-02T00:00:00.000Z');
    // Assess
    expect(await store.get('m-flags')).toMatchObject({
      needsReconnect: true,
      lastUsedAt: '2030-02-02T00:00:00.000Z',
      version: 0,
    });
  });

  it('updateSchedule stores zone and hours, and removes hours when given none', async () => {
    // Prepare
    await store.put(connection('m-sched'));
    const paris: WorkingSchedule = { timeZone: 'Europe/Paris', week: { friday: [{ start: '10:00', end: '12:00' }] } };
    // Act
    await store.updateSchedule('m-sched', { timeZone: 'Europe/Paris', working: paris }, '2030-03-01T00:00:00.000Z');
    const withHours = await store.get('m-sched');
    await store.updateSchedule('m-sched', { timeZone: 'Europe/Paris' }, '2030-03-02T00:00:00.000Z');
    const withoutHours = await store.get('m-sched');
    // Assess
    expect(withHours).toMatchObject({
      timeZone: 'Europe/Paris',
      working: paris,
      mailboxCheckedAt: '2030-03-01T00:00:00.000Z',
    });
    expect(withoutHours?.working).toBeUndefined();
    expect(withoutHours?.mailboxCheckedAt).toBe('2030-03-02T00:00:00.000Z');
  });

  it('writes to a missing connection throw NotFoundError instead of creating a partial item', async () => {
    // Act
    const results = await Promise.allSettled([
      store.markNeedsReconnect('m-ghost', '2030-01-01T00:00:00.000Z'),
      store.touch('m-ghost', '2030-01-01T00:00:00.000Z'),
      store.updateSchedule('m-ghost', { timeZone: 'UTC' }, '2030-01-01T00:00:00.000Z'),
    ]);
    // Assess
    expect(results.map((r) => r.status === 'rejected' && r.reason instanceof NotFoundError)).toEqual([
      true,
      true,
      true,
    ]);
    expect(await store.get('m-ghost')).toBeUndefined();
  });

  it('refuses to store a token cache that is not sealed', async () => {
    // Prepare
    await store.put(connection('m-plain'));
    const plaintext = '{"RefreshToken":{"x":{"secret":"rt"}}}';
    // Act
    const results = await Promise.allSettled([
      store.put({ ...connection('m-plain-2'), tokenCache: plaintext }),
      store.updateTokenCache('m-plain', plaintext, 0),
    ]);
    // Assess
    expect(results.map((r) => r.status === 'rejected' && r.reason instanceof ValidationError)).toEqual([true, true]);
    expect(await store.get('m-plain-2')).toBeUndefined();
    expect((await store.get('m-plain'))?.tokenCache).toBe('v1.sealed.blob');
  });
});
