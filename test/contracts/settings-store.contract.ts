/** The SettingsStore contract (functions/domain/ports/connections.ts): a value sets, null removes, absent keeps. */
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../functions/domain/errors';
import type { SettingsChanges, SettingsStore } from '../../functions/domain/ports';
import { caught, useScope, type Setup } from './harness';

const AT = '2030-02-01T00:00:00.000Z';
const LONDON = { timeZone: 'Europe/London', workingHours: 'mon-fri 09:00-17:00' };

/** Runs the whole SettingsStore contract against the stores `setup` makes. */
export function settingsStoreContract(name: string, setup: Setup<SettingsStore>): void {
  describe(`SettingsStore contract: ${name}`, () => {
    const s = useScope(setup, () => undefined);
    const m = () => `m-${s.id}`;

    it('merge stores the given settings and returns them, get reads them; unknown: undefined', async () => {
      // Act
      const merged = await s.store.merge(m(), { ...LONDON, slotMinutes: 45, tentativeBlocks: false }, AT);
      // Assess
      expect(merged).toEqual({ ...LONDON, slotMinutes: 45, tentativeBlocks: false });
      expect(await s.store.get(m())).toEqual(merged);
      expect(await s.store.get(`${m()}-nobody`)).toBeUndefined();
    });

    it('a later merge sets what it names, removes its nulls, keeps the rest, returns the result', async () => {
      // Prepare
      await s.store.merge(m(), { ...LONDON, slotMinutes: 45, bufferMinutes: 10 }, AT);
      // Act
      const merged = await s.store.merge(m(), { timeZone: 'Europe/Paris', bufferMinutes: null, horizonDays: 7 }, AT);
      // Assess
      const expected = { timeZone: 'Europe/Paris', workingHours: LONDON.workingHours, slotMinutes: 45, horizonDays: 7 };
      expect(merged).toEqual(expected);
      expect(await s.store.get(m())).toEqual(expected);
    });

    it('nulls alone never create settings; an empty change returns what is stored', async () => {
      // Act
      const removed = await s.store.merge(m(), { timeZone: null, slotMinutes: null }, AT);
      const nothing = await s.store.merge(m(), {}, AT);
      await s.store.merge(`${m()}-set`, LONDON, AT);
      const unchanged = await s.store.merge(`${m()}-set`, { slotMinutes: undefined }, AT);
      // Assess
      expect([removed, nothing]).toEqual([{}, {}]);
      expect(await s.store.get(m())).toBeUndefined();
      expect(unchanged).toEqual(LONDON);
    });

    it('removing every setting leaves empty settings, not an error', async () => {
      // Prepare
      await s.store.merge(m(), LONDON, AT);
      // Act
      const merged = await s.store.merge(m(), { timeZone: null, workingHours: null }, AT);
      // Assess
      expect(merged).toEqual({});
      expect(await s.store.get(m())).toEqual({});
    });

    it('refuses an unknown setting or a bad value with ValidationError and stores nothing of that change', async () => {
      // Prepare
      await s.store.merge(m(), LONDON, AT);
      // Act
      const errors = [
        await caught(s.store.merge(m(), { slotMinute: 30 } as SettingsChanges, AT)),
        await caught(s.store.merge(m(), { timeZone: 'Mars/Olympus', slotMinutes: 30 }, AT)),
        await caught(s.store.merge(m(), { managerId: 'other' } as SettingsChanges, AT)),
      ];
      // Assess
      expect(errors.map((e) => e instanceof ValidationError)).toEqual([true, true, true]);
      expect(await s.store.get(m())).toEqual(LONDON);
    });

    it('parallel merges of different settings all land (no read-modify-write)', async () => {
      // Act
      await Promise.all([
        s.store.merge(m(), { slotMinutes: 30 }, AT),
        s.store.merge(m(), { bufferMinutes: 5 }, AT),
        s.store.merge(m(), { minNoticeMinutes: 60 }, AT),
        s.store.merge(m(), { horizonDays: 21 }, AT),
      ]);
      // Assess
      expect(await s.store.get(m())).toEqual({
        slotMinutes: 30,
        bufferMinutes: 5,
        minNoticeMinutes: 60,
        horizonDays: 21,
      });
    });
  });
}
