/** DynamoKeeperDueList and the keeper index the connection store's writes maintain (DynamoDB Local). */
import { GetCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoConnectionStore } from '../../../functions/adapters/dynamo/connection-store';
import { DynamoKeeperDueList } from '../../../functions/adapters/dynamo/keeper-due-list';
import { connect, connection } from '../../contracts/connection-store-fixtures';
import { useDynamoTables } from '../../support/dynamo';

const DAY = 86_400_000;

describe('DynamoKeeperDueList', () => {
  let doc: DynamoDBDocumentClient;
  let table: string;
  let store: DynamoConnectionStore;
  let list: DynamoKeeperDueList;
  const raw = async (managerId: string) =>
    (await doc.send(new GetCommand({ TableName: table, Key: { managerId }, ConsistentRead: true }))).Item!;
  const setDue = (managerId: string, dueMs: number) =>
    doc.send(
      new UpdateCommand({
        TableName: table,
        Key: { managerId },
        UpdateExpression: 'SET keeperDueMs = :d',
        ExpressionAttributeValues: { ':d': dueMs },
      }),
    );
  // The index is eventually consistent (DynamoDB Local answers at once; the claim re-checks the item anyway).
  const dueOf = async (prefix: string, nowMs: number, limit = 100) =>
    (await list.due(nowMs, limit)).filter((id) => id.startsWith(prefix));

  beforeAll(async () => {
    ({
      doc,
      tables: { connections: table },
    } = await useDynamoTables());
    store = new DynamoConnectionStore(doc, table);
    list = new DynamoKeeperDueList(doc, table);
  });

  it('connect, touch and schedule writes put a manager on the list; touch keeps a due time already set', async () => {
    // Prepare
    const before = Date.now();
    // Act
    await connect(store, 'gsi-a', connection('a'));
    const connected = (await raw('gsi-a')).keeperDueMs as number;
    await setDue('gsi-a', 1_000);
    await store.touch('gsi-a', new Date(before + DAY).toISOString());
    // Assess
    expect(connected).toBeGreaterThanOrEqual(before);
    expect(await raw('gsi-a')).toMatchObject({ keeperShard: 'due', keeperDueMs: 1_000 });
    expect(await dueOf('gsi-a', 1_000)).toEqual(['gsi-a']);
    expect(await dueOf('gsi-a', 999)).toEqual([]);
  });

  it('an item written before the keeper existed joins the list at its next touch or schedule write', async () => {
    // Prepare: no keeper attributes, as an older deployment wrote it
    await connect(store, 'gsi-old', connection('o'));
    await doc.send(
      new UpdateCommand({
        TableName: table,
        Key: { managerId: 'gsi-old' },
        UpdateExpression: 'REMOVE keeperShard, keeperDueMs',
      }),
    );
    const at = '2030-03-01T00:00:00.000Z';
    // Act
    await store.updateSchedule('gsi-old', connection('o').connectionId, { timeZone: 'Europe/Paris' }, at);
    // Assess
    expect(await raw('gsi-old')).toMatchObject({ keeperShard: 'due', keeperDueMs: Date.parse(at) });
  });

  it('lists the longest-overdue first, at most `limit`, and nothing not yet due', async () => {
    // Prepare: tables of its own, so no other test's manager is on the list
    const own = await useDynamoTables();
    const ownStore = new DynamoConnectionStore(own.doc, own.tables.connections);
    const ownList = new DynamoKeeperDueList(own.doc, own.tables.connections);
    for (const [id, due] of [
      ['o3', 3_000],
      ['o1', 1_000],
      ['o2', 2_000],
      ['o9', 9_000],
    ] as const) {
      await connect(ownStore, id, connection(id));
      await own.doc.send(
        new UpdateCommand({
          TableName: own.tables.connections,
          Key: { managerId: id },
          UpdateExpression: 'SET keeperDueMs = :d',
          ExpressionAttributeValues: { ':d': due },
        }),
      );
    }
    // Act
    const firstTwo = await ownList.due(5_000, 2);
    const all = await ownList.due(5_000, 100);
    // Assess
    expect(firstTwo).toEqual(['o1', 'o2']);
    expect(all).toEqual(['o1', 'o2', 'o3']);
  });

  it('two claims at once: exactly one gets the lease; a lapsed lease can be taken again', async () => {
    // Prepare
    await connect(store, 'gsi-lease', connection('l'));
    await setDue('gsi-lease', 10);
    // Act
    const claims = await Promise.all([list.claim('gsi-lease', 100, 500), list.claim('gsi-lease', 100, 500)]);
    const whileHeld = await list.claim('gsi-lease', 400, 900);
    const afterLapse = await list.claim('gsi-lease', 600, 900);
    // Assess
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(whileHeld).toBeUndefined();
    expect(afterLapse).toMatchObject({ managerId: 'gsi-lease' });
    expect(afterLapse!.leaseId).not.toEqual(claims.find(Boolean)!.leaseId);
  });

  it('release moves the due time and frees the lease; a lapsed holder cannot overwrite the new one', async () => {
    // Prepare
    await connect(store, 'gsi-rel', connection('r'));
    await setDue('gsi-rel', 10);
    const first = (await list.claim('gsi-rel', 100, 200))!;
    const second = (await list.claim('gsi-rel', 300, 400))!;
    // Act
    const stale = await list.release(first, 5);
    const done = await list.release(second, 7 * DAY);
    // Assess
    expect(stale).toBe(false);
    expect(done).toBe(true);
    const item = await raw('gsi-rel');
    expect(item.keeperDueMs).toBe(7 * DAY);
    expect(item).not.toHaveProperty('keeperLeaseId');
    expect(item).not.toHaveProperty('keeperLeaseUntilMs');
    // Not due until then: a claim before it fails (what keeps a second run from doing the same work again)
    expect(await list.claim('gsi-rel', 7 * DAY - 1, 7 * DAY + 10)).toBeUndefined();
  });

  it('release with nothing left to keep takes the manager off the list', async () => {
    // Prepare
    await connect(store, 'gsi-off', connection('f'));
    await setDue('gsi-off', 10);
    const lease = (await list.claim('gsi-off', 100, 200))!;
    // Act
    await list.release(lease, undefined);
    // Assess
    const item = await raw('gsi-off');
    expect(item).not.toHaveProperty('keeperShard');
    expect(item).not.toHaveProperty('keeperDueMs');
    expect(await dueOf('gsi-off', Number.MAX_SAFE_INTEGER)).toEqual([]);
  });

  it('recordRefresh stores lastRefreshedAt on the connection, which get() returns; a connection gone is skipped', async () => {
    // Prepare
    const c = connection('rr');
    await connect(store, 'gsi-rr', c);
    const at = '2030-04-01T12:00:00.000Z';
    // Act
    await list.recordRefresh('gsi-rr', c.connectionId, at);
    await list.recordRefresh('gsi-rr', 'microsoft-gone', at);
    // Assess
    const read = await store.get('gsi-rr');
    expect(read!.connections[0]!.lastRefreshedAt).toBe(at);
    expect(Object.keys((await raw('gsi-rr')).connections)).toEqual([c.connectionId]);
  });
});
