/** Composition root of authStart (invite pages, forms) and authCallback (provider callback, result page). */
import { DynamoConnectionStore } from '../adapters/dynamo/connection-store';
import { DynamoSettingsStore } from '../adapters/dynamo/settings-store';
import { DynamoStateStore } from '../adapters/dynamo/state-store';
import { PATHS } from '../contract/routes';
import type { ConnectDeps } from '../domain/connect/connect-calendar';
import type { FinishDeps } from '../domain/connect/finish-connect';
import type { CalendarAdminDeps } from '../domain/manage/calendar-admin';
import type { Cipher, SettingsStore } from '../domain/ports';
import { type Env, readPublicBaseUrl, readTables } from './config';
import { cipherFor, documentClient, once, secretsFor } from './factories';
import { warnLogger } from './logger';
import { buildProviders } from './provider-registry';

/** What the edge itself needs: cookie flavour, where the pages live, and the key of invites, CSRF and results. */
export interface EdgeDeps {
  secureCookies: boolean;
  publicBaseUrl: string;
  inviteSigningKey: string;
}

export type ConnectStartDeps = ConnectDeps & CalendarAdminDeps & EdgeDeps & { settings: SettingsStore };
export type ConnectFinishDeps = FinishDeps & EdgeDeps;

/**
 * The cipher, built on first use. authStart opens credentials only to revoke a grant at a provider that has a
 * revocation endpoint, so it need not be given a token key it would never use.
 */
function lazyCipher(env: Env): Cipher {
  let cipher: Cipher | undefined;
  const get = () => (cipher ??= cipherFor(env));
  return { seal: (text, context) => get().seal(text, context), open: (sealed, context) => get().open(sealed, context) };
}

async function build(env: Env, cipher: Cipher) {
  const tables = readTables(env, ['oauthState', 'connections']);
  const publicBaseUrl = readPublicBaseUrl(env);
  const secrets = secretsFor(env, ['inviteSigningKey']);
  const doc = documentClient(env);
  const connections = new DynamoConnectionStore(doc, tables.connections);
  const clock = () => Date.now();
  const providers = await buildProviders(env, { connections, cipher, secrets, log: warnLogger, clock });
  // Read now, so a missing key fails the cold start; then again per invocation (withCurrentKey).
  const inviteKey = () => secrets.get('inviteSigningKey');
  await inviteKey();
  return {
    doc,
    connections,
    cipher,
    clock,
    log: warnLogger,
    states: new DynamoStateStore(doc, tables.oauthState),
    providers: providers.registry,
    calendars: providers.access,
    inviteKey,
    publicBaseUrl,
    redirectUri: `${publicBaseUrl}${PATHS.callback}`,
    // __Host- cookies need Secure, which needs https; npm start on http://localhost uses plain names.
    secureCookies: publicBaseUrl.startsWith('https://'),
  };
}

/**
 * The deps with the invite key as it is now: the secret source keeps it for SECRETS_MAX_AGE_SECONDS, so a rotated key
 * signs and verifies from then on without a redeploy.
 */
async function withCurrentKey<T>({ inviteKey, ...deps }: T & { inviteKey(): Promise<string> }) {
  return { ...deps, inviteSigningKey: await inviteKey() };
}

const startDeps = once(async () => {
  const env = process.env;
  const { doc, ...deps } = await build(env, lazyCipher(env));
  return { ...deps, settings: new DynamoSettingsStore(doc, readTables(env, ['settings']).settings) };
});

const finishDeps = once(async () => {
  const env = process.env;
  // Checked at cold start: a callback that cannot seal must fail before it redeems a code.
  const { doc: _doc, ...deps } = await build(env, cipherFor(env));
  return { ...deps, budgetMs: 8_000 };
});

/** Dependencies of authStart: the connect flow's first leg, and the manager's page (view, roles, disconnect). */
export const connectStartDeps = async (): Promise<ConnectStartDeps> => withCurrentKey(await startDeps());

/** Dependencies of authCallback: the code exchange, the sealed connection, and the result page. */
export const connectFinishDeps = async (): Promise<ConnectFinishDeps> => withCurrentKey(await finishDeps());
