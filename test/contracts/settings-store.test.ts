/** One SettingsStore contract, two stores: the in-memory fake, and DynamoDB (Local). */
import { DynamoSettingsStore } from '../../functions/adapters/dynamo/settings-store';
import { MemorySettingsStore } from '../fakes/stores';
import { useDynamoTables } from '../support/dynamo';
import { settingsStoreContract } from './settings-store.contract';

settingsStoreContract('MemorySettingsStore', async () => () => new MemorySettingsStore());

settingsStoreContract('DynamoSettingsStore', async () => {
  const { doc, tables } = await useDynamoTables();
  return () => new DynamoSettingsStore(doc, tables.settings);
});
