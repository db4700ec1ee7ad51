/** Composition root of the status handler. */
import { DynamoConnectionStore } from '../adapters/dynamo/connection-store';
import { readTables } from './config';
import { documentClient, once, secretsFor } from './factories';

/** Dependencies of status: read-only connections and the admin token. */
export const statusDeps = once(async () => {
  const env = process.env;
  const secrets = secretsFor(env, ['adminToken']);
  return {
    connections: new DynamoConnectionStore(documentClient(env), readTables(env, ['connections']).connections),
    adminToken: () => secrets.get('adminToken'),
  };
});
