/** OAuth leg 1 (authorize URL) and leg 2 (code redemption, id_token verified) for Google; PKCE and nonce are given. */
import type { AuthorizationClient, Deadline, RedeemedGrant } from '../../domain/ports';
import { ProviderError } from '../../domain/errors';
import { serializeCredentials } from './credentials';
import { type RoundTrip, type TransportOptions, transportOf, type Transport } from '../shared/http-retry';
import { verifyIdToken } from './id-token';
import { GoogleSigningKeys, type JwksCache } from './jwks';
import { AUTHORIZE_SCOPES, missingScopes, parseScope } from './scopes';
import { type ClientSecret, GoogleTokenEndpoint } from './token-endpoint';

export interface GoogleAppOptions extends TransportOptions {
  clientId: string;
  /** Already resolved from Secrets Manager or the local env. */
  clientSecret: ClientSecret;
  accountsBaseUrl: string;
  oauth2BaseUrl: string;
  apiBaseUrl: string;
  /** Token, revoke and signing-key round trips. */
  onRequest?: (event: RoundTrip) => void;
  /** Tests only: a key cache of their own instead of the container's. */
  jwksCache?: JwksCache;
}

/** AuthorizationClient for Google over fetch: nothing is kept between calls but the signing keys. */
export class GoogleAuthorizationClient implements AuthorizationClient {
  private readonly transport: Transport;
  private readonly tokens: GoogleTokenEndpoint;
  private readonly keys: GoogleSigningKeys;

  constructor(private readonly options: GoogleAppOptions) {
    this.transport = transportOf(options);
    this.tokens = new GoogleTokenEndpoint(options);
    const path = '/oauth2/v3/certs';
    this.keys = new GoogleSigningKeys({
      url: new URL(`${options.apiBaseUrl.replace(/\/+$/, '')}${path}`),
      path,
      transport: this.transport,
      onRequest: options.onRequest,
      cache: options.jwksCache,
    });
  }

  /**
   * The authorize URL: offline access with prompt=consent, so a refresh token always comes back (Google sends one only
   * when the consent screen was shown), and include_granted_scopes for incremental consent.
   */
  async buildAuthorizeUrl(input: {
    state: string;
    codeChallenge: string;
    nonce: string;
    redirectUri: string;
    loginHint?: string;
  }): Promise<string> {
    const loginHint = input.loginHint?.trim();
    const params: Array<[string, string]> = [
      ['client_id', this.options.clientId],
      ['redirect_uri', input.redirectUri],
      ['response_type', 'code'],
      ['scope', AUTHORIZE_SCOPES.join(' ')],
      ['access_type', 'offline'],
      ['prompt', 'consent'],
      ['include_granted_scopes', 'true'],
      ['state', input.state],
      ['code_challenge', input.codeChallenge],
      ['code_challenge_method', 'S256'],
      ['nonce', input.nonce],
      ...(loginHint ? [['login_hint', loginHint] as [string, string]] : []),
    ];
    // %20 rather than URLSearchParams' "+": both mean a space, but %20 reads the same to every parser.
    const query = params.map(([key, value]) => `${key}=${encodeURIComponent(value)}`).join('&');
    return `${this.options.accountsBaseUrl.replace(/\/+$/, '')}/o/oauth2/v2/auth?${query}`;
  }

  /**
   * Redeems the code and verifies the id_token (signature, issuer, audience, nonce, expiry): the account (sub, email),
   * the scopes granted, and the credentials JSON to seal. A grant without a refresh token is useless offline.
   */
  async redeemCode(
    input: { code: string; codeVerifier: string; nonce: string; redirectUri: string },
    deadline: Deadline,
  ): Promise<RedeemedGrant> {
    const token = await this.tokens.redeem(input, deadline);
    if (!token.id_token) throw new ProviderError('Google returned no id_token (openid was asked)', 200, 'NoIdToken');
    const expected = { clientId: this.options.clientId, nonce: input.nonce, now: this.transport.clock() };
    const account = await verifyIdToken(token.id_token, expected, this.keys, deadline);
    if (!token.refresh_token) {
      throw new ProviderError(
        'Google returned no refresh token (offline access with consent was asked)',
        200,
        'NoRefreshToken',
      );
    }
    const scope = token.scope ?? '';
    const credentials = serializeCredentials({
      refreshToken: token.refresh_token,
      accessToken: token.access_token,
      accessTokenExpiresAt: this.transport.clock() + token.expires_in * 1000,
      scope,
    });
    return { account, grantedScopes: parseScope(scope), credentials };
  }

  /** Which of calendar.events and calendar.readonly `granted` lacks. */
  missingScopes(granted: readonly string[]): string[] {
    return missingScopes(granted);
  }
}
