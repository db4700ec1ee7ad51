/** The compact, deflated form of prefetched calendar entries: what is stored, and what is refused on the way back. */
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeEntries, encodeEntries } from '../../../functions/adapters/dynamo/busy-encoding';
import type { CalendarEntry } from '../../../functions/domain/types';

const T = Date.parse('2030-06-03T09:00:00Z');
const timed: CalendarEntry = {
  start: T,
  end: T + 3_600_000,
  availability: 'busy',
  isCancelled: false,
  isAllDay: false,
};
const allDay: CalendarEntry = {
  start: T,
  end: T + 86_400_000,
  availability: 'free',
  isCancelled: false,
  isAllDay: true,
  allDay: { startDate: '2030-06-03', endDate: '2030-06-04' },
};
/** Tuples [start, length, flags] as the store keeps them, deflated. */
const deflated = (tuples: unknown) => deflateRawSync(JSON.stringify(tuples));

describe('Function: encodeEntries / decodeEntries', () => {
  it('round-trips timed and all-day entries; a timed entry comes back without all-day dates', () => {
    // Act
    const back = decodeEntries(encodeEntries([timed, allDay])!);
    // Assess
    expect(back).toEqual([timed, allDay]);
    expect(back![0]).not.toHaveProperty('allDay');
  });

  it('stores nothing for a list with an entry a tuple cannot carry (non-finite instant, unknown availability)', () => {
    // Prepare
    const bad: CalendarEntry[] = [
      { ...timed, start: Number.NaN },
      { ...timed, end: Number.POSITIVE_INFINITY },
      { ...timed, availability: 'oof' as never },
    ];
    // Act
    const encoded = bad.map((entry) => encodeEntries([timed, entry]));
    // Assess
    expect(encoded).toEqual([undefined, undefined, undefined]);
  });

  it('reads back nothing from a list with one entry of an unknown availability (flags 3)', () => {
    // Act
    const back = decodeEntries(
      deflated([
        [T, 60_000, 0],
        [T, 60_000, 3],
      ]),
    );
    // Assess
    expect(back).toBeUndefined();
  });

  it('refuses a list that inflates past 16 MB (a deflate bomb in a garbled item)', () => {
    // Prepare
    const tuple = `[${T},60000,0]`;
    const bomb = deflateRawSync(`[${Array(1_300_000).fill(tuple).join(',')}]`);
    // Act
    const back = decodeEntries(bomb);
    // Assess
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(back).toBeUndefined();
  });
});
