/** OAuth leg 1 (authorize URL) and leg 2 (code redemption) with msal-node; the caller makes PKCE S256 and nonce. */
import type { AuthorizationClient, Deadline, RedeemedGrant } from '../../domain/ports';
import { ProviderError } from '../../domain/errors';
import { currentClientSecret } from './client-secret';
import { AUTHORIZE_SCOPES, GRAPH_SCOPES, createMsalClient, type MsalLogSink } from './msal-client';
import { toRedeemError } from './msal-errors';
import { MsalNetworkClient, rewriteLoginUrl } from './network-client';
import { grantedScopes, missingScopes } from './scopes';
import type { TokenAppOptions } from './token-refresh';

/** The app registration and transport: a refresh's (TokenAppOptions), plus where msal's own log lines go. */
export interface MicrosoftAppOptions extends TokenAppOptions {
  log?: MsalLogSink;
}

/** AuthorizationClient on msal-node: a fresh, cache-less CCA per call, so no user's tokens outlive the request. */
export class MsalAuthorizationClient implements AuthorizationClient {
  constructor(private readonly options: MicrosoftAppOptions) {}

  /**
   * The Microsoft authorize URL (sandbox origin when loginBaseUrl is set, so the browser reaches the emulator). Without
   * a hint the account picker shows; with one, msal sends login_hint and no prompt (it drops a hint beside
   * select_account, which Entra refuses), so the expected account is pre-filled.
   */
  async buildAuthorizeUrl(input: {
    state: string;
    codeChallenge: string;
    nonce: string;
    redirectUri: string;
    loginHint?: string;
  }): Promise<string> {
    const loginHint = input.loginHint?.trim();
    const url = await (await this.client()).cca.getAuthCodeUrl({
      scopes: AUTHORIZE_SCOPES,
      redirectUri: input.redirectUri,
      codeChallenge: input.codeChallenge,
      codeChallengeMethod: 'S256',
      state: input.state,
      nonce: input.nonce,
      ...(loginHint ? { loginHint } : { prompt: 'select_account' }),
      responseMode: 'query',
    });
    return rewriteLoginUrl(url, this.options.loginBaseUrl);
  }

  /**
   * Redeems the code (PKCE verifier and nonce checked): the account (msal's homeAccountId, its sign-in name), the
   * scopes granted, and the serialized msal cache to seal as the connection's credentials.
   */
  async redeemCode(
    input: { code: string; codeVerifier: string; nonce: string; redirectUri: string },
    deadline: Deadline,
  ): Promise<RedeemedGrant> {
    const { cca, network } = await this.client(deadline);
    try {
      // msal v7 rejects an id_token nonce unless the expected one is passed here too.
      const result = await cca.acquireTokenByCode({
        code: input.code,
        scopes: GRAPH_SCOPES,
        redirectUri: input.redirectUri,
        codeVerifier: input.codeVerifier,
        nonce: input.nonce,
      });
      if (!result.account?.homeAccountId)
        throw new ProviderError('Microsoft sign-in returned no account', 200, 'NoAccount');
      const { homeAccountId, username, name } = result.account;
      const credentials = cca.getTokenCache().serialize();
      return {
        account: { accountId: homeAccountId, email: username, ...(name ? { name } : {}) },
        grantedScopes: grantedScopes(result.scopes ?? [], credentials),
        credentials,
      };
    } catch (error) {
      throw toRedeemError(error, network.lastStatus);
    }
  }

  /** Which of Calendars.ReadWrite, MailboxSettings.Read, User.Read and offline_access `granted` lacks. */
  missingScopes(granted: readonly string[]): string[] {
    return missingScopes(granted);
  }

  private async client(deadline?: Deadline) {
    const { fetch, loginBaseUrl, timeoutMs, onLoginRequest } = this.options;
    const clientSecret = await currentClientSecret(this.options.clientSecret);
    const network = new MsalNetworkClient({ fetch, loginBaseUrl, timeoutMs, onRequest: onLoginRequest });
    network.setDeadline(deadline);
    return { network, cca: createMsalClient({ ...this.options, clientSecret, networkClient: network }) };
  }
}
