/** BookingStore contract: bookings counted per caller number and day (capped), wrong codes counted per call. */
import { expect, it } from 'vitest';
import { T0, type BookingScope } from './harness';

const DAY = '2030-06-09';

export function countersContract(s: BookingScope) {
  it('takeCallerQuota: 20 takes at once with cap 3 count exactly 3; other days and callers count apart', async () => {
    // Prepare
    const manager = `m-${s.id}`;
    // Act
    const taken = await Promise.all(
      Array.from({ length: 20 }, () => s.store.takeCallerQuota(manager, 'caller-a', DAY, 3, T0)),
    );
    const otherDay = await s.store.takeCallerQuota(manager, 'caller-a', '2030-06-10', 3, T0);
    const otherCaller = await s.store.takeCallerQuota(manager, 'caller-b', DAY, 3, T0);
    const otherManager = await s.store.takeCallerQuota(`${manager}#x`, 'caller-a', DAY, 3, T0);
    // Assess
    expect(taken.filter(Boolean)).toHaveLength(3);
    expect([otherDay, otherCaller, otherManager]).toEqual([true, true, true]);
    expect(await s.store.takeCallerQuota(manager, 'caller-a', DAY, 3, T0)).toBe(false);
  });

  it('returnCallerQuota gives one unit back, never going below zero; a cap of 0 counts nothing', async () => {
    // Prepare
    const manager = `m-${s.id}`;
    await s.store.takeCallerQuota(manager, 'caller', DAY, 1, T0);
    // Act
    await s.store.returnCallerQuota(manager, 'caller', DAY);
    await s.store.returnCallerQuota(manager, 'caller', DAY);
    await s.store.returnCallerQuota(manager, 'never', DAY);
    const takes = [
      await s.store.takeCallerQuota(manager, 'caller', DAY, 2, T0),
      await s.store.takeCallerQuota(manager, 'caller', DAY, 2, T0),
      await s.store.takeCallerQuota(manager, 'caller', DAY, 2, T0),
      await s.store.takeCallerQuota(manager, 'zero', DAY, 0, T0),
      await s.store.takeCallerQuota(manager, 'never', DAY, 1, T0),
    ];
    // Assess
    expect(takes).toEqual([true, true, false, false, true]);
  });

  it('addWrongCode counts per call and returns the count so far; wrongCodes reads it, 0 for none', async () => {
    // Prepare
    const call = `call-${s.id}`;
    // Act
    const counts = [await s.store.addWrongCode(call, T0), await s.store.addWrongCode(call, T0)];
    const parallel = await Promise.all([s.store.addWrongCode(call, T0), s.store.addWrongCode(call, T0)]);
    // Assess
    expect(counts).toEqual([1, 2]);
    expect(parallel.sort()).toEqual([3, 4]);
    expect(await s.store.wrongCodes(call)).toBe(4);
    expect(await s.store.wrongCodes(`${call}-other`)).toBe(0);
  });
}
