/**
 * What the connect handler tests share: keys, the environment of a deployed (https) stack over DynamoDB Local,
 * events from test/events/connect/, the forms of a page, and a connection stored the way the callback stores one.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createCipher } from '../../functions/adapters/crypto/create-cipher';
import { DynamoConnectionStore } from '../../functions/adapters/dynamo/connection-store';
import { CREDENTIALS_PURPOSE } from '../../functions/contract/credentials';
import { createInviteToken } from '../../functions/domain/connect/invite';
import type { CalendarConnection } from '../../functions/domain/ports';
import type { HttpEvent, HttpResult } from '../../functions/handlers/shared/http';
import type { DynamoTables } from '../support/dynamo';
import { formsOf, type PageForm } from '../integration/connect-steps';
import { httpEvent } from './invoke';

export const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
export const CLIENT_SECRET = `client-secret-${randomBytes(12).toString('hex')}`;
export const INVITE_SIGNING_KEY = randomBytes(32).toString('base64url');
export const LOCAL_TOKEN_KEY = randomBytes(32).toString('base64');
export const BASE_URL = 'https://abc123.execute-api.us-west-2.amazonaws.com';

/** A deployed-like (https) configuration of the connect functions over `dynamo`'s tables. */
export function connectEnv(dynamo: DynamoTables, extra: Record<string, string> = {}): Record<string, string> {
  return {
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    OAUTH_STATE_TABLE: dynamo.tables.oauthState,
    CONNECTIONS_TABLE: dynamo.tables.connections,
    SETTINGS_TABLE: dynamo.tables.settings,
    MICROSOFT_CLIENT_ID: CLIENT_ID,
    MICROSOFT_CLIENT_SECRET: CLIENT_SECRET,
    PUBLIC_BASE_URL: BASE_URL,
    INVITE_SIGNING_KEY,
    LOCAL_TOKEN_KEY,
    ...extra,
  };
}

/** A fresh invite for `managerId` (valid 24 h unless `ttlHours`, from `now`). */
export const inviteFor = (managerId: string, opts: { email?: string; now?: number; ttlHours?: number } = {}) =>
  createInviteToken(managerId, INVITE_SIGNING_KEY, opts.now ?? Date.now(), opts.ttlHours ?? 24, {
    ...(opts.email ? { email: opts.email } : {}),
  });

/** GET /calendar/auth/start?invite=… with these cookies. */
export const invitePage = (invite: string | undefined, cookies: string[] = []) =>
  httpEvent('auth-start-get', { query: { invite }, cookies });

/** An event of test/events/connect/<fixture>.json with its body (form fields) and cookies replaced. */
export function connectEvent(
  fixture: 'auth-start-post' | 'manage-post' | 'auth-result-get',
  changes: { fields?: Record<string, string | undefined>; cookies?: string[]; body?: string } = {},
): HttpEvent {
  const file = new URL(`../events/connect/${fixture}.json`, import.meta.url);
  const event = JSON.parse(readFileSync(file, 'utf8')) as HttpEvent;
  if (changes.fields) {
    const fields = Object.entries(changes.fields).filter((e): e is [string, string] => e[1] !== undefined);
    event.body = new URLSearchParams(fields).toString();
  }
  if (changes.body !== undefined) event.body = changes.body;
  if (changes.cookies) event.cookies = changes.cookies.length ? changes.cookies : undefined;
  return event;
}

/** The name=value part of each Set-Cookie of a response. */
export const cookiePairs = (res: HttpResult) => (res.cookies ?? []).map((c) => c.split(';')[0]!);

/** The POST forms of a page response. */
export const formsOfPage = (res: HttpResult): PageForm[] => formsOf(String(res.body));

/** The form holding the button `text` (and whose fields include `where`). */
export function formOf(res: HttpResult, text: string, where: Record<string, string> = {}): PageForm {
  const form = formsOfPage(res).find(
    (f) => f.buttons.some((b) => b.text === text) && Object.entries(where).every(([k, v]) => f.fields[k] === v),
  );
  if (!form) throw new Error(`No form with a "${text}" button on the page`);
  return form;
}

/** The event a browser sends submitting `form` with its button `text`, fields changed by `changes`. */
export function submitEvent(
  form: PageForm,
  text: string,
  cookies: string[],
  changes: Record<string, string | undefined> = {},
): HttpEvent {
  const button = form.buttons.find((b) => b.text === text);
  const fields = { ...form.fields, ...(button?.name ? { [button.name]: button.value ?? '' } : {}), ...changes };
  const fixture = new URL(form.action).pathname.endsWith('/manage') ? 'manage-post' : 'auth-start-post';
  return connectEvent(fixture, { fields, cookies });
}

/** A connection of `managerId` stored as the callback stores one (sealed with the test's local key). */
export async function storeConnection(
  dynamo: DynamoTables,
  managerId: string,
  connection: Partial<CalendarConnection> = {},
): Promise<CalendarConnection> {
  const cipher = createCipher({ kind: 'local', key: LOCAL_TOKEN_KEY }, 'local');
  const store = new DynamoConnectionStore(dynamo.doc, dynamo.tables.connections);
  const stored: CalendarConnection = {
    connectionId: 'microsoft-0123456789abcdef',
    provider: 'microsoft',
    accountId: 'oid-1.tid-1',
    account: 'pat@contoso.example',
    calendars: [
      { id: 'cal-main', name: 'Calendar', role: 'book', canEdit: true },
      { id: 'cal-showings', name: 'Showings', role: 'busy', canEdit: true },
      { id: 'cal-holidays', name: 'Holidays <shared>', role: 'ignore', canEdit: false },
    ],
    credentials: await cipher.seal('{"cache":"plaintext"}', { managerId, purpose: CREDENTIALS_PURPOSE }),
    needsReconnect: false,
    connectedAt: '2026-11-30T10:00:00.000Z',
    version: 1,
    ...connection,
  };
  const record = await store.get(managerId);
  const others = record?.connections ?? [];
  await store.save(
    { managerId, connections: [...others, stored], revision: record?.revision ?? 0 },
    record && {
      revision: record.revision,
      versions: Object.fromEntries(others.map((c) => [c.connectionId, c.version])),
    },
  );
  return stored;
}

/** The manager's stored connections, as the store reads them. */
export const storedConnections = async (dynamo: DynamoTables, managerId: string) =>
  new DynamoConnectionStore(dynamo.doc, dynamo.tables.connections).get(managerId);
