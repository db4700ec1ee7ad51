/** DynamoKeeperDueList and the keeper index the connection store's writes maintain (DynamoDB Local). */
import { GetCommand, type DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { DynamoConnectionStore } from '../../../functions/adapters/dynamo/connection-store';
import { DynamoKeeperDueList } from '../../../functions/adapters/dynamo/keeper-due-list';
import { ValidationError } from '../../../functions/domain/errors';
import { versionsOf } from '../../../functions/domain/ports';
import { connect, connection } from '../../contracts/connection-store-fixtures';
import { useDynamoTables } from '../../support/dynamo';

const DAY = 86_400_000;
/** When a manager reconnects in the tests that fake the clock (a winter instant). */
const RECONNECTED = Date.parse('2030-01-15T10:00:00.000Z');

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

  afterEach(() => {
    vi.useRealTimers();
  });

  it('connect, touch and schedule writes put a manager on the list; touch, schedule keep a due time', async () => {
    // Prepare
    const before = Date.now();
    // Act
    await connect(store, 'gsi-a', connection('a'));
    const connected = (await raw('gsi-a')).keeperDueMs as number;
    await setDue('gsi-a', 1_000);
    await store.touch('gsi-a', new Date(before + DAY).toISOString());
    await store.updateSchedule('gsi-a', connection('a').connectionId, {}, new Date(before + DAY).toISOString());
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

  it('a connect during the lease: the release frees the lease, keeps the newer due time, listed or not', async () => {
    // Prepare: two managers claimed; then each reconnects (a save puts it due now) before its release
    for (const id of ['gsi-re1', 'gsi-re2']) {
      await connect(store, id, connection(id));
      await setDue(id, 10);
    }
    const first = (await list.claim('gsi-re1', 100, Number.MAX_SAFE_INTEGER))!;
    const second = (await list.claim('gsi-re2', 100, Number.MAX_SAFE_INTEGER))!;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(RECONNECTED);
    for (const id of ['gsi-re1', 'gsi-re2']) {
      const read = (await store.get(id))!;
      const again = connection(id, { connectedAt: new Date(RECONNECTED).toISOString() });
      await store.save({ ...read, connections: [again] }, versionsOf(read));
    }
    // Act: the run's releases, from what it read before the reconnect (a later due, and "nothing left to keep")
    const later = await list.release(first, RECONNECTED + 7 * DAY);
    const off = await list.release(second, undefined);
    // Assess
    expect([first.dueMs, second.dueMs]).toEqual([10, 10]);
    expect([later, off]).toEqual([true, true]);
    for (const id of ['gsi-re1', 'gsi-re2']) {
      const item = await raw(id);
      expect(item).toMatchObject({ keeperShard: 'due', keeperDueMs: RECONNECTED });
      expect(item).not.toHaveProperty('keeperLeaseId');
      expect(item).not.toHaveProperty('keeperLeaseUntilMs');
    }
  });

  it('release with nothing left to keep takes the manager off the list (its shard marks it as enrolled)', async () => {
    // Prepare
    await connect(store, 'gsi-off', connection('f'));
    await setDue('gsi-off', 10);
    const lease = (await list.claim('gsi-off', 100, 200))!;
    // Act
    await list.release(lease, undefined);
    // Assess
    const item = await raw('gsi-off');
    expect(item).toMatchObject({ keeperShard: 'due' });
    expect(item).not.toHaveProperty('keeperDueMs');
    expect(item).not.toHaveProperty('keeperLeaseId');
    expect(await dueOf('gsi-off', Number.MAX_SAFE_INTEGER)).toEqual([]);
  });

  it('enrol pages through the table: items from before the keeper join due now; no due time set is moved', async () => {
    // Prepare: tables of its own; three items as an older deployment wrote them, one listed, one taken off the list
    const own = await useDynamoTables();
    const ownStore = new DynamoConnectionStore(own.doc, own.tables.connections);
    const ownList = new DynamoKeeperDueList(own.doc, own.tables.connections);
    const strip = (managerId: string, attributes: string) =>
      own.doc.send(
        new UpdateCommand({
          TableName: own.tables.connections,
          Key: { managerId },
          UpdateExpression: `REMOVE ${attributes}`,
        }),
      );
    for (const id of ['e1', 'e2', 'e3', 'e4', 'e5']) await connect(ownStore, id, connection(id));
    for (const id of ['e1', 'e2', 'e3']) await strip(id, 'keeperShard, keeperDueMs');
    await own.doc.send(
      new UpdateCommand({
        TableName: own.tables.connections,
        Key: { managerId: 'e4' },
        UpdateExpression: 'SET keeperDueMs = :d',
        ExpressionAttributeValues: { ':d': 1_000 },
      }),
    );
    await strip('e5', 'keeperDueMs');
    const ownRaw = async (managerId: string) =>
      (await own.doc.send(new GetCommand({ TableName: own.tables.connections, Key: { managerId } }))).Item!;
    // Act: two items a page, each page from the cursor the one before returned
    const pages = [];
    let cursor: string | undefined;
    do {
      const page = await ownList.enrol(RECONNECTED, cursor, 2);
      pages.push(page);
      cursor = page.cursor;
    } while (cursor);
    const again = await ownList.enrol(RECONNECTED + DAY, undefined, 100);
    // Assess
    expect(pages.length).toBeGreaterThanOrEqual(3);
    expect(pages.every((page) => page.scanned <= 2)).toBe(true);
    expect(pages.reduce((sum, page) => sum + page.scanned, 0)).toBe(5);
    expect(pages.reduce((sum, page) => sum + page.enrolled, 0)).toBe(3);
    for (const id of ['e1', 'e2', 'e3']) {
      expect(await ownRaw(id)).toMatchObject({ keeperShard: 'due', keeperDueMs: RECONNECTED });
    }
    expect((await ownRaw('e4')).keeperDueMs).toBe(1_000);
    expect(await ownRaw('e5')).not.toHaveProperty('keeperDueMs');
    expect(again).toEqual({ scanned: 5, enrolled: 0, cursor: undefined });
    // On the list: the enrolled three and the one already listed (first: due earliest); not the one taken off it
    const listed = await ownList.due(RECONNECTED, 100);
    expect([listed[0], listed.slice(1).sort()]).toEqual(['e4', ['e1', 'e2', 'e3']]);
  });

  it('enrol refuses a cursor it did not return, with a ValidationError', async () => {
    // Act
    const tampered = await list.enrol(RECONNECTED, 'not-a-cursor', 10).catch((error: unknown) => error);
    const foreign = Buffer.from(JSON.stringify({ pk: 'x' })).toString('base64url');
    const wrongShape = await list.enrol(RECONNECTED, foreign, 10).catch((error: unknown) => error);
    // Assess
    expect(tampered).toBeInstanceOf(ValidationError);
    expect(wrongShape).toMatchObject({ name: 'ValidationError', reason: 'bad_cursor' });
  });

  it('recordRefresh stores lastRefreshedAt, which get() returns; a connection gone is skipped', async () => {
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
