/**
 * hold_slot refused by another call: the caller keeps the hold they had, whether it shared no cell with the new one
 * (never let go) or shared some (let go for the retry, then taken again).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SlotTakenError } from '../../../functions/domain/errors';
import { resultOf, type World, world } from './harness';

let w: World;
beforeEach(async () => {
  w = await world();
});

const ny = (time: string) => `2026-11-24T${time}:00-05:00`;
const records = () => [...w.bookings.bookings.values()];
const liveAt = (start: string) =>
  records().filter((b) => b.start === ny(start) && b.status === 'held' && b.holdUntilMs! > w.clock.now);
const hold = async (start: string, minutes = 30) =>
  resultOf(
    await w.tool('hold_slot', { start_time: `2026-11-24T${start}`, duration_minutes: minutes }, { callId: 'call-a' }),
  );
const taken = () => new SlotTakenError('Slot already taken', 'tc-x', 'call-x');

describe('Tool: hold_slot, refused by another call', () => {
  it('keeps a hold within two buffers of the new one that shares none of its cells', async () => {
    // Prepare: 13:00-13:30 plus 30 minutes' buffer locks to 13:55; 14:00 locks from 14:00; call-x has 14:00
    w.deps.defaults = { ...w.deps.defaults, bufferMinutes: 30 };
    await hold('13:00');
    const takes = vi.spyOn(w.bookings, 'hold').mockRejectedValueOnce(taken());
    const releases = vi.spyOn(w.bookings, 'releaseHold');

    // Act
    const result = await hold('14:00', 60);

    // Assess
    expect(result).toMatchObject({ held: false, reason: 'taken' });
    expect([takes.mock.calls.length, releases.mock.calls.length]).toEqual([1, 0]);
    expect(liveAt('13:00')).toHaveLength(1);
  });

  it('holds the shared hold again with the cells and expiry it had', async () => {
    // Prepare: 14:00-15:00 and 14:30-15:00 share cells; call-x has 14:30 through both tries
    await hold('14:00', 60);
    const [old] = records();
    vi.spyOn(w.bookings, 'hold').mockRejectedValueOnce(taken()).mockRejectedValueOnce(taken());
    w.clock.now += 60_000;

    // Act
    const result = await hold('14:30');

    // Assess
    expect(result).toMatchObject({ held: false, reason: 'taken' });
    const again = liveAt('14:00');
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ cells: old!.cells, holdUntilMs: old!.holdUntilMs, callId: 'call-a' });
    expect(again[0]!.bookingId).not.toBe(old!.bookingId);
    expect(w.warnings).toEqual([]);
  });

  it('warns and still says taken when the old hold cannot be taken again', async () => {
    // Prepare
    await hold('14:00', 60);
    vi.spyOn(w.bookings, 'hold').mockRejectedValue(taken());

    // Act
    const result = await hold('14:30');

    // Assess
    expect(result).toMatchObject({ held: false, reason: 'taken' });
    expect(liveAt('14:00')).toEqual([]);
    expect(w.warnings).toEqual([expect.objectContaining({ message: 'taking a released hold again failed' })]);
  });

  it('does not take a lapsed hold again', async () => {
    // Prepare: the 14:00 hold lapsed (its cells remain until someone takes them)
    await hold('14:00', 60);
    w.clock.now += 6 * 60_000;
    const takes = vi.spyOn(w.bookings, 'hold').mockRejectedValueOnce(taken()).mockRejectedValueOnce(taken());

    // Act
    const result = await hold('14:30');

    // Assess
    expect(result).toMatchObject({ held: false, reason: 'taken' });
    expect(takes).toHaveBeenCalledTimes(2);
    expect(records().filter((b) => b.status === 'held')).toEqual([]);
  });
});
