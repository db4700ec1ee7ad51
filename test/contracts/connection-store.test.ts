/** One ConnectionStore contract, two stores: the in-memory fake the use-case tests use, and DynamoDB (Local). */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { DynamoConnectionStore } from '../../functions/adapters/dynamo/connection-store';
import { MemoryConnectionStore } from '../fakes/stores';
import { useDynamoTables } from '../support/dynamo';
import { connectionStoreContract } from './connection-store.contract';
import { connectionMigrationContract } from './connection-store-migration.contract';
import { connectionStoreUpdatesContract } from './connection-store-updates.contract';

const memory = async () => () => new MemoryConnectionStore({ strictSealing: true });
const dynamo = async () => {
  const { doc, tables } = await useDynamoTables();
  return () => new DynamoConnectionStore(doc, tables.connections);
};

connectionStoreContract('MemoryConnectionStore', memory);
connectionStoreContract('DynamoConnectionStore', dynamo);
connectionStoreUpdatesContract('MemoryConnectionStore', memory);
connectionStoreUpdatesContract('DynamoConnectionStore', dynamo);

connectionMigrationContract('MemoryConnectionStore', async () => () => {
  const connections = new MemoryConnectionStore({ strictSealing: true });
  return { connections, putLegacy: async (item) => connections.seedLegacy(item) };
});

connectionMigrationContract('DynamoConnectionStore', async () => {
  const { doc, tables } = await useDynamoTables();
  return () => ({
    connections: new DynamoConnectionStore(doc, tables.connections),
    // As the single-connection version wrote it: a plain PutItem of the item's attributes.
    putLegacy: async (item) => {
      await doc.send(new PutCommand({ TableName: tables.connections, Item: item }));
    },
  });
});
