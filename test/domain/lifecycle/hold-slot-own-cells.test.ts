/**
 * hold_slot against the call's own other hold, where the clash is found from that hold's recorded cells, or, for a
 * hold recorded without them (an older record), from its times and the buffer.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { resultOf, world, type World } from './harness';

let w: World;
beforeEach(async () => {
  w = await world();
});

const ny = (time: string) => `2026-11-24T${time}:00-05:00`;
const records = () => [...w.bookings.bookings.values()];
const statuses = () => records().map((b) => [b.start, b.status]);
const hold = async (start: string, extra: { duration_minutes?: number } = {}) =>
  resultOf(await w.tool('hold_slot', { start_time: `2026-11-24T${start}`, ...extra }, { callId: 'call-a' }));
const withBuffer = (bufferMinutes: number) => {
  w.deps.defaults = { ...w.deps.defaults, bufferMinutes };
};
/** The stored hold at `start` as an older record, which did not note its lock cells. */
const withoutCells = (start: string) => {
  delete records().find((b) => b.start === ny(start))!.cells;
};

describe('Tool: hold_slot, a clash with its own hold recorded without cells', () => {
  it('lets that hold go when it starts within the new hold and its buffer', async () => {
    // Prepare: 14:30-15:00 plus 30 minutes' buffer meets 14:00-14:15 plus its buffer (to 14:45)
    withBuffer(30);
    await hold('14:30');
    withoutCells('14:30');

    // Act
    const result = await hold('14:00', { duration_minutes: 15 });

    // Assess
    expect(result).toMatchObject({ held: true, hold: { start: ny('14:00'), end: ny('14:15') } });
    expect(statuses()).toEqual([
      [ny('14:30'), 'released'],
      [ny('14:00'), 'held'],
    ]);
  });

  it('lets that hold go when its buffer reaches the new hold', async () => {
    // Prepare: 13:00-13:30 plus 30 minutes' buffer (to 14:00) meets 13:30-14:00
    withBuffer(30);
    await hold('13:00');
    withoutCells('13:00');

    // Act
    const result = await hold('13:30');

    // Assess
    expect(result).toMatchObject({ held: true, hold: { start: ny('13:30'), end: ny('14:00') } });
    expect(statuses()).toEqual([
      [ny('13:00'), 'released'],
      [ny('13:30'), 'held'],
    ]);
  });
});

describe('Tool: hold_slot, a clash with its own hold through its recorded cells', () => {
  it('lets a hold go whose cells were taken with a longer buffer than the one now', async () => {
    // Prepare: 13:00-13:30 held with an hour's buffer locks cells to 14:30; the buffer is then set to none
    withBuffer(60);
    await hold('13:00');
    withBuffer(0);

    // Act
    const result = await hold('14:00');

    // Assess
    expect(result).toMatchObject({ held: true, hold: { start: ny('14:00'), end: ny('14:30') } });
    expect(statuses()).toEqual([
      [ny('13:00'), 'released'],
      [ny('14:00'), 'held'],
    ]);
  });
});
