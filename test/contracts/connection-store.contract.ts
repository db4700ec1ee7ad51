/** The ConnectionStore contract, written once: functions/domain/ports/connections.ts, for any store. */
import { describe, expect, it } from 'vitest';
import { ConcurrencyError, NotFoundError, ValidationError } from '../../functions/domain/errors';
import type { ConnectionStore, ManagerConnection } from '../../functions/domain/ports';
import type { WorkingSchedule } from '../../functions/domain/types';
import { caught, useScope, type Setup } from './harness';

const WORKING: WorkingSchedule = { timeZone: 'Europe/London', week: { monday: [{ start: '09:00', end: '17:00' }] } };
const PLAINTEXT = '{"RefreshToken":{"x":{"secret":"rt"}}}';
const AT = '2030-02-01T00:00:00.000Z';

const connection = (managerId: string, extra: Partial<ManagerConnection> = {}): ManagerConnection => ({
  managerId,
  provider: 'microsoft',
  account: 'pm@example.com',
  homeAccountId: 'oid.tid',
  timeZone: 'Europe/London',
  working: WORKING,
  needsReconnect: false,
  connectedAt: '2030-01-01T00:00:00.000Z',
  version: 0,
  tokenCache: 'v1.sealed.blob',
  ...extra,
});

/** Runs the whole ConnectionStore contract against the stores `setup` makes. */
export function connectionStoreContract(name: string, setup: Setup<ConnectionStore>): void {
  describe(`ConnectionStore contract: ${name}`, () => {
    const s = useScope(setup, () => undefined);
    const m = () => `m-${s.id}`;

    it('put then get round-trips a connection, get of an unknown one is undefined, reads are snapshots', async () => {
      // Prepare
      await s.store.put(connection(m()));
      // Act
      const read = await s.store.get(m());
      read!.working!.week.monday![0]!.start = '00:00';
      // Assess
      expect(await s.store.get(m())).toEqual(connection(m()));
      expect(await s.store.get(`${m()}-nobody`)).toBeUndefined();
    });

    it('put replaces the whole connection (a fresh connect)', async () => {
      // Prepare
      await s.store.put(connection(m(), { lastUsedAt: AT, needsReconnect: true, version: 7 }));
      const fresh = connection(m(), { account: 'new@example.com', working: undefined, tokenCache: 'v1.fresh.blob' });
      // Act
      await s.store.put(fresh);
      // Assess
      const read = await s.store.get(m());
      expect(read).toEqual(fresh);
      expect(read?.lastUsedAt).toBeUndefined();
    });

    it('updateTokenCache writes only at the expected version and returns the next; stale writes fail', async () => {
      // Prepare
      await s.store.put(connection(m()));
      // Act
      const v1 = await s.store.updateTokenCache(m(), 'v1.new.cache', 0);
      const v2 = await s.store.updateTokenCache(m(), 'v1.newer.cache', v1);
      const stale = await caught(s.store.updateTokenCache(m(), 'v1.loser.cache', v1));
      const missing = await caught(s.store.updateTokenCache(`${m()}-missing`, 'v1.x.x', 0));
      // Assess
      expect([v1, v2]).toEqual([1, 2]);
      expect(stale).toBeInstanceOf(ConcurrencyError);
      expect(missing).toBeInstanceOf(ConcurrencyError);
      expect(await s.store.get(m())).toMatchObject({ version: 2, tokenCache: 'v1.newer.cache' });
      expect(await s.store.get(`${m()}-missing`)).toBeUndefined();
    });

    it('of 10 parallel write-backs from one version exactly one wins, the others get ConcurrencyError', async () => {
      // Prepare
      await s.store.put(connection(m()));
      // Act
      const writes = Array.from({ length: 10 }, (_, i) => s.store.updateTokenCache(m(), `v1.c${i}.x`, 0));
      const results = await Promise.allSettled(writes);
      // Assess
      const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
      expect(won).toHaveLength(1);
      expect(results.filter((r) => r.status === 'rejected' && r.reason instanceof ConcurrencyError)).toHaveLength(9);
      expect(await s.store.get(m())).toMatchObject({ version: 1, tokenCache: `v1.c${won[0]}.x` });
    });

    it('markNeedsReconnect, touch, updateSchedule set their fields, leave version and token cache alone', async () => {
      // Prepare
      await s.store.put(connection(m()));
      const paris: WorkingSchedule = { timeZone: 'Europe/Paris', week: { friday: [{ start: '10:00', end: '12:00' }] } };
      // Act
      await s.store.markNeedsReconnect(m(), AT);
      await s.store.touch(m(), AT);
      await s.store.updateSchedule(m(), { timeZone: 'Europe/Paris', working: paris }, AT);
      const withSchedule = await s.store.get(m());
      // Assess
      const expected = { needsReconnect: true, lastUsedAt: AT, timeZone: 'Europe/Paris', working: paris };
      expect(withSchedule).toEqual({ ...connection(m()), ...expected, mailboxCheckedAt: AT });
    });

    it('updateSchedule removes the parts the owner schedule lacks, so they fall back to the defaults', async () => {
      // Prepare
      await s.store.put(connection(m()));
      const later = '2030-03-02T00:00:00.000Z';
      // Act
      await s.store.updateSchedule(m(), { timeZone: 'Asia/Tokyo' }, AT);
      const zoneOnly = await s.store.get(m());
      await s.store.updateSchedule(m(), {}, later);
      const nothing = await s.store.get(m());
      // Assess
      const base = { ...connection(m()), working: undefined };
      expect(zoneOnly).toEqual({ ...base, timeZone: 'Asia/Tokyo', mailboxCheckedAt: AT });
      expect(nothing).toEqual({ ...base, timeZone: undefined, mailboxCheckedAt: later });
    });

    it('writes to a missing connection throw NotFoundError instead of creating a partial one', async () => {
      // Act
      const errors = [
        await caught(s.store.markNeedsReconnect(m(), AT)),
        await caught(s.store.touch(m(), AT)),
        await caught(s.store.updateSchedule(m(), { timeZone: 'UTC', working: WORKING }, AT)),
      ];
      // Assess
      expect(errors.map((e) => e instanceof NotFoundError)).toEqual([true, true, true]);
      expect(await s.store.get(m())).toBeUndefined();
    });

    it('never stores a token cache that is not sealed', async () => {
      // Prepare
      await s.store.put(connection(m()));
      // Act
      const put = await caught(s.store.put(connection(`${m()}-plain`, { tokenCache: PLAINTEXT })));
      const update = await caught(s.store.updateTokenCache(m(), PLAINTEXT, 0));
      // Assess
      expect([put, update].map((e) => e instanceof ValidationError)).toEqual([true, true]);
      expect(await s.store.get(`${m()}-plain`)).toBeUndefined();
      expect(await s.store.get(m())).toMatchObject({ version: 0, tokenCache: 'v1.sealed.blob' });
    });
  });
}
