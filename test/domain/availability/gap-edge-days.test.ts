/**
 * Days whose spring-forward gap sits at an edge of the day: Santiago and Havana skip their midnight, Nuuk jumps from
 * 23:00 straight to the next day. The skipped wall times belong to no day, so no start may be offered twice.
 */
import { expect, it } from 'vitest';
import { alignedStarts, freeSlots } from '../../../functions/domain/availability';
import { eachSeason } from '../../support/seasons';
import { roundTheClock } from './fixtures';

const hhmm = (starts: number[]) => starts.map((t) => new Date(t).toISOString().slice(11, 16));

eachSeason('Aligned starts on days whose gap is at an edge', () => {
  it('Nuuk, 30 March 2024: the skipped 23:00 and 23:30 are not offered as the next day’s 01:00Z and 01:30Z', () => {
    // Act: 20:00 (-02) to 04:00 (-01); 23:00 -02 is 01:00Z, which is already 00:00 on the 31st
    const got = alignedStarts('America/Nuuk', 30, Date.parse('2024-03-30T22:00Z'), Date.parse('2024-03-31T03:00Z'));

    // Assess
    expect(hhmm(got)).toEqual([
      ...['22:00', '22:30', '23:00', '23:30', '00:00', '00:30'],
      ...['01:00', '01:30', '02:00', '02:30', '03:00'],
    ]);
  });

  it('Santiago, 7 September 2025: the skipped midnight is not offered as the evening before', () => {
    // Act: 19:00 (-04) on the 6th to 03:00 (-03) on the 7th
    const got = alignedStarts('America/Santiago', 60, Date.parse('2025-09-06T23:00Z'), Date.parse('2025-09-07T06:00Z'));

    // Assess: 23:00 -04 is 03:00Z, then 01:00 -03 is 04:00Z; 00:00 never happens
    expect(hhmm(got)).toEqual(['23:00', '00:00', '01:00', '02:00', '03:00', '04:00', '05:00', '06:00']);
  });

  it.each([
    ['America/Nuuk', '2024-03-29T00:00Z'],
    ['America/Santiago', '2025-09-05T00:00Z'],
    ['America/Havana', '2025-03-07T00:00Z'],
  ])('round-the-clock slots in %s are strictly ascending over the change', (zone, from) => {
    // Prepare
    const r = roundTheClock(zone, { minNoticeMinutes: 0, horizonDays: 4 });

    // Act
    const starts = freeSlots(r, [], Date.parse(from)).map((s) => s.start);

    // Assess
    expect(starts.length).toBeGreaterThan(100);
    expect(starts.every((t, i) => i === 0 || t > starts[i - 1]!)).toBe(true);
  });
});
