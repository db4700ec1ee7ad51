/**
 * hold_slot refused: the caller keeps the hold they had when it shares no cell with the new one or the store names
 * another call as the holder, and lets it go for the slot when the store does not say who holds the cell.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { SlotTakenError } from '../../../functions/domain/errors';
import { holdFor, liveAt, ny, other } from './hold-refusals';
import { type World, world } from './harness';

let w: World;
beforeEach(async () => {
  w = await world();
});

const hold = (start: string, minutes?: number) => holdFor(w, start, minutes);
const live = (start: string) => liveAt(w, start);

describe('Tool: hold_slot, refused', () => {
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
    expect(live('13:00')).toHaveLength(1);
  });

  it('keeps a hold that shares cells with the new one when the store names another call as the holder', async () => {
    // Prepare
    await hold('14:00', 60);
    const takes = vi.spyOn(w.bookings, 'hold').mockRejectedValueOnce(other());
    const releases = vi.spyOn(w.bookings, 'releaseHold');

    // Act
    const result = await hold('14:30');

    // Assess
    expect(result).toMatchObject({
      held: false,
      reason: 'taken',
      message:
        'Sorry, someone just booked that time. The closest openings are Tuesday, November 24 at 1:30 PM, ' +
        'Tuesday, November 24 at 2:00 PM, or Tuesday, November 24 at 3:00 PM. Would one of those work?',
    });
    expect([takes.mock.calls.length, releases.mock.calls.length]).toEqual([1, 0]);
    expect(live('14:00')).toHaveLength(1);
  });

  it('lets a shared hold go and takes the slot when the store does not say who holds the cell', async () => {
    // Prepare
    await hold('14:00', 60);
    vi.spyOn(w.bookings, 'hold').mockRejectedValueOnce(new SlotTakenError());

    // Act
    const result = await hold('14:30');

    // Assess
    expect(result).toMatchObject({ held: true, hold: { start: ny('14:30') } });
    expect(live('14:00')).toEqual([]);
  });
});
