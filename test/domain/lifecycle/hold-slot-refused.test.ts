/**
 * hold_slot refused by another call: the caller keeps the hold they had, whether it was never let go (no shared
 * cell, or the store names another call as the holder) or was let go for the retry and then taken again.
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
/** A refusal naming the holder of the first held cell: this call's own hold, or call-x's. */
const own = () => new SlotTakenError('Slot already taken', 'tc-a', 'call-a');
const other = () => new SlotTakenError('Slot already taken', 'tc-x', 'call-x');
const LOST = 'The time I was holding for you before has been let go too.';

describe('Tool: hold_slot, refused by another call', () => {
  it('keeps a hold within two buffers of the new one that shares none of its cells', async () => {
    // Prepare: 13:00-13:30 plus 30 minutes' buffer locks to 13:55; 14:00 locks from 14:00; call-x has 14:00
    w.deps.defaults = { ...w.deps.defaults, bufferMinutes: 30 };
    await hold('13:00');
    const takes = vi.spyOn(w.bookings, 'hold').mockRejectedValueOnce(new SlotTakenError());
    const releases = vi.spyOn(w.bookings, 'releaseHold');

    // Act
    const result = await hold('14:00');

    // Assess
    expect(result).toMatchObject({ held: false, reason: 'taken' });
    expect([takes.mock.calls.length, releases.mock.calls.length]).toEqual([1, 0]);
    expect(liveAt('13:00')).toHaveLength(1);
  });

  it('keeps a hold that shares cells with the new one when the store names another call as the holder', async () => {
    // Prepare
    await hold('14:00', 60);
    const takes = vi.spyOn(w.bookings, 'hold').mockRejectedValueOnce(other());
    const releases = vi.spyOn(w.bookings, 'releaseHold');

    // Act
    const result = await hold('14:30');

    // Assess
    expect(result).toMatchObject({ held: false, reason: 'taken' });
    expect([takes.mock.calls.length, releases.mock.calls.length]).toEqual([1, 0]);
    expect(liveAt('14:00')).toHaveLength(1);
  });

  it('holds the shared hold again with the cells and expiry it had', async () => {
    // Prepare: 14:00-15:00 and 14:30-15:00 share cells; call-x has 14:30 once the 14:00 hold is gone
    await hold('14:00', 60);
    const [old] = records();
    vi.spyOn(w.bookings, 'hold').mockRejectedValueOnce(own()).mockRejectedValueOnce(other());
    w.clock.now += 60_000;

    // Act
    const result = await hold('14:30');

    // Assess
    expect(result).toMatchObject({ held: false, reason: 'taken', message: expect.not.stringContaining(LOST) });
    const again = liveAt('14:00');
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ cells: old!.cells, holdUntilMs: old!.holdUntilMs, callId: 'call-a' });
    expect(again[0]!.bookingId).not.toBe(old!.bookingId);
    expect(w.warnings).toEqual([]);
  });

  it('holds the shared hold again when the retry fails for another reason', async () => {
    // Prepare
    await hold('14:00', 60);
    vi.spyOn(w.bookings, 'hold').mockRejectedValueOnce(own()).mockRejectedValueOnce(new Error('throttled'));

    // Act
    const outcome = await w.tool('hold_slot', { start_time: '2026-11-24T14:30' }, { callId: 'call-a' });

    // Assess
    expect(outcome).toEqual({ error: expect.any(String) });
    expect(liveAt('14:00')).toHaveLength(1);
  });

  it('says the old hold is gone too when it cannot be taken again, and warns', async () => {
    // Prepare
    await hold('14:00', 60);
    vi.spyOn(w.bookings, 'hold').mockRejectedValueOnce(own()).mockRejectedValue(other());

    // Act
    const result = await hold('14:30');

    // Assess
    expect(result).toMatchObject({ held: false, reason: 'taken', message: expect.stringContaining(LOST) });
    expect(liveAt('14:00')).toEqual([]);
    expect(w.warnings).toEqual([
      {
        message: 'taking a released hold again failed',
        detail: expect.objectContaining({ managerId: 'mgr', bookingId: records()[0]!.bookingId }),
      },
    ]);
  });

  it('does not take a lapsed hold again', async () => {
    // Prepare: the 14:00 hold lapsed (its cells remain until someone takes them)
    await hold('14:00', 60);
    w.clock.now += 6 * 60_000;
    const takes = vi.spyOn(w.bookings, 'hold').mockRejectedValueOnce(own()).mockRejectedValueOnce(other());

    // Act
    const result = await hold('14:30');

    // Assess
    expect(result).toMatchObject({ held: false, reason: 'taken', message: expect.not.stringContaining(LOST) });
    expect(takes).toHaveBeenCalledTimes(2);
    expect(records().filter((b) => b.status === 'held')).toEqual([]);
  });
});
