/**
 * Access tokens for one Google connection within one invocation: the sealed credentials are opened once, the stored
 * access token is used while it has more than five minutes left (a warm call makes no token request), and a refresh
 * is written back sealed with the connection's credential version.
 */
import type { CalendarConnection, Cipher, Clock, ConnectionStore, Deadline, Log } from '../../domain/ports';
import { AppError, ConcurrencyError, ProviderUnavailableError, ReconnectRequiredError } from '../../domain/errors';
import { CREDENTIALS_PURPOSE } from '../../contract/credentials';
import { type GoogleCredentials, parseCredentials, serializeCredentials } from './credentials';
import type { GoogleTokenEndpoint } from './token-endpoint';

/**
 * Where the Calendar client's bearer token comes from; `forceRefresh` after a 401 skips the stored one, unless the
 * token refused (`rejected`) is no longer the stored one: a parallel call has refreshed it meanwhile.
 */
export interface AccessTokenSource {
  getAccessToken(deadline: Deadline, forceRefresh?: boolean, rejected?: string): Promise<string>;
}

export interface GoogleTokenSourceDeps {
  endpoint: GoogleTokenEndpoint;
  store: ConnectionStore;
  cipher: Cipher;
  logger?: Pick<Log, 'warn'>;
  clock?: Clock;
}

// google-auth-library's eagerRefreshThresholdMillis: a token this close to expiry is refreshed first.
const EAGER_REFRESH_MS = 300_000;
// A refresh that fails transiently may still fall back on a token with this much life left.
const USABLE_MS = 30_000;

/** One connection's tokens. Build one per connection and invocation (it holds the opened credentials in memory). */
export class GoogleTokenSource implements AccessTokenSource {
  private credentials?: Promise<GoogleCredentials>;
  private version: number;
  private writes: Promise<void> = Promise.resolve();
  // One refresh at a time: parallel reads share it, and a forced refresh joins one already under way.
  private inFlight?: Promise<string>;
  // Set by invalid_grant: the same refresh token is never sent again.
  private revoked?: ReconnectRequiredError;
  private readonly clock: Clock;

  constructor(
    private readonly managerId: string,
    private readonly connection: CalendarConnection,
    private readonly deps: GoogleTokenSourceDeps,
  ) {
    this.version = connection.version;
    this.clock = deps.clock ?? Date.now;
  }

  /** The stored access token while fresh; otherwise (or when forced) one from a refresh. */
  async getAccessToken(deadline: Deadline, forceRefresh = false, rejected?: string): Promise<string> {
    if (this.revoked) throw this.revoked;
    const early = this.inFlight && (await this.join(this.inFlight, forceRefresh, rejected));
    if (early) return early;
    const current = await this.open();
    const fresh = !!current.accessToken && current.accessTokenExpiresAt - EAGER_REFRESH_MS > this.clock();
    // A refusal of an older token is answered by the newer one: one refresh serves every call that hit the 401.
    const renewed = rejected !== undefined && current.accessToken !== rejected;
    if (fresh && (!forceRefresh || renewed)) return current.accessToken;
    // Checked again with no await before the refresh starts, so parallel callers share one.
    const joined = this.inFlight && (await this.join(this.inFlight, forceRefresh, rejected));
    if (joined) return joined;
    const run = this.refresh(current, deadline, forceRefresh);
    this.inFlight = run;
    const clear = () => {
      if (this.inFlight === run) this.inFlight = undefined;
    };
    run.then(clear, clear);
    return run;
  }

  /**
   * The result of a refresh already under way, if it answers this call: not for a forced call whose refused token is
   * what it gave back (an eager refresh Google could not answer falls back on the stored token).
   */
  private async join(
    inFlight: Promise<string>,
    forceRefresh: boolean,
    rejected: string | undefined,
  ): Promise<string | undefined> {
    const joined = await inFlight;
    return !forceRefresh || rejected === undefined || joined !== rejected ? joined : undefined;
  }

  private async refresh(current: GoogleCredentials, deadline: Deadline, forced: boolean): Promise<string> {
    let token: Awaited<ReturnType<GoogleTokenEndpoint['refresh']>>;
    try {
      token = await this.deps.endpoint.refresh(current.refreshToken, deadline);
    } catch (error) {
      if (error instanceof ReconnectRequiredError) this.revoked = error;
      // An eager refresh that Google could not answer: the stored token still works for a while.
      const usable = current.accessToken && current.accessTokenExpiresAt - USABLE_MS > this.clock();
      if (error instanceof ProviderUnavailableError && !forced && usable) return current.accessToken;
      throw error;
    }
    const next: GoogleCredentials = {
      // Google does not rotate refresh tokens; should one come back anyway, it is the newer grant.
      refreshToken: token.refresh_token ?? current.refreshToken,
      accessToken: token.access_token,
      accessTokenExpiresAt: this.clock() + token.expires_in * 1000,
      scope: token.scope ?? current.scope,
    };
    this.credentials = Promise.resolve(next);
    // Chained so two refreshes of one invocation write in order, each with the version the last one returned.
    await (this.writes = this.writes.then(() => this.writeBack(next)));
    return next.accessToken;
  }

  private open(): Promise<GoogleCredentials> {
    const { credentials } = this.connection;
    if (!credentials) return Promise.reject(new ReconnectRequiredError('No stored Google credentials'));
    this.credentials ??= this.deps.cipher
      .open(credentials, { managerId: this.managerId, purpose: CREDENTIALS_PURPOSE })
      .then(parseCredentials)
      .catch((error: unknown) => {
        this.credentials = undefined;
        throw error instanceof AppError
          ? error
          : new ProviderUnavailableError('Could not open the stored Google credentials', { cause: error });
      });
    return this.credentials;
  }

  private async writeBack(next: GoogleCredentials): Promise<void> {
    const { managerId } = this;
    const { connectionId } = this.connection;
    try {
      const sealed = await this.deps.cipher.seal(serializeCredentials(next), {
        managerId,
        purpose: CREDENTIALS_PURPOSE,
      });
      this.version = await this.deps.store.updateCredentials(managerId, connectionId, sealed, this.version);
    } catch (error) {
      // Another invocation refreshed and stored first; its access token and ours are both valid.
      if (error instanceof ConcurrencyError) return;
      // The token in hand is good: failing the call for a lost write-back would only hurt it.
      this.deps.logger?.warn('Could not store the refreshed Google credentials', {
        managerId,
        connectionId,
        error: error instanceof Error ? error.name : typeof error,
      });
    }
  }
}
