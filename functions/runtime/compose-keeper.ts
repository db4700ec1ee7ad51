/** Composition root of the keeper: the stores, the due-list, the cipher and the calendar providers. */
import { DynamoBookingStore } from '../adapters/dynamo/booking-store';
import { DynamoConnectionStore } from '../adapters/dynamo/connection-store';
import { DynamoKeeperDueList } from '../adapters/dynamo/keeper-due-list';
import { DynamoSettingsStore } from '../adapters/dynamo/settings-store';
import { type KeeperConfig, readKeeperConfig } from '../contract/keeper-config';
import type { KeeperDeps } from '../domain/keeper/keeper-deps';
import { buildCalendars } from './calendar-registry';
import { gather, readBookingDefaults, readLogLevel, readMailboxRefreshHours, readTables } from './config';
import { cipherFor, documentClient, once, secretsFor } from './factories';
import { currentLogger, warnLogger } from './logger';
import { createMetrics, type MetricsSink } from './metrics';

/** The keeper's dependencies and its run settings. */
export interface KeeperRuntime {
  deps: KeeperDeps;
  config: KeeperConfig;
  /** Written once at the end of every run (handler, npm start's timer, --once). */
  metrics: MetricsSink;
}

/** Everything one keeper run needs, built once per container (and once per `npm start`). */
export const keeperRuntime = once(async (): Promise<KeeperRuntime> => {
  const env = process.env;
  // First, so a bad configuration names every bad variable before anything is built.
  const checked = gather({
    keeper: () => readKeeperConfig(env),
    defaults: () => readBookingDefaults(env),
    refreshHours: () => readMailboxRefreshHours(env),
    logLevel: () => readLogLevel(env),
  });
  const tables = readTables(env, ['connections', 'settings', 'bookings']);
  // Only the providers' own secrets (their client secrets), looked up by name when a provider module asks.
  const secrets = secretsFor(env, []);
  const metrics = createMetrics(env);
  const doc = documentClient(env);
  const connections = new DynamoConnectionStore(doc, tables.connections);
  const cipher = cipherFor(env);
  // Calendars only (calendar-registry.ts): the connect flow and its msal are not in this bundle.
  const calendars = await buildCalendars(env, {
    connections,
    cipher,
    secrets,
    log: warnLogger,
    clock: Date.now,
    metrics,
  });
  const deps: KeeperDeps = {
    connections,
    keeper: new DynamoKeeperDueList(doc, tables.connections),
    settings: new DynamoSettingsStore(doc, tables.settings),
    bookings: new DynamoBookingStore(doc, tables.bookings),
    calendars,
    defaults: checked.defaults,
    clock: Date.now,
    log: currentLogger(),
    idleMs: checked.keeper.idleDays * 86_400_000,
    scheduleRefreshMs: checked.refreshHours * 3_600_000,
    metrics,
  };
  return { deps, config: checked.keeper, metrics };
});
