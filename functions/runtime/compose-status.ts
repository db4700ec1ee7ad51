/** Composition root of the status function: the operator's status route and the admin API. */
import { DynamoBookingStore } from '../adapters/dynamo/booking-store';
import { DynamoConnectionStore } from '../adapters/dynamo/connection-store';
import { DynamoSettingsStore } from '../adapters/dynamo/settings-store';
import type { CalendarAdminDeps } from '../domain/manage/calendar-admin';
import type { ManagerBookingsDeps } from '../domain/manage/manager-bookings';
import type { Cipher, SettingsStore } from '../domain/ports';
import { ConfigError, type Env, readBookingDefaults, readTables } from './config';
import { cipherFor, documentClient, once, secretsFor } from './factories';
import { warnLogger } from './logger';
import { buildProviders } from './provider-registry';

/** What the status function's routes use (the stores in full: the narrower use-case views are met by them). */
export interface StatusDeps extends CalendarAdminDeps, ManagerBookingsDeps {
  connections: CalendarAdminDeps['connections'];
  settings: SettingsStore;
  adminToken(): Promise<string>;
}

/**
 * The cipher, only where a token key is configured. Disconnect opens credentials only to revoke them at a provider
 * that can (Google); the deployed status function gets the key (Decrypt only) exactly when such a provider is offered.
 */
function optionalCipher(env: Env): Cipher {
  if (env.TOKEN_KMS_KEY_ID?.trim() || env.LOCAL_TOKEN_KEY?.trim()) return cipherFor(env);
  const refuse = async (): Promise<never> => {
    throw new ConfigError('No token key is configured for the status function (TOKEN_KMS_KEY_ID)');
  };
  return { seal: refuse, open: refuse };
}

/** Dependencies of status, built once per container. */
export const statusDeps = once(async (): Promise<StatusDeps> => {
  const env = process.env;
  // First, so a bad configuration names its variable before anything is built.
  const defaultTimeZone = readBookingDefaults(env).timeZone;
  const tables = readTables(env, ['connections', 'settings', 'bookings']);
  const secrets = secretsFor(env, ['adminToken']);
  const doc = documentClient(env);
  const connections = new DynamoConnectionStore(doc, tables.connections);
  const cipher = optionalCipher(env);
  // The providers configured here (in the deployed status function, only those that can revoke): only their revoke is
  // used. Disconnecting a connection whose provider is not here logs a WARN: deleted here, not revoked there.
  const { registry } = await buildProviders(env, { connections, cipher, secrets, log: warnLogger, clock: Date.now });
  return {
    connections,
    settings: new DynamoSettingsStore(doc, tables.settings),
    bookings: new DynamoBookingStore(doc, tables.bookings),
    providers: registry,
    cipher,
    clock: Date.now,
    log: warnLogger,
    defaultTimeZone,
    adminToken: () => secrets.get('adminToken'),
  };
});
