import { describe, expect, it } from 'vitest';
import { alignedStarts } from '../../../functions/domain/availability';
import { at, NY, utcStarts } from './fixtures';

const starts = (ms: number[]) => utcStarts(ms.map((start) => ({ start, end: start })));

describe('Function: alignedStarts', () => {
  it('gives the one start when the range is a single aligned instant', () => {
    // Act / Assess
    expect(alignedStarts(NY, 30, at('2026-11-24T14:00'), at('2026-11-24T14:00'))).toEqual([at('2026-11-24T14:00')]);
  });

  it.each([
    ['a range ending before it starts', 30, at('2026-11-24T14:00'), at('2026-11-24T13:00')],
    ['an interval of 0 minutes, over a midnight', 0, at('2026-11-24T23:00'), at('2026-11-25T01:00')],
    ['an interval of 0 minutes, over a DST change', 0, at('2026-03-07T23:00'), at('2026-03-08T04:00')],
    ['a negative interval', -30, at('2026-11-24T14:00'), at('2026-11-24T15:00')],
    ['an end that is not a number', 30, at('2026-11-24T14:00'), Number.NaN],
    ['an interval that is not a number', Number.NaN, at('2026-11-24T14:00'), at('2026-11-24T15:00')],
  ])('gives nothing for %s', (_name, interval, from, to) => {
    // Act / Assess
    expect(alignedStarts(NY, interval, from, to)).toEqual([]);
  });

  it('includes a range end that is the first instant of a day', () => {
    // Act / Assess
    expect(alignedStarts(NY, 30, at('2026-11-24T23:00'), at('2026-11-25T00:00'))).toEqual([
      at('2026-11-24T23:00'),
      at('2026-11-24T23:30'),
      at('2026-11-25T00:00'),
    ]);
  });

  it('on a fall-back day keeps both ends of a range that starts and ends on the repeated hour', () => {
    // Act: from the second 01:00 to the second 01:30 (EST) of 1 November 2026
    const got = alignedStarts(NY, 30, Date.parse('2026-11-01T06:00Z'), Date.parse('2026-11-01T06:30Z'));

    // Assess
    expect(starts(got)).toEqual(['2026-11-01T06:00:00.000Z', '2026-11-01T06:30:00.000Z']);
  });

  it('orders the starts of a fall-back day by instant, before 1970 too (New York, 31 October 1965)', () => {
    // Act: 00:00 EDT to 02:00 EST, the hour from 01:00 to 02:00 happening twice
    const got = alignedStarts(NY, 30, Date.parse('1965-10-31T04:00Z'), Date.parse('1965-10-31T07:00Z'));

    // Assess
    expect(starts(got)).toEqual([
      '1965-10-31T04:00:00.000Z',
      '1965-10-31T04:30:00.000Z',
      '1965-10-31T05:00:00.000Z',
      '1965-10-31T05:30:00.000Z',
      '1965-10-31T06:00:00.000Z',
      '1965-10-31T06:30:00.000Z',
      '1965-10-31T07:00:00.000Z',
    ]);
  });
});
