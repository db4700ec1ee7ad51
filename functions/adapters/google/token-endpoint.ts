/** Google's token and revoke endpoints over fetch: code redemption, refresh, revocation, each mapped to our errors. */
import * as z from 'zod/mini';
import type { Deadline } from '../../domain/ports';
import { ProviderError, ProviderUnavailableError, ReconnectRequiredError, ValidationError } from '../../domain/errors';
import { type RoundTrip, type TransportOptions, transportOf, type Transport } from '../shared/http-retry';
import { oauthError, sendOAuth, type OAuthReply } from './oauth-http';

/**
 * The client secret, or how to get it when first needed: only a code exchange and a refresh send it, so the functions
 * that only send a manager to Google's sign-in or revoke a grant never read it (nor may).
 */
export type ClientSecret = string | (() => Promise<string>);

export interface TokenEndpointOptions extends TransportOptions {
  clientId: string;
  clientSecret: ClientSecret;
  /** https://oauth2.googleapis.com, or the sandbox root. */
  oauth2BaseUrl: string;
  onRequest?: (event: RoundTrip) => void;
}

const tokenSchema = z.object({
  access_token: z.string().check(z.minLength(1)),
  expires_in: z.coerce.number().check(z.positive()),
  refresh_token: z.optional(z.string().check(z.minLength(1))),
  scope: z.optional(z.string()),
  id_token: z.optional(z.string().check(z.minLength(1))),
  token_type: z.optional(z.string()),
});

/** A token endpoint answer (A3/A4 shapes). */
export type TokenResponse = z.infer<typeof tokenSchema>;

const RESTART = 'The Google sign-in could not be completed. Please start again.';

/** The three form posts of the OAuth web-server flow, with client_secret in the body (client_secret_post). */
export class GoogleTokenEndpoint {
  private readonly transport: Transport;

  constructor(private readonly options: TokenEndpointOptions) {
    this.transport = transportOf(options);
  }

  /** Exchanges a code (PKCE verifier included); a rejected code is a ValidationError (the user starts again). */
  async redeem(
    input: { code: string; codeVerifier: string; redirectUri: string },
    deadline: Deadline,
  ): Promise<TokenResponse> {
    const form = {
      code: input.code,
      client_id: this.options.clientId,
      client_secret: await this.secret(),
      redirect_uri: input.redirectUri,
      grant_type: 'authorization_code',
      code_verifier: input.codeVerifier,
    };
    const reply = await this.post('/token', form, deadline, false);
    if (reply.status === 200) return readToken(reply);
    const code = oauthError(reply.body);
    // The code is spent, expired, or was not issued for this verifier and redirect: only a new sign-in helps.
    if (code === 'invalid_grant' || code === 'invalid_request') throw new ValidationError(RESTART, 'invalid_grant');
    throw rejected('Google sign-in rejected the authorization code', reply, code);
  }

  /**
   * A new access token for a refresh token. invalid_grant means the grant is gone (revoked, unused for six months,
   * evicted by the 100-token limit, or a Testing-mode app's 7 days): a ReconnectRequiredError, never retried.
   */
  async refresh(refreshToken: string, deadline: Deadline): Promise<TokenResponse> {
    const form = {
      refresh_token: refreshToken,
      client_id: this.options.clientId,
      client_secret: await this.secret(),
      grant_type: 'refresh_token',
    };
    const reply = await this.post('/token', form, deadline, true);
    if (reply.status === 200) return readToken(reply);
    const code = oauthError(reply.body);
    if (code === 'invalid_grant') throw new ReconnectRequiredError('Google refused the stored grant (invalid_grant)');
    // invalid_client, unauthorized_client, invalid_request: our configuration, not the manager's grant.
    throw rejected('Google sign-in rejected the refresh', reply, code);
  }

  /** Revokes a token; one already dead (400 invalid_token) counts as revoked. Other failures: unavailable. */
  async revoke(token: string, deadline: Deadline): Promise<void> {
    const reply = await this.post('/revoke', { token }, deadline, true);
    if (reply.status === 200 || (reply.status === 400 && oauthError(reply.body) === 'invalid_token')) return;
    throw new ProviderUnavailableError(`Google revoke answered ${reply.status} ${oauthError(reply.body) || ''}`.trim());
  }

  private async secret(): Promise<string> {
    const { clientSecret } = this.options;
    if (typeof clientSecret === 'string') return clientSecret;
    try {
      return await clientSecret();
    } catch (error) {
      // Secrets Manager not answering (or no secret here) is ours to fix, never the manager's grant.
      throw new ProviderUnavailableError('The Google client secret could not be read', { cause: error });
    }
  }

  private post(path: string, form: Record<string, string>, deadline: Deadline, retryNetwork: boolean) {
    const url = new URL(`${this.options.oauth2BaseUrl.replace(/\/+$/, '')}${path}`);
    const call = { method: 'POST' as const, url, form, path, retryNetwork };
    return sendOAuth(this.transport, call, deadline, this.options.onRequest);
  }
}

function readToken(reply: OAuthReply): TokenResponse {
  const parsed = tokenSchema.safeParse(reply.body);
  if (!parsed.success) throw new ProviderError('Google returned an unreadable token response', 200, 'InvalidToken');
  return parsed.data;
}

function rejected(message: string, reply: OAuthReply, code: string): ProviderError {
  return new ProviderError(`${message}: ${reply.status} ${code || 'unknown'}`, reply.status, code || 'unknown');
}
