/** DynamoSettingsStore's item and DynamoDB specifics; the port's invariants are in test/contracts/. */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { DynamoSettingsStore } from '../../../functions/adapters/dynamo/settings-store';
import { useDynamoTables } from '../../support/dynamo';
import { recordingClient } from './recording-client';

const AT = '2030-02-01T00:00:00.000Z';

describe('DynamoSettingsStore', () => {
  let doc: DynamoDBDocumentClient;
  let table: string;
  const raw = async (managerId: string) =>
    (await doc.send(new GetCommand({ TableName: table, Key: { managerId }, ConsistentRead: true }))).Item;

  beforeAll(async () => {
    ({
      doc,
      tables: { settings: table },
    } = await useDynamoTables());
  });

  it('a merge is one UpdateItem: each setting an attribute, updatedAt set, the nulls removed', async () => {
    // Prepare
    const { client, commands } = recordingClient(doc);
    const store = new DynamoSettingsStore(client, table);
    await store.merge('m-item', { timeZone: 'Europe/London', slotMinutes: 45 }, '2030-01-01T00:00:00.000Z');
    // Act
    await store.merge('m-item', { slotMinutes: null, tentativeBlocks: true }, AT);
    // Assess
    expect(commands).toEqual(['UpdateCommand', 'UpdateCommand']);
    expect(await raw('m-item')).toEqual({
      managerId: 'm-item',
      timeZone: 'Europe/London',
      tentativeBlocks: true,
      updatedAt: AT,
    });
  });

  it('nulls for a manager without settings write nothing (the failed condition is no error)', async () => {
    // Prepare
    const store = new DynamoSettingsStore(doc, table);
    // Act
    const merged = await store.merge('m-none', { workingHours: null }, AT);
    // Assess
    expect(merged).toEqual({});
    expect(await raw('m-none')).toBeUndefined();
  });

  it('a stored value that is not a valid setting fails the read naming the setting, never its value', async () => {
    // Prepare
    await doc.send(new PutCommand({ TableName: table, Item: { managerId: 'm-bad', slotMinutes: 'secret-ish' } }));
    // Act
    const error = await new DynamoSettingsStore(doc, table).get('m-bad').catch((e: unknown) => e as Error);
    // Assess
    expect(error).toBeInstanceOf(TypeError);
    expect((error as Error).message).toBe('Malformed settings item: slotMinutes');
  });
});
