/** In-memory StateStore, DynamoStateStore's invariants: single-use states, expiry checked on read, bound invites. */
import { ConcurrencyError } from '../../functions/domain/errors';
import type { OAuthStateRecord, StateStore } from '../../functions/domain/ports';

export class MemoryStateStore implements StateStore {
  readonly states = new Map<string, OAuthStateRecord>();
  /** Used invites: the account key (connection id) each one connected. */
  readonly invites = new Map<string, string>();

  /** Never overwrites: a state collision means a bug or an attack. */
  async put(record: OAuthStateRecord) {
    if (this.states.has(record.stateHash)) throw new ConcurrencyError('OAuth state already exists');
    this.states.set(record.stateHash, pick(record));
  }

  /** An expired state is refused but not deleted, as a failed conditional delete leaves it. */
  async consume(stateHash: string, nowEpochSeconds: number) {
    const record = this.states.get(stateHash);
    if (!record || !(record.expiresAt > nowEpochSeconds)) return undefined;
    this.states.delete(stateHash);
    return record;
  }

  async claimInvite(inviteId: string, accountKey: string, _inviteExpiresAt: number) {
    const bound = this.invites.get(inviteId);
    if (bound !== undefined && bound !== accountKey) return false;
    this.invites.set(inviteId, accountKey);
    return true;
  }
}

function pick(r: OAuthStateRecord): OAuthStateRecord {
  return {
    stateHash: r.stateHash,
    managerId: r.managerId,
    provider: r.provider,
    intent: r.intent,
    codeVerifier: r.codeVerifier,
    nonce: r.nonce,
    bindingHash: r.bindingHash,
    expiresAt: r.expiresAt,
    ...(r.inviteId
      ? { inviteId: r.inviteId, inviteExpiresAt: r.inviteExpiresAt, inviteIssuedAt: r.inviteIssuedAt }
      : {}),
    ...(r.expectedEmail ? { expectedEmail: r.expectedEmail } : {}),
  };
}
