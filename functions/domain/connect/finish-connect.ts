/**
 * The connect flow, leg 2: the provider's callback → a sealed connection stored beside the manager's others. The
 * state is used once; the browser must be the one that started; the grant must carry the scopes we need and, when the
 * invite names one, the expected account; a first connection binds its invite to the account it connected.
 */
import { CREDENTIALS_PURPOSE } from '../../contract/credentials';
import { ConcurrencyError, ExpiredError, ValidationError } from '../errors';
import {
  type CalendarAccess,
  type CalendarConnection,
  type Cipher,
  type ConnectionStore,
  type OAuthStateRecord,
  type RedeemedGrant,
  versionsOf,
} from '../ports';
import { assignRoles, connectionIdFor, hasBook } from './calendar-roles';
import type { ConnectDeps } from './connect-calendar';
import { checkCallback, type CallbackInput } from './callback-checks';
import { inviteOlderThan } from './invite-age';

export type { CallbackInput } from './callback-checks';

export interface FinishDeps extends Omit<ConnectDeps, 'inviteSigningKey'> {
  connections: ConnectionStore;
  calendars: CalendarAccess;
  cipher: Cipher;
  /** Milliseconds allowed for the code exchange and the first calendar reads. */
  budgetMs: number;
}

const USED_INVITE = 'This connect link was already used to connect a different account. Ask for a new link.';
const OLDER_INVITE =
  'This connect link is older than the calendars connected for this manager, so it cannot connect another account. ' +
  'Nothing was connected. Ask for a new link.';
const ADD_FROM_PAGE =
  'This manager already has a calendar connected with another account. To add this one, use "Connect another ' +
  'account" on the page your link opens.';
const SCOPES =
  'The calendar was not connected: calendar access was not allowed. Please allow calendar access and try again.';

/** Checks the callback, redeems the code and stores the sealed connection; returns it and the manager's others. */
export async function finishConnect(
  input: CallbackInput,
  deps: FinishDeps,
): Promise<{ managerId: string; connection: CalendarConnection; connections: CalendarConnection[] }> {
  const now = deps.clock();
  const pending = await checkCallback(input, deps.states, now);
  const plugin = deps.providers.get(pending.provider);
  if (!plugin)
    throw new ExpiredError('This sign-in attempt can no longer be finished. Start again from your invite link.');
  const deadline = { at: now + deps.budgetMs };
  const grant = await plugin.authorization.redeemCode(
    { code: input.code!, codeVerifier: pending.codeVerifier, nonce: pending.nonce, redirectUri: deps.redirectUri },
    deadline,
  );
  if (plugin.authorization.missingScopes(grant.grantedScopes).length) throw new ValidationError(SCOPES, 'scopes');
  const connectionId = connectionIdFor(plugin.id, grant.account.accountId);
  const sealed = await deps.cipher.seal(grant.credentials, {
    managerId: pending.managerId,
    purpose: CREDENTIALS_PURPOSE,
  });
  const draft = draftConnection(pending, grant, connectionId, sealed, new Date(now).toISOString());
  // Version 0 matches nothing stored, so a token write-back during these reads cannot touch a live connection.
  const provider = deps.calendars.open(pending.managerId, draft);
  const [account, listed, schedule] = await Promise.all([
    provider.getAccount(deadline),
    provider.listCalendars(deadline),
    provider.getOwnerSchedule(deadline),
  ]);
  checkExpectedAccount(pending.expectedEmail, account.email, grant.account.email);
  for (let attempt = 0; ; attempt++) {
    const record = await deps.connections.get(pending.managerId);
    const others = record?.connections.filter((c) => c.connectionId !== connectionId) ?? [];
    const previous = record?.connections.find((c) => c.connectionId === connectionId);
    if (!previous) await guardNewAccount(pending, others, connectionId, deps);
    const connection: CalendarConnection = {
      ...draft,
      account: account.email,
      displayName: account.name ?? draft.displayName,
      calendars: assignRoles(listed, previous?.calendars ?? [], !hasBook(others)),
      // A reconnect bumps the version, so a write-back in flight for the old grant cannot overwrite the new one.
      version: (previous?.version ?? 0) + 1,
      schedule,
      scheduleCheckedAt: new Date(deps.clock()).toISOString(),
      connectedAt: previous?.connectedAt ?? draft.connectedAt,
    };
    const connections = previous
      ? record!.connections.map((c) => (c.connectionId === connectionId ? connection : c))
      : [...others, connection];
    try {
      await deps.connections.save(
        { managerId: pending.managerId, connections, revision: record?.revision ?? 0 },
        record && versionsOf(record),
      );
      return { managerId: pending.managerId, connection, connections };
    } catch (error) {
      // Someone changed the manager's connections meanwhile (a token write-back, a role change): read and try again.
      if (!(error instanceof ConcurrencyError) || attempt >= 2) throw error;
    }
  }
}

function draftConnection(
  pending: OAuthStateRecord,
  grant: RedeemedGrant,
  connectionId: string,
  sealed: string,
  at: string,
): CalendarConnection {
  return {
    connectionId,
    provider: pending.provider,
    accountId: grant.account.accountId,
    account: grant.account.email,
    displayName: grant.account.name,
    calendars: [],
    credentials: sealed,
    needsReconnect: false,
    connectedAt: at,
    version: 0,
  };
}

/** An invite naming an account connects only that account (its address or sign-in name, either way round). */
function checkExpectedAccount(expected: string | undefined, ...signedInAs: string[]): void {
  if (!expected) return;
  if (signedInAs.some((address) => address.trim().toLowerCase() === expected)) return;
  throw new ValidationError(
    `This link is for ${expected}, but the sign-in was for another account. Nothing was connected. ` +
      `Start again from your invite link and sign in as ${expected}.`,
    'account_mismatch',
  );
}

/**
 * A new account: the manager's first binds the invite to itself (a forwarded or leaked link cannot later connect
 * someone else's account in its place); beside existing ones, only on purpose ("Connect another account") and only
 * with an invite issued since they were connected (invite-age.ts).
 */
async function guardNewAccount(
  pending: OAuthStateRecord,
  others: readonly CalendarConnection[],
  connectionId: string,
  deps: FinishDeps,
): Promise<void> {
  if (others.length) {
    if (inviteOlderThan(pending.inviteIssuedAt, others)) throw new ExpiredError(OLDER_INVITE);
    if (pending.intent !== 'add') throw new ValidationError(ADD_FROM_PAGE, 'add_account');
    return;
  }
  const expiresAt = pending.inviteExpiresAt ?? pending.expiresAt;
  if (pending.inviteId && !(await deps.states.claimInvite(pending.inviteId, connectionId, expiresAt))) {
    throw new ExpiredError(USED_INVITE);
  }
}
