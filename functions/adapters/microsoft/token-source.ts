/**
 * Per-connection Graph access tokens without msal: the connection's credentials are msal's serialized token cache
 * (written by the connect flow's msal), read and updated here as msal would; its accountId is msal's homeAccountId.
 * A warm call is answered from process memory (TokenMemory); a cold one opens the sealed cache once per invocation.
 */
import type { CalendarConnection, Cipher, Clock, ConnectionStore, Deadline, Log } from '../../domain/ports';
import { AppError, ConcurrencyError, ProviderUnavailableError, ReconnectRequiredError } from '../../domain/errors';
import { CREDENTIALS_PURPOSE } from '../../contract/credentials';
import type { AccessTokenSource } from './graph-client';
import { GRAPH_SCOPES } from './scopes';
import {
  type CachedAccessToken,
  type TokenCache,
  findAccessToken,
  findAccount,
  findRefreshToken,
  parseTokenCache,
  serializeTokenCache,
} from './token-cache';
import { withRefreshedTokens } from './token-cache-update';
import { RENEWAL_OFFSET_MS, TokenMemory } from './token-memory';
import { REFRESH_SCOPES, type RefreshThrottle, type TokenAppOptions, redeemRefreshToken } from './token-refresh';

export interface TokenSourceDeps {
  app: TokenAppOptions;
  store: ConnectionStore;
  cipher: Cipher;
  logger?: Pick<Log, 'warn'>;
  /** Shared by every source of the process (MicrosoftCalendarAccess's); default: this source's own. */
  memory?: TokenMemory;
  clock?: Clock;
}

/**
 * Access tokens for one connection of a manager. Build one per connection and invocation: it holds the opened cache,
 * its credential version and the refresh throttle for that invocation only; tokens outlive it in `memory`.
 */
export class ManagerTokenSource implements AccessTokenSource {
  // The opened cache, decrypted and parsed once per invocation and replaced by every refresh.
  private cache?: Promise<TokenCache>;
  private version: number;
  private writes: Promise<void> = Promise.resolve();
  // One acquisition at a time: parallel Graph reads (calendar + settings) share one refresh, not two.
  private inFlight?: Promise<string>;
  private readonly throttle: RefreshThrottle = {};
  private readonly memory: TokenMemory;
  private readonly clock: Clock;

  constructor(
    private readonly managerId: string,
    private readonly connection: CalendarConnection,
    private readonly deps: TokenSourceDeps,
  ) {
    this.version = connection.version;
    this.memory = deps.memory ?? new TokenMemory();
    this.clock = deps.clock ?? deps.app.clock ?? Date.now;
  }

  /** A Graph access token valid ≥ 5 more minutes, refreshed through the token endpoint when stale or when forced. */
  getAccessToken(deadline: Deadline, forceRefresh = false): Promise<string> {
    const connectionId = this.rememberedAs();
    if (forceRefresh) this.memory.drop(this.managerId, connectionId);
    else {
      const remembered = this.memory.get(this.managerId, connectionId, this.version, this.clock());
      if (remembered) return Promise.resolve(remembered);
      if (this.inFlight) return this.inFlight;
    }
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
    const cache = await this.open();
    const account = findAccount(cache, this.connection.accountId);
    if (!account) throw new ReconnectRequiredError('No cached Microsoft account for this connection');
    const { clientId } = this.deps.app;
    if (!forceRefresh) {
      const cached = findAccessToken(cache, account, clientId, GRAPH_SCOPES, this.clock() + RENEWAL_OFFSET_MS);
      if (cached) return this.remember(this.version, cached);
    }
    // msal's no_tokens_found: nothing to redeem, only a new consent helps.
    const refreshToken = findRefreshToken(cache, account, clientId);
    if (!refreshToken) throw new ReconnectRequiredError('No cached Microsoft refresh token for this connection');
    const outcome = await redeemRefreshToken(this.deps.app, refreshToken, deadline, this.throttle);
    const next = withRefreshedTokens(cache, account, clientId, REFRESH_SCOPES, outcome);
    this.cache = Promise.resolve(next.cache);
    // Chained so two refreshes of one invocation write in order, each with the version the last one returned.
    await (this.writes = this.writes.then(() => this.writeBack(next.cache, next.accessToken)));
    return next.accessToken.secret;
  }

  private remember(version: number, token: CachedAccessToken): string {
    this.memory.set(this.managerId, this.rememberedAs(), version, token.secret, token.expiresOnMs);
    return token.secret;
  }

  /**
   * The connection as its memory entry knows it: with when it was connected, since a reconnect of the same account
   * restarts the credential versions at 1 (a token of the old grant must not pass for one of the new).
   */
  private rememberedAs(): string {
    return `${this.connection.connectionId}@${this.connection.connectedAt}`;
  }

  private open(): Promise<TokenCache> {
    const { credentials } = this.connection;
    if (!credentials) return Promise.reject(new ReconnectRequiredError('No stored Microsoft token cache'));
    this.cache ??= this.deps.cipher
      .open(credentials, { managerId: this.managerId, purpose: CREDENTIALS_PURPOSE })
      .catch((error: unknown) => {
        throw error instanceof AppError
          ? error
          : new ProviderUnavailableError('Could not open the stored token cache', { cause: error });
      })
      .then(parseTokenCache)
      .catch((error: unknown) => {
        this.cache = undefined;
        throw error;
      });
    return this.cache;
  }

  private async writeBack(cache: TokenCache, token: CachedAccessToken): Promise<void> {
    const { managerId } = this;
    const { connectionId } = this.connection;
    try {
      const sealed = await this.deps.cipher.seal(serializeTokenCache(cache), {
        managerId,
        purpose: CREDENTIALS_PURPOSE,
      });
      this.version = await this.deps.store.updateCredentials(managerId, connectionId, sealed, this.version);
      this.remember(this.version, token);
    } catch (error) {
      // Another invocation stored a newer cache first. Microsoft keeps older refresh tokens valid, so ours still works
      // (not remembered: the version it would belong to is the other writer's).
      if (error instanceof ConcurrencyError) return;
      // The access token in hand is good; failing the caller for a lost write-back would only hurt the call. The
      // stored version is unchanged, so the token is remembered for it.
      this.remember(this.version, token);
      this.deps.logger?.warn('Could not store the refreshed Microsoft token cache', {
        managerId,
        connectionId,
        error: error instanceof Error ? error.name : typeof error,
      });
    }
  }
}
