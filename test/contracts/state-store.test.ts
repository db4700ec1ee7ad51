/** One StateStore contract, two stores: the in-memory fake, and DynamoDB (Local). */
import { DynamoStateStore } from '../../functions/adapters/dynamo/state-store';
import { MemoryStateStore } from '../fakes/stores';
import { useDynamoTables } from '../support/dynamo';
import { stateStoreContract } from './state-store.contract';

stateStoreContract('MemoryStateStore', async () => () => new MemoryStateStore());

stateStoreContract('DynamoStateStore', async () => {
  const { doc, tables } = await useDynamoTables();
  return () => new DynamoStateStore(doc, tables.oauthState);
});
