/**
 * The calendar side of this deployment's providers, for the functions that only use stored connections (the
 * webhook's tool calls, the keeper): one CalendarModule per provider, in step with provider-registry.ts's MODULES,
 * but without any connect flow, so no sign-in library (msal) reaches those bundles.
 */
import { googleCalendars } from '../adapters/google/calendar-module';
import { microsoftCalendars } from '../adapters/microsoft/calendar-module';
import { ProviderUnavailableError } from '../domain/errors';
import type {
  CalendarAccess,
  CalendarConnection,
  CalendarModule,
  CalendarProvider,
  ProviderShared,
} from '../domain/ports';
import type { Env } from './config';

/** Every provider's calendar side, by the same ids as the connect flow's modules. */
// biome-ignore lint/suspicious/noExplicitAny: each module has its own config type; the registry only passes it through.
export const CALENDAR_MODULES: readonly CalendarModule<any>[] = [microsoftCalendars, googleCalendars];

/** A provider whose connections cannot be opened here (not configured in this deployment): every call says so. */
export function unavailable(connection: CalendarConnection): CalendarProvider {
  const fail = async (): Promise<never> => {
    throw new ProviderUnavailableError(`Provider ${connection.provider} is not configured in this deployment`);
  };
  return {
    listEntries: fail,
    getEvent: fail,
    createEvent: fail,
    updateEvent: fail,
    cancelEvent: fail,
    getOwnerSchedule: fail,
    getAccount: fail,
    listCalendars: fail,
    keepAlive: fail,
  };
}

/** One CalendarAccess over the configured providers' calendars; each reads its variables and secrets first. */
export async function buildCalendars(
  env: Env,
  shared: ProviderShared,
  modules: readonly CalendarModule<unknown>[] = CALENDAR_MODULES,
): Promise<CalendarAccess> {
  // Every configuration is read first (a bad variable fails before any secret is read); then the modules are built
  // together, so their cold-start secret reads overlap instead of queueing.
  const configured = modules.flatMap((module) => {
    const config = module.readConfig(env);
    return config === undefined ? [] : [{ module, config }];
  });
  const built = await Promise.all(
    configured.map(async ({ module, config }) => [module.id, await module.createAccess(config, shared)] as const),
  );
  const byId = new Map(built);
  return {
    open: (managerId, connection) =>
      byId.get(connection.provider)?.open(managerId, connection) ?? unavailable(connection),
  };
}
