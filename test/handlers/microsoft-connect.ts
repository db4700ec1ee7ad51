/** The Microsoft emulator the callback tests sign in against, and the connect configuration pointing at it. */
import { createMicrosoftEmulator } from '../../local/sandbox/microsoft';
import { fixtureCalendar } from '../integration/harness';
import type { DynamoTables } from '../support/dynamo';
import { CLIENT_ID, CLIENT_SECRET, connectEnv } from './connect-support';

/** The emulator serving login and Graph on a free port, the connect env over `dynamo` using it, and its close. */
export async function microsoftConnect(dynamo: DynamoTables) {
  const emulator = createMicrosoftEmulator({
    calendar: fixtureCalendar(),
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
  });
  const served = await emulator.listen(0);
  const env = connectEnv(dynamo, {
    MICROSOFT_LOGIN_BASE_URL: `${served.baseUrl}/login`,
    GRAPH_BASE_URL: `${served.baseUrl}/graph/v1.0`,
  });
  return { emulator, env, close: served.close };
}
