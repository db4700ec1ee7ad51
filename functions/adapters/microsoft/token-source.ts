/** Per-connection access tokens: a fresh msal CCA per invocation whose cache lives sealed on the connection. */
import type { ConfidentialClientApplication, ICachePlugin } from '@azure/msal-node';
import type { CalendarConnection, Cipher, ConnectionStore, Deadline, Log } from '../../domain/ports';
import {
  AppError,
  ConcurrencyError,
  ProviderError,
  ProviderUnavailableError,
  ReconnectRequiredError,
} from '../../domain/errors';
import { CREDENTIALS_PURPOSE } from '../../contract/credentials';
import type { AccessTokenSource } from './graph-client';
import type { MicrosoftAppOptions } from './authorization-client';
import { currentClientSecret } from './client-secret';
import { GRAPH_SCOPES, createMsalClient } from './msal-client';
import { toTokenError } from './msal-errors';
import { MsalNetworkClient } from './network-client';

export interface TokenSourceDeps {
  app: MicrosoftAppOptions;
  store: ConnectionStore;
  cipher: Cipher;
  logger?: Pick<Log, 'warn'>;
}

/**
 * Access tokens for one connection of a manager. Build one per invocation: msal's memory (and its throttle cache) must
 * not outlive it. The connection's credentials are the sealed msal cache; its accountId is msal's homeAccountId.
 */
export class ManagerTokenSource implements AccessTokenSource {
  private cca?: ConfidentialClientApplication;
  private readonly network: MsalNetworkClient;
  // The opened cache, decrypted once per invocation and replaced by every newer serialization.
  private cache?: Promise<string>;
  private version: number;
  private writes: Promise<void> = Promise.resolve();
  // Our own failures inside msal's plugin callbacks, rethrown as they are instead of msal's wrapping.
  private pluginError?: unknown;
  // One silent acquisition at a time: parallel Graph reads (calendar + settings) share one refresh, not two.
  private inFlight?: Promise<string>;

  constructor(
    private readonly managerId: string,
    private readonly connection: CalendarConnection,
    private readonly deps: TokenSourceDeps,
  ) {
    this.version = connection.version;
    const { fetch, loginBaseUrl, timeoutMs, onLoginRequest } = deps.app;
    this.network = new MsalNetworkClient({ fetch, loginBaseUrl, timeoutMs, onRequest: onLoginRequest });
  }

  /** A Graph access token from the cache, refreshed through the token endpoint when stale or when forced. */
  getAccessToken(deadline: Deadline, forceRefresh = false): Promise<string> {
    if (!forceRefresh && this.inFlight) return this.inFlight;
    const run = this.acquire(deadline, forceRefresh);
    if (!forceRefresh) {
      this.inFlight = run;
      const clear = () => {
        if (this.inFlight === run) this.inFlight = undefined;
      };
      run.then(clear, clear);
    }
    return run;
  }

  private async acquire(deadline: Deadline, forceRefresh: boolean): Promise<string> {
    // The secret as it is now (a rotation reaches the next invocation's clients), read once per token source.
    const clientSecret = this.cca ? undefined : await currentClientSecret(this.deps.app.clientSecret);
    const cca = (this.cca ??= createMsalClient({
      ...this.deps.app,
      clientSecret: clientSecret!,
      networkClient: this.network,
      cachePlugin: this.plugin(),
    }));
    this.network.setDeadline(deadline);
    this.pluginError = undefined;
    try {
      const account = await cca.getTokenCache().getAccountByHomeId(this.connection.accountId);
      if (!account) throw new ReconnectRequiredError('No cached Microsoft account for this connection');
      const result = await cca.acquireTokenSilent({ account, scopes: GRAPH_SCOPES, forceRefresh });
      if (!result?.accessToken)
        throw new ProviderError('Microsoft sign-in returned no access token', 200, 'NoAccessToken');
      return result.accessToken;
    } catch (error) {
      throw this.pluginError ?? toTokenError(error, this.network.lastStatus);
    }
  }

  private plugin(): ICachePlugin {
    return {
      beforeCacheAccess: async (context) => {
        context.tokenCache.deserialize(await this.guard(this.openCache()));
      },
      afterCacheAccess: async (context) => {
        if (!context.cacheHasChanged) return;
        const serialized = context.tokenCache.serialize();
        this.cache = Promise.resolve(serialized);
        // Chained so concurrent refreshes of one invocation write in order, each with the version the last returned.
        await (this.writes = this.writes.then(() => this.writeBack(serialized)));
      },
    };
  }

  private openCache(): Promise<string> {
    const { credentials } = this.connection;
    if (!credentials) return Promise.reject(new ReconnectRequiredError('No stored Microsoft token cache'));
    this.cache ??= this.deps.cipher
      .open(credentials, { managerId: this.managerId, purpose: CREDENTIALS_PURPOSE })
      .catch((error: unknown) => {
        this.cache = undefined;
        throw error instanceof AppError
          ? error
          : new ProviderUnavailableError('Could not open the stored token cache', { cause: error });
      });
    return this.cache;
  }

  private async guard<T>(work: Promise<T>): Promise<T> {
    try {
      return await work;
    } catch (error) {
      this.pluginError = error;
      throw error;
    }
  }

  private async writeBack(serialized: string): Promise<void> {
    const { managerId } = this;
    const { connectionId } = this.connection;
    try {
      const sealed = await this.deps.cipher.seal(serialized, { managerId, purpose: CREDENTIALS_PURPOSE });
      this.version = await this.deps.store.updateCredentials(managerId, connectionId, sealed, this.version);
    } catch (error) {
      // Another invocation stored a newer cache first. Microsoft keeps older refresh tokens valid, so ours still works.
      if (error instanceof ConcurrencyError) return;
      // The access token in hand is good; failing the caller for a lost write-back would only hurt the call.
      this.deps.logger?.warn('Could not store the refreshed Microsoft token cache', {
        managerId,
        connectionId,
        error: errorName(error),
      });
    }
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : typeof error;
}
