/** The calendar providers a deployment offers: each is one adapter folder and one line in the registry. */
import type { CalendarAccess, Clock, Deadline } from './calendar';
import type { ConnectionStore } from './connections';
import type { Log } from './log';
import type { Metrics } from './metrics';
import type { AuthorizationClient, Cipher, SecretSource } from './security';

/** One provider as the connect flow and the admin API see it. */
export interface ProviderPlugin {
  /** Stored on connections (a short lowercase name such as "acme"); never changes. */
  id: string;
  /** The name on the button a manager clicks to connect this provider. */
  label: string;
  /**
   * The origin of the provider's sign-in page ("https://signin.acme.example"), where the connect forms' 303 leads.
   * Browsers apply a page's CSP form-action to the redirects after a form POST, so those pages must allow it.
   */
  authorizeOrigin: string;
  authorization: AuthorizationClient;
  /**
   * Whether the account's calendar settings carry the owner's working hours. False where the provider offers no such
   * setting: hours come from the manager's settings or the deployment default, and the connect result page says so.
   */
  readsWorkingHours: boolean;
  /**
   * Revokes the grant at the provider, where it has a revocation endpoint (plaintext credentials, just opened).
   * Absent: the provider offers none, and deleting the sealed credentials is all there is to do.
   */
  revoke?(credentials: string, deadline: Deadline): Promise<void>;
}

/** The providers of this deployment, in the order the connect page offers them. */
export interface ProviderRegistry {
  get(id: string): ProviderPlugin | undefined;
  all(): readonly ProviderPlugin[];
}

/** What every provider adapter is given by the composition root: the stores, the cipher, secrets, a logger. */
export interface ProviderShared {
  connections: ConnectionStore;
  cipher: Cipher;
  /** Providers read only current values (their apps accept two client secrets at once during a rotation). */
  secrets: Pick<SecretSource, 'get'>;
  log: Log;
  clock: Clock;
  /** Where round trips are timed and throttles counted (the webhook's; the connect pages record none). */
  metrics?: Metrics;
}

/** A provider ready to use: its connect-flow side, and its calendars for stored connections. */
export interface ProviderAdapter {
  plugin: ProviderPlugin;
  access: CalendarAccess;
}

/**
 * A provider adapter folder's entry point, one line in the runtime registry. `readConfig` reads the provider's own
 * variables from the environment object it is given: undefined when the deployment does not offer the provider, a
 * ConfigError naming the variable when one is set wrong.
 */
export interface ProviderModule<C = unknown> {
  id: string;
  readConfig(env: Readonly<Record<string, string | undefined>>): C | undefined;
  create(config: C, shared: ProviderShared): Promise<ProviderAdapter>;
}

/**
 * A provider's calendar side alone, for the functions that only use stored connections (tool calls, the keeper):
 * the same variables as its ProviderModule, but no connect flow, so no sign-in library reaches their bundles.
 */
export interface CalendarModule<C = unknown> {
  id: string;
  readConfig(env: Readonly<Record<string, string | undefined>>): C | undefined;
  createAccess(config: C, shared: ProviderShared): Promise<CalendarAccess>;
}
