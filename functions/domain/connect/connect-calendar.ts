/** The connect flow, leg 1: a verified invite and the provider the manager chose → the provider's sign-in page. */
import { ValidationError } from '../errors';
import type { Clock, ProviderRegistry, StateStore } from '../ports';
import { verifyInviteToken } from './invite';
import { newOAuthTransaction, STATE_TTL_SECONDS, sha256 } from './oauth-transaction';

export interface ConnectDeps {
  states: StateStore;
  providers: ProviderRegistry;
  clock: Clock;
  redirectUri: string;
  inviteSigningKey: string;
}

/** What the manager asked for: the provider, and whether to add an account beside the ones connected. */
export interface ConnectRequest {
  invite: string | undefined;
  provider: string;
  /** "add": connect another account (the manager's page); otherwise connect or reconnect. */
  intent?: 'connect' | 'add';
}

/**
 * Verifies the invite, stores a pending authorization, and returns the provider's URL plus the binding cookie value.
 */
export async function startConnect(
  request: ConnectRequest,
  deps: ConnectDeps,
): Promise<{ authorizeUrl: string; binding: string; managerId: string; state: string }> {
  const now = deps.clock();
  const invite = verifyInviteToken(request.invite, deps.inviteSigningKey, now);
  const plugin = deps.providers.get(request.provider);
  // A pinned link connects only its provider (the page offers no other button; a hand-made POST is refused).
  if (!plugin || (invite.provider !== undefined && plugin.id !== invite.provider)) {
    throw new ValidationError('Choose one of the calendar providers on the page.', 'provider');
  }
  const tx = newOAuthTransaction();
  await deps.states.put({
    stateHash: sha256(tx.state),
    managerId: invite.managerId,
    provider: plugin.id,
    intent: request.intent === 'add' ? 'add' : 'connect',
    codeVerifier: tx.codeVerifier,
    nonce: tx.nonce,
    bindingHash: sha256(tx.binding),
    expiresAt: Math.floor(now / 1000) + STATE_TTL_SECONDS,
    inviteId: invite.inviteId,
    inviteExpiresAt: invite.expiresAt,
    inviteIssuedAt: invite.issuedAt,
    expectedEmail: invite.email,
  });
  const authorizeUrl = await plugin.authorization.buildAuthorizeUrl({
    state: tx.state,
    codeChallenge: tx.codeChallenge,
    nonce: tx.nonce,
    redirectUri: deps.redirectUri,
    loginHint: invite.email,
  });
  return { authorizeUrl, binding: tx.binding, managerId: invite.managerId, state: tx.state };
}
