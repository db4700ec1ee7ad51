/** One ConnectionStore contract, two stores: the in-memory fake the use-case tests use, and DynamoDB (Local). */
import { DynamoConnectionStore } from '../../functions/adapters/dynamo/connection-store';
import { MemoryConnectionStore } from '../fakes/stores';
import { useDynamoTables } from '../support/dynamo';
import { connectionStoreContract } from './connection-store.contract';

connectionStoreContract('MemoryConnectionStore', async () => () => new MemoryConnectionStore({ strictSealing: true }));

connectionStoreContract('DynamoConnectionStore', async () => {
  const { doc, tables } = await useDynamoTables();
  return () => new DynamoConnectionStore(doc, tables.connections);
});
