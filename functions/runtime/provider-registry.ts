/**
 * The calendar providers of this deployment. A provider is one adapter folder plus one line in MODULES: its module
 * reads its own variables (a provider without them is simply not offered) and builds its connect-flow side and its
 * calendar access. Nothing else in the code names a provider (but calendar-registry.ts, the same providers' calendar
 * sides alone, for the functions that never run the connect flow).
 */
import { googleModule } from '../adapters/google/module';
import { microsoftModule } from '../adapters/microsoft/module';
import type {
  CalendarAccess,
  ProviderAdapter,
  ProviderPlugin,
  ProviderModule,
  ProviderRegistry,
  ProviderShared,
} from '../domain/ports';
import { unavailable } from './calendar-registry';
import { ConfigError, type Env } from './config';

/** Every provider this code base has, in the order the connect page offers them. */
// biome-ignore lint/suspicious/noExplicitAny: each module has its own config type; the registry only passes it through.
const MODULES: readonly ProviderModule<any>[] = [microsoftModule, googleModule];

/** The ids of every provider this code base has (what `npm run invite -- --provider` accepts). */
export const PROVIDER_IDS: readonly string[] = MODULES.map((m) => m.id);

/** A plugin's sign-in origin goes into the connect pages' CSP, so it must be exactly an http(s) origin. */
function checkOrigin(plugin: ProviderPlugin): void {
  const given = plugin.authorizeOrigin;
  const origin = URL.canParse(given) ? new URL(given).origin : 'null';
  if (origin !== given || !/^https?:\/\//.test(origin)) {
    throw new ConfigError(`Provider ${plugin.id}: authorizeOrigin must be an http(s) origin, got "${given}"`);
  }
}

/** The configured providers: the registry the connect flow offers, and one CalendarAccess over all of them. */
export async function buildProviders(
  env: Env,
  shared: ProviderShared,
  modules: readonly ProviderModule<unknown>[] = MODULES,
): Promise<{ registry: ProviderRegistry; access: CalendarAccess }> {
  // Every configuration is read first (a bad variable fails before any secret is read); then the modules are built
  // together, so their cold-start secret reads overlap instead of queueing.
  const configured = modules.flatMap((module) => {
    const config = module.readConfig(env);
    return config === undefined ? [] : [{ module, config }];
  });
  const adapters: ProviderAdapter[] = await Promise.all(
    configured.map(async ({ module, config }) => {
      const adapter = await module.create(config, shared);
      checkOrigin(adapter.plugin);
      return adapter;
    }),
  );
  const byId = new Map(adapters.map((a) => [a.plugin.id, a]));
  return {
    registry: { get: (id) => byId.get(id)?.plugin, all: () => adapters.map((a) => a.plugin) },
    access: {
      open: (managerId, connection) =>
        byId.get(connection.provider)?.access.open(managerId, connection) ?? unavailable(connection),
    },
  };
}
