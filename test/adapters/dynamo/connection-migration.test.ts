/**
 * A real item of the single-connection version (test/events/dynamo/legacy-connection.json, its token cache sealed by
 * LocalCipher under FIXTURE_KEY for {managerId: 'legacy-manager', purpose}) put straight into DynamoDB Local, then
 * read by DynamoConnectionStore: migrated in place, with the webhook role's actions only, racing other writers.
 */
import {
  DeleteCommand,
  GetCommand,
  PutCommand,
  UpdateCommand,
  type DynamoDBDocumentClient,
} from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalCipher } from '../../../functions/adapters/crypto/local-cipher';
import { DynamoConnectionStore } from '../../../functions/adapters/dynamo/connection-store';
import { CREDENTIALS_PURPOSE } from '../../../functions/contract/credentials';
import { LEGACY_FIXTURE, legacyItem, migratedRecord } from '../../contracts/connection-store-fixtures';
import { useDynamoTables } from '../../support/dynamo';
import { recordingClient } from './recording-client';

/** The local wrapping key the fixture was sealed under (32 bytes of 7s; test data only). */
const FIXTURE_KEY = Buffer.alloc(32, 7).toString('base64');
const FIXTURE_CACHE = '{"Account":{},"RefreshToken":{"x":{"secret":"fixture-refresh-token"}}}';
const LEGACY_ATTRIBUTES = [
  'provider',
  'homeAccountId',
  'timeZone',
  'working',
  'needsReconnect',
  'version',
  'tokenCache',
];

describe('DynamoConnectionStore reading an item of the single-connection version', () => {
  let doc: DynamoDBDocumentClient;
  let table: string;
  const cipher = new LocalCipher(FIXTURE_KEY);
  const raw = async (managerId: string) =>
    (await doc.send(new GetCommand({ TableName: table, Key: { managerId }, ConsistentRead: true }))).Item;
  const putOld = (item: Record<string, unknown>) => doc.send(new PutCommand({ TableName: table, Item: item }));

  beforeAll(async () => {
    ({
      doc,
      tables: { connections: table },
    } = await useDynamoTables());
  });

  it('migrates in place by GetItem and UpdateItem; credentials open as before; a write-back works', async () => {
    // Prepare
    await putOld(LEGACY_FIXTURE);
    const { client, commands } = recordingClient(doc);
    const store = new DynamoConnectionStore(client, table);
    const context = { managerId: LEGACY_FIXTURE.managerId, purpose: CREDENTIALS_PURPOSE };
    // Act
    const read = (await store.get(LEGACY_FIXTURE.managerId))!;
    const opened = await cipher.open(read.connections[0]!.credentials, context);
    const refreshed = await cipher.seal('{"refreshed":true}', context);
    const next = await store.updateCredentials(read.managerId, read.connections[0]!.connectionId, refreshed, 4);
    const after = (await store.get(LEGACY_FIXTURE.managerId))!;
    // Assess
    expect(read).toEqual(migratedRecord(LEGACY_FIXTURE.managerId));
    expect(opened).toBe(FIXTURE_CACHE);
    expect(next).toBe(5);
    expect(await cipher.open(after.connections[0]!.credentials, context)).toBe('{"refreshed":true}');
    expect(commands).toEqual(['GetCommand', 'UpdateCommand', 'UpdateCommand', 'GetCommand']);
    const item = await raw(LEGACY_FIXTURE.managerId);
    expect(item).toMatchObject({ schema: 2, revision: 0, lastUsedAt: LEGACY_FIXTURE.lastUsedAt });
    for (const name of LEGACY_ATTRIBUTES) expect(item).not.toHaveProperty(name);
  });

  it('an older writer refreshing the token between read and migration: read again, keep its token', async () => {
    // Prepare
    await putOld(legacyItem('m-race-old'));
    const { client, commands } = recordingClient(doc, async (command) => {
      if (command !== 'UpdateCommand' || commands.length > 2) return;
      // What the single-connection version's updateTokenCache did: a write conditional on the top-level version.
      await doc.send(
        new UpdateCommand({
          TableName: table,
          Key: { managerId: 'm-race-old' },
          UpdateExpression: 'SET tokenCache = :cache, #v = :next',
          ConditionExpression: '#v = :expected',
          ExpressionAttributeNames: { '#v': 'version' },
          ExpressionAttributeValues: { ':cache': 'v1.older-writer.blob', ':next': 5, ':expected': 4 },
        }),
      );
    });
    // Act
    const read = await new DynamoConnectionStore(client, table).get('m-race-old');
    // Assess
    expect(read?.connections[0]).toMatchObject({ credentials: 'v1.older-writer.blob', version: 5 });
    expect(commands).toEqual(['GetCommand', 'UpdateCommand', 'GetCommand', 'UpdateCommand']);
    expect((await raw('m-race-old'))?.connections).toBeDefined();
  });

  it('another reader migrating first: the condition fails, the read again finds schema 2, no write', async () => {
    // Prepare
    await putOld(legacyItem('m-race-reader'));
    const other = new DynamoConnectionStore(doc, table);
    const { client, commands } = recordingClient(doc, async (command) => {
      if (command === 'UpdateCommand' && commands.length === 2) await other.get('m-race-reader');
    });
    // Act
    const read = await new DynamoConnectionStore(client, table).get('m-race-reader');
    // Assess
    expect(read).toEqual(await other.get('m-race-reader'));
    expect(commands).toEqual(['GetCommand', 'UpdateCommand', 'GetCommand']);
  });

  it('an item deleted between the read and the migration is not recreated by it', async () => {
    // Prepare
    await putOld(legacyItem('m-race-delete'));
    const { client } = recordingClient(doc, async (command) => {
      if (command === 'UpdateCommand') {
        await doc.send(new DeleteCommand({ TableName: table, Key: { managerId: 'm-race-delete' } }));
      }
    });
    // Act
    const read = await new DynamoConnectionStore(client, table).get('m-race-delete');
    // Assess
    expect(read).toBeUndefined();
    expect(await raw('m-race-delete')).toBeUndefined();
  });

  it('a malformed older item fails the read naming the path, and is left as it was', async () => {
    // Prepare
    const { tokenCache: _, ...broken } = legacyItem('m-broken');
    await putOld(broken);
    // Act
    const error = await new DynamoConnectionStore(doc, table).get('m-broken').catch((e: unknown) => e as Error);
    // Assess
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('Malformed older connection item: tokenCache');
    expect(await raw('m-broken')).toEqual(broken);
  });
});
