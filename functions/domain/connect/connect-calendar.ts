/** The connect flow: start (invite → Microsoft) and finish (callback → encrypted connection). */
import { CREDENTIALS_PURPOSE } from '../../contract/credentials';
import { ExpiredError, ValidationError } from '../errors';
import type {
  AuthorizationClient,
  CalendarAccess,
  Cipher,
  Clock,
  ConnectionStore,
  ManagerConnection,
  StateStore,
} from '../ports';
import { verifyInviteToken } from './invite';
import { bindingMatches, newOAuthTransaction, sha256, STATE_TTL_SECONDS } from './oauth-transaction';

const USED_INVITE = 'This connect link was already used to connect a different Microsoft account. Ask for a new link.';

const OLDER_INVITE =
  'This connect link is older than the current calendar connection and signs in a different Microsoft account. Ask for a new link.';

export interface ConnectDeps {
  states: StateStore;
  auth: AuthorizationClient;
  clock: Clock;
  redirectUri: string;
  inviteSigningKey: string;
}

export interface FinishDeps extends Omit<ConnectDeps, 'inviteSigningKey'> {
  connections: ConnectionStore;
  calendars: CalendarAccess;
  cipher: Cipher;
  /** Milliseconds allowed for the code exchange and the first Graph reads. */
  budgetMs: number;
}

/** Verifies the invite, stores a pending authorization, and returns Microsoft's URL plus the binding cookie value. */
export async function startConnect(
  invite: string | undefined,
  deps: ConnectDeps,
): Promise<{ authorizeUrl: string; binding: string; managerId: string; state: string }> {
  const now = deps.clock();
  const {
    managerId,
    inviteId,
    expiresAt: inviteExpiresAt,
    issuedAt: inviteIssuedAt,
  } = verifyInviteToken(invite, deps.inviteSigningKey, now);
  const tx = newOAuthTransaction();
  await deps.states.put({
    stateHash: sha256(tx.state),
    managerId,
    codeVerifier: tx.codeVerifier,
    nonce: tx.nonce,
    bindingHash: sha256(tx.binding),
    expiresAt: Math.floor(now / 1000) + STATE_TTL_SECONDS,
    inviteId,
    inviteExpiresAt,
    inviteIssuedAt,
  });
  const authorizeUrl = await deps.auth.buildAuthorizeUrl({
    state: tx.state,
    codeChallenge: tx.codeChallenge,
    nonce: tx.nonce,
    redirectUri: deps.redirectUri,
  });
  return { authorizeUrl, binding: tx.binding, managerId, state: tx.state };
}

export interface CallbackInput {
  state?: string;
  code?: string;
  error?: string;
  bindingCookie?: string;
}

/** Consumes the state (once), checks the browser binding, redeems the code and stores the sealed connection. */
export async function finishConnect(input: CallbackInput, deps: FinishDeps): Promise<ManagerConnection> {
  if (!input.state)
    throw new ValidationError(
      'This sign-in response is incomplete. Start again from your invite link.',
      'state_missing',
    );
  const now = deps.clock();
  // Consumed even when Microsoft reports an error, so a state can never be used twice.
  const pending = await deps.states.consume(sha256(input.state), Math.floor(now / 1000));
  if (!pending)
    throw new ExpiredError('This sign-in attempt has expired or was already used. Start again from your invite link.');
  if (!bindingMatches(input.bindingCookie, pending.bindingHash)) {
    throw new ValidationError(
      'Please finish connecting in the same browser you started in. Start again from your invite link.',
      'binding',
    );
  }
  if (input.error)
    throw new ValidationError(
      'Microsoft sign-in was cancelled or refused. You can start again from your invite link.',
      'denied',
    );
  if (!input.code)
    throw new ValidationError(
      'This sign-in response is incomplete. Start again from your invite link.',
      'code_missing',
    );

  const deadline = { at: now + deps.budgetMs };
  const grant = await deps.auth.redeemCode(
    { code: input.code, codeVerifier: pending.codeVerifier, nonce: pending.nonce, redirectUri: deps.redirectUri },
    deadline,
  );
  await guardAccount(pending, grant.homeAccountId, deps);
  const sealed = await deps.cipher.seal(grant.tokenCache, {
    managerId: pending.managerId,
    purpose: CREDENTIALS_PURPOSE,
  });
  const draft: ManagerConnection = {
    managerId: pending.managerId,
    provider: 'microsoft',
    account: grant.username,
    displayName: grant.name,
    homeAccountId: grant.homeAccountId,
    needsReconnect: false,
    connectedAt: new Date(now).toISOString(),
    // Version 0 matches no stored row, so a token write-back during the reads below cannot touch a live connection.
    version: 0,
    tokenCache: sealed,
  };
  const calendar = deps.calendars.forConnection(draft);
  const profile = await calendar.getProfile(deadline);
  const schedule = await calendar.getOwnerSchedule(deadline);
  const connection: ManagerConnection = {
    ...draft,
    account: profile.mail ?? profile.userPrincipalName ?? grant.username,
    displayName: profile.displayName ?? grant.name,
    // Absent parts mean "use the configured default", which then follows later config changes.
    timeZone: schedule.timeZone,
    working: schedule.working,
    mailboxCheckedAt: new Date(deps.clock()).toISOString(),
  };
  // A reconnect bumps the version, so a write-back still in flight for the old grant cannot overwrite the new cache.
  const previous = await deps.connections.get(connection.managerId);
  const stored = { ...connection, version: (previous?.version ?? 0) + 1 };
  await deps.connections.put(stored);
  return stored;
}

/**
 * Who may connect: an invite is bound to the first account it connects (the manager may reconnect with it), and an
 * invite issued before the current connection cannot switch that connection to another account. So a forwarded or
 * leaked link, used or not, cannot re-link the manager's calendar to someone else.
 */
async function guardAccount(
  pending: {
    managerId: string;
    inviteId?: string;
    inviteExpiresAt?: number;
    inviteIssuedAt?: number;
    expiresAt: number;
  },
  homeAccountId: string,
  deps: FinishDeps,
): Promise<void> {
  const current = await deps.connections.get(pending.managerId);
  if (
    current &&
    current.homeAccountId !== homeAccountId &&
    (pending.inviteIssuedAt ?? 0) * 1000 < Date.parse(current.connectedAt)
  ) {
    throw new ExpiredError(OLDER_INVITE);
  }
  if (
    pending.inviteId &&
    !(await deps.states.claimInvite(pending.inviteId, homeAccountId, pending.inviteExpiresAt ?? pending.expiresAt))
  ) {
    throw new ExpiredError(USED_INVITE);
  }
}
