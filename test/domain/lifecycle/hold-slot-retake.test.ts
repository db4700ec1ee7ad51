/**
 * hold_slot refused after letting the call's own hold go for the retry: that hold is taken again (a new record, its
 * cells and expiry), unless it lapsed or another hold of the same call now has the cells; when it cannot be, the
 * caller is told.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_HOLD_MINUTES } from '../../../functions/domain/lifecycle/deps';
import { holdFor, LOST, liveAt, other, own } from './hold-refusals';
import { type World, world } from './harness';

let w: World;
beforeEach(async () => {
  w = await world();
});

const hold = (start: string, minutes?: number) => holdFor(w, start, minutes);
const live = (start: string) => liveAt(w, start);
const records = () => [...w.bookings.bookings.values()];

describe('Tool: hold_slot, refused after letting its own hold go', () => {
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
    const again = live('14:00');
    expect(again).toHaveLength(1);
    expect(again[0]).toMatchObject({ cells: old!.cells, holdUntilMs: old!.holdUntilMs, callId: 'call-a' });
    expect(again[0]!.bookingId).not.toBe(old!.bookingId);
    expect(w.warnings).toEqual([]);
  });

  it('says taken without a log when the old hold cannot be taken again', async () => {
    // Prepare
    await hold('14:00', 60);
    w.deps.log = undefined;
    vi.spyOn(w.bookings, 'hold').mockRejectedValueOnce(own()).mockRejectedValue(other());

    // Act
    const result = await hold('14:30');

    // Assess
    expect(result).toMatchObject({ held: false, reason: 'taken', message: expect.stringContaining(LOST) });
  });

  it('holds the shared hold again when the retry fails for another reason', async () => {
    // Prepare
    await hold('14:00', 60);
    vi.spyOn(w.bookings, 'hold').mockRejectedValueOnce(own()).mockRejectedValueOnce(new Error('throttled'));

    // Act
    const outcome = await w.tool('hold_slot', { start_time: '2026-11-24T14:30' }, { callId: 'call-a' });

    // Assess
    expect(outcome).toEqual({ error: expect.any(String) });
    expect(live('14:00')).toHaveLength(1);
  });

  it('says the old hold is gone too when it cannot be taken again, and warns', async () => {
    // Prepare
    await hold('14:00', 60);
    vi.spyOn(w.bookings, 'hold').mockRejectedValueOnce(own()).mockRejectedValue(other());

    // Act
    const result = await hold('14:30');

    // Assess
    expect(result).toMatchObject({ held: false, reason: 'taken', message: expect.stringContaining(LOST) });
    expect(live('14:00')).toEqual([]);
    expect(w.warnings).toEqual([
      {
        message: 'taking a released hold again failed',
        detail: expect.objectContaining({ managerId: 'mgr', bookingId: records()[0]!.bookingId }),
      },
    ]);
  });

  it('takes nothing again when the retry is refused by another hold of this same call', async () => {
    // Prepare: another tool call of call-a held 14:30 between the release and the retry
    await hold('14:00', 60);
    const takes = vi.spyOn(w.bookings, 'hold').mockRejectedValueOnce(own()).mockRejectedValueOnce(own());

    // Act
    const result = await hold('14:30');

    // Assess
    expect(result).toMatchObject({ held: false, reason: 'taken', message: expect.not.stringContaining(LOST) });
    expect(takes).toHaveBeenCalledTimes(2);
    expect(live('14:00')).toEqual([]);
  });

  it('does not take a lapsed hold again', async () => {
    // Prepare: the 14:00 hold lapsed (its cells remain until someone takes them)
    await hold('14:00', 60);
    w.clock.now += (DEFAULT_HOLD_MINUTES + 1) * 60_000;
    const takes = vi.spyOn(w.bookings, 'hold').mockRejectedValueOnce(own()).mockRejectedValueOnce(other());

    // Act
    const result = await hold('14:30');

    // Assess
    expect(result).toMatchObject({ held: false, reason: 'taken', message: expect.not.stringContaining(LOST) });
    expect(takes).toHaveBeenCalledTimes(2);
    expect(records().filter((b) => b.status === 'held')).toEqual([]);
  });
});
