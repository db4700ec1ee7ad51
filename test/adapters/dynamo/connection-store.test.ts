/** DynamoConnectionStore's item layout and DynamoDB specifics; the port's invariants are in test/contracts/. */
import {
  DeleteCommand,
  type DeleteCommandInput,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type UpdateCommandInput,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoConnectionStore } from '../../../functions/adapters/dynamo/connection-store';
import { ConcurrencyError } from '../../../functions/domain/errors';
import { versionsOf } from '../../../functions/domain/ports';
import { AT, connect, connection } from '../../contracts/connection-store-fixtures';
import { useDynamoTables } from '../../support/dynamo';
import { recordingClient } from './recording-client';

describe('DynamoConnectionStore', () => {
  let doc: DynamoDBDocumentClient;
  let table: string;
  let store: DynamoConnectionStore;
  const raw = async (managerId: string) =>
    (await doc.send(new GetCommand({ TableName: table, Key: { managerId }, ConsistentRead: true }))).Item;

  beforeAll(async () => {
    ({
      doc,
      tables: { connections: table },
    } = await useDynamoTables());
    store = new DynamoConnectionStore(doc, table);
  });

  it('one item per manager: schema 2, the revision, connections keyed by id (no id, no last use)', async () => {
    // Prepare
    const a = connection('a', { lastUsedAt: AT });
    const before = Date.now();
    // Act
    await store.save({ managerId: 'm-layout', connections: [a], revision: 0 }, undefined);
    // Assess: on the keeper's list from now (it works out the exact due time on its first look)
    const { connectionId, lastUsedAt: _, ...stored } = a;
    const item = await raw('m-layout');
    expect(item).toEqual({
      managerId: 'm-layout',
      schema: 2,
      revision: 1,
      connections: { [connectionId]: stored },
      writeId: expect.any(String),
      keeperShard: 'due',
      keeperDueMs: expect.any(Number),
    });
    expect(item!.keeperDueMs).toBeGreaterThanOrEqual(before);
    expect(item!.keeperDueMs).toBeLessThanOrEqual(Date.now());
  });

  it('writes with UpdateItem and DeleteItem only, never PutItem (the IAM grants name no PutItem)', async () => {
    // Prepare
    const { client, commands } = recordingClient(doc);
    const recorded = new DynamoConnectionStore(client, table);
    // Act
    const read = await connect(recorded, 'm-commands', connection('a'));
    await recorded.updateCredentials('m-commands', connection('a').connectionId, 'v1.next.blob', 0);
    await recorded.touch('m-commands', AT);
    await recorded.save({ ...read, connections: [] }, versionsOf(read));
    // Assess
    expect(commands).toEqual(['UpdateCommand', 'GetCommand', 'UpdateCommand', 'UpdateCommand', 'DeleteCommand']);
  });

  it('a retried write whose first attempt landed (answer lost to a timeout) succeeds; a lost race fails', async () => {
    // Prepare: every write goes out twice, as the SDK's retry after a request timeout sends it
    const { client } = recordingClient(doc, async (command, input) => {
      if (command === 'UpdateCommand')
        await doc.send(new UpdateCommand(input as UpdateCommandInput)).catch(() => undefined);
      if (command === 'DeleteCommand') await doc.send(new DeleteCommand(input as DeleteCommandInput));
    });
    const twice = new DynamoConnectionStore(client, table);
    const a = connection('a');
    // Act
    const read = await connect(twice, 'm-retry', a);
    const version = await twice.updateCredentials('m-retry', a.connectionId, 'v1.refreshed.blob', 0);
    const after = (await twice.get('m-retry'))!;
    await twice.save({ ...after, connections: [] }, versionsOf(after));
    const lost = await twice.save({ ...read, connections: [a] }, versionsOf(read)).catch((e: unknown) => e);
    // Assess
    expect([read.revision, version]).toEqual([1, 1]);
    expect(after.connections[0]).toMatchObject({ credentials: 'v1.refreshed.blob', version: 1 });
    expect(lost).toBeInstanceOf(ConcurrencyError);
    expect(await raw('m-retry')).toBeUndefined();
  });

  it('crypto-shred: a disconnected account leaves no trace of its credentials; the last, no item', async () => {
    // Prepare
    const read = await connect(store, 'm-shred', connection('a'), connection('b'));
    // Act
    await store.save({ ...read, connections: [read.connections[0]!] }, versionsOf(read));
    const afterOne = JSON.stringify(await raw('m-shred'));
    const left = (await store.get('m-shred'))!;
    await store.save({ ...left, connections: [] }, versionsOf(left));
    // Assess
    expect(afterOne).not.toContain(connection('b').credentials);
    expect(afterOne).not.toContain(connection('b').connectionId);
    expect(await raw('m-shred')).toBeUndefined();
  });

  it('markNeedsReconnect also stores when, for operators; the record read does not carry it', async () => {
    // Prepare
    await connect(store, 'm-flag', connection('a'));
    // Act
    await store.markNeedsReconnect('m-flag', connection('a').connectionId, AT);
    // Assess
    expect((await raw('m-flag'))?.connections[connection('a').connectionId]).toMatchObject({
      needsReconnect: true,
      needsReconnectAt: AT,
    });
    expect((await store.get('m-flag'))?.connections[0]).toEqual({ ...connection('a'), needsReconnect: true });
  });

  it('a write to a connection that is gone adds no partial entry to the map', async () => {
    // Prepare
    await connect(store, 'm-partial', connection('a'));
    // Act
    await store.updateSchedule('m-partial', 'microsoft-gone', { timeZone: 'UTC' }, AT).catch(() => undefined);
    await store.updateCredentials('m-partial', 'microsoft-gone', 'v1.x.x', 0).catch(() => undefined);
    // Assess
    expect(Object.keys((await raw('m-partial'))?.connections)).toEqual([connection('a').connectionId]);
  });

  it("keeps a shared calendar's flag; a calendar stored without one reads as not shared", async () => {
    // Prepare
    const calendars = [
      { id: 'own', name: 'Calendar', role: 'book' as const, canEdit: true },
      { id: 'team', name: 'Team', role: 'ignore' as const, canEdit: true, shared: true },
    ];
    // Act
    await connect(store, 'm-shared', connection('a', { calendars }));
    const read = (await store.get('m-shared'))!;
    // Assess
    expect(read.connections[0]!.calendars).toEqual(calendars);
    expect((await raw('m-shared'))?.connections[connection('a').connectionId].calendars[0]).not.toHaveProperty(
      'shared',
    );
  });

  it('a malformed item fails the read naming the path, never its values', async () => {
    // Prepare
    const item = { managerId: 'm-bad', schema: 2, revision: 0, connections: { 'microsoft-a': { secret: 'v1.x.y' } } };
    await doc.send(new PutCommand({ TableName: table, Item: item }));
    // Act
    const error = await store.get('m-bad').catch((e: unknown) => e as Error);
    // Assess
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toMatch(/^Malformed connections item: connections\.microsoft-a/);
    expect((error as Error).message).not.toContain('v1.x.y');
  });
});
