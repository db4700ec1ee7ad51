/** Composition root of authStart and authCallback. */
import { MicrosoftCalendarAccess, MsalAuthorizationClient } from '../adapters/microsoft';
import { DynamoConnectionStore } from '../adapters/dynamo/connection-store';
import { DynamoStateStore } from '../adapters/dynamo/state-store';
import type { ConnectDeps, FinishDeps } from '../domain/connect/connect-calendar';
import { readMicrosoft, readPublicBaseUrl, readTables } from './config';
import { cipherFor, documentClient, once, secretsFor } from './factories';
import { msalLog, warnLogger } from './logger';

type WithCookies<T> = T & { secureCookies: boolean };

const base = once(async () => {
  const env = process.env;
  const tables = readTables(env, ['oauthState']);
  const microsoft = readMicrosoft(env);
  const redirectUri = `${readPublicBaseUrl(env)}/calendar/auth/callback`;
  const secrets = secretsFor(env, ['microsoftClientSecret']);
  const clientSecret = await secrets.get('microsoftClientSecret');
  const doc = documentClient(env);
  return {
    env,
    doc,
    microsoft,
    clientSecret,
    redirectUri,
    secureCookies: redirectUri.startsWith('https://'),
    states: new DynamoStateStore(doc, tables.oauthState),
    auth: new MsalAuthorizationClient({ ...microsoft, clientSecret, log: msalLog }),
    clock: Date.now,
  };
});

/** Dependencies of authStart. */
export const connectStartDeps = once(async (): Promise<WithCookies<ConnectDeps>> => {
  const b = await base();
  const inviteSigningKey = await secretsFor(b.env, ['inviteSigningKey']).get('inviteSigningKey');
  return {
    states: b.states,
    auth: b.auth,
    clock: b.clock,
    redirectUri: b.redirectUri,
    inviteSigningKey,
    secureCookies: b.secureCookies,
  };
});

/** Dependencies of authCallback. */
export const connectFinishDeps = once(async (): Promise<WithCookies<FinishDeps>> => {
  const b = await base();
  const connections = new DynamoConnectionStore(b.doc, readTables(b.env, ['connections']).connections);
  const cipher = cipherFor(b.env);
  return {
    states: b.states,
    auth: b.auth,
    clock: b.clock,
    redirectUri: b.redirectUri,
    secureCookies: b.secureCookies,
    connections,
    cipher,
    calendars: new MicrosoftCalendarAccess({
      microsoft: { ...b.microsoft, clientSecret: b.clientSecret },
      store: connections,
      cipher,
      logger: warnLogger,
      msalLog,
    }),
    budgetMs: 8_000,
  };
});
