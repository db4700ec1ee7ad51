/** The StateStore contract, written once: single-use OAuth states, expiry checked on read, invites bound once. */
import { describe, expect, it } from 'vitest';
import { ConcurrencyError } from '../../functions/domain/errors';
import type { OAuthStateRecord, StateStore } from '../../functions/domain/ports';
import { caught, useScope, type Setup } from './harness';

/** Epoch seconds "now" of every test. */
const NOW_S = 1_900_000_000;

const record = (stateHash: string, extra: Partial<OAuthStateRecord> = {}): OAuthStateRecord => ({
  stateHash,
  managerId: 'm-1',
  provider: 'microsoft',
  intent: 'connect',
  codeVerifier: 'v'.repeat(43),
  nonce: 'n-1',
  bindingHash: 'b-1',
  expiresAt: NOW_S + 600,
  ...extra,
});

/** Runs the whole StateStore contract against the stores `setup` makes. */
export function stateStoreContract(name: string, setup: Setup<StateStore>): void {
  describe(`StateStore contract: ${name}`, () => {
    const s = useScope(setup, () => undefined);
    const h = (name: string) => `${s.id}-${name}`;

    it('consume returns the stored record once and then never again (single use)', async () => {
      // Prepare
      const invite = { inviteId: 'inv-1', inviteExpiresAt: NOW_S + 3_600, inviteIssuedAt: NOW_S - 60 };
      const invited = record(h('invited'), invite);
      await s.store.put(record(h('plain')));
      await s.store.put(invited);
      // Act
      const first = await s.store.consume(h('plain'), NOW_S);
      const replay = await s.store.consume(h('plain'), NOW_S);
      const withInvite = await s.store.consume(h('invited'), NOW_S);
      // Assess
      expect(first).toEqual(record(h('plain')));
      expect(replay).toBeUndefined();
      expect(withInvite).toEqual(invited);
      expect(await s.store.consume(h('never-stored'), NOW_S)).toBeUndefined();
    });

    it('keeps the provider, the intent and the expected account of an authorization', async () => {
      // Prepare
      const added = record(h('add'), { provider: 'fake', intent: 'add', expectedEmail: 'pat@contoso.example' });
      await s.store.put(added);
      // Act
      const read = await s.store.consume(h('add'), NOW_S);
      // Assess
      expect(read).toEqual(added);
    });

    it('put never overwrites an existing state', async () => {
      // Prepare
      await s.store.put(record(h('dup')));
      // Act
      const second = await caught(s.store.put(record(h('dup'), { managerId: 'attacker' })));
      // Assess
      expect(second).toBeInstanceOf(ConcurrencyError);
      expect((await s.store.consume(h('dup'), NOW_S))?.managerId).toBe('m-1');
    });

    it('expiry is checked on read: void from its expiresAt second; a refused consume burns nothing', async () => {
      // Prepare
      await s.store.put(record(h('edge'), { expiresAt: NOW_S }));
      await s.store.put(record(h('past'), { expiresAt: NOW_S - 1 }));
      // Act
      const atExpiry = await s.store.consume(h('edge'), NOW_S);
      const expired = await s.store.consume(h('past'), NOW_S);
      const justBefore = await s.store.consume(h('edge'), NOW_S - 1);
      // Assess
      expect(atExpiry).toBeUndefined();
      expect(expired).toBeUndefined();
      expect(justBefore?.stateHash).toBe(h('edge'));
    });

    it('of 20 parallel consumes of one state exactly one gets the record', async () => {
      // Prepare
      await s.store.put(record(h('race')));
      // Act
      const results = await Promise.all(Array.from({ length: 20 }, () => s.store.consume(h('race'), NOW_S)));
      // Assess
      expect(results.filter((r) => r !== undefined)).toEqual([record(h('race'))]);
    });

    it('claimInvite binds an invite to the first account key (a connection id): that one again, no other', async () => {
      // Prepare
      const exp = NOW_S + 3_600;
      // Act
      const first = await s.store.claimInvite(h('inv'), 'microsoft-a', exp);
      const sameAgain = await s.store.claimInvite(h('inv'), 'microsoft-a', exp);
      const other = await s.store.claimInvite(h('inv'), 'microsoft-b', exp);
      const stillBound = await s.store.claimInvite(h('inv'), 'microsoft-a', exp);
      const otherInvite = await s.store.claimInvite(h('inv-2'), 'microsoft-b', exp);
      // Assess
      expect([first, sameAgain, other, stillBound, otherInvite]).toEqual([true, true, false, true, true]);
    });

    it('of 10 accounts claiming one invite in parallel exactly one wins', async () => {
      // Act
      const attempts = Array.from({ length: 10 }, (_, i) =>
        s.store.claimInvite(h('race'), `microsoft-${i}`, NOW_S + 60),
      );
      const claims = await Promise.all(attempts);
      // Assess
      const winners = claims.flatMap((won, i) => (won ? [`microsoft-${i}`] : []));
      expect(winners).toHaveLength(1);
      expect(await s.store.claimInvite(h('race'), winners[0]!, NOW_S + 60)).toBe(true);
    });
  });
}
