import { describe, expect, it } from 'vitest';
import { freeSlots } from '../../../functions/domain/availability';
import { at, hours, LONDON, localStarts, NY, onDate, roundTheClock, rules, utcStarts, WEEK } from './fixtures';

describe('freeSlots on DST days (working around the clock)', () => {
  it.each([
    {
      zone: NY,
      date: '2026-03-08',
      count: 46,
      missing: ['02:00', '02:30'],
      checks: { '01:30': '2026-03-08T06:30:00.000Z', '03:00': '2026-03-08T07:00:00.000Z' },
    },
    {
      zone: NY,
      date: '2026-11-01',
      count: 50,
      missing: [],
      checks: { '00:30': '2026-11-01T04:30:00.000Z', '02:00': '2026-11-01T07:00:00.000Z' },
    },
    {
      zone: LONDON,
      date: '2026-03-29',
      count: 46,
      missing: ['01:00', '01:30'],
      checks: { '00:30': '2026-03-29T00:30:00.000Z', '02:00': '2026-03-29T01:00:00.000Z' },
    },
    {
      zone: LONDON,
      date: '2026-10-25',
      count: 50,
      missing: [],
      checks: { '00:30': '2026-10-24T23:30:00.000Z', '02:00': '2026-10-25T02:00:00.000Z' },
    },
  ])('$zone $date: $count slots at the right instants', ({ zone, date, count, missing, checks }) => {
    // Prepare
    const r = roundTheClock(zone, { minNoticeMinutes: 0 });
    const now = at(`${date}T00:00`, zone) - 3 * 86_400_000;

    // Act
    const day = onDate(freeSlots(r, [], now), date, zone);

    // Assess
    expect(day).toHaveLength(count);
    const times = localStarts(day, zone).map((s) => s.slice(11));
    for (const time of missing) expect(times).not.toContain(time);
    for (const [time, utc] of Object.entries(checks)) {
      expect(utcStarts(day.filter((_, i) => times[i] === time))).toContain(utc);
    }
    for (const slot of day) expect(slot.end - slot.start).toBe(30 * 60_000);
  });

  it.each([
    { zone: NY, date: '2026-11-01', time: '01:00', utc: ['2026-11-01T05:00:00.000Z', '2026-11-01T06:00:00.000Z'] },
    { zone: NY, date: '2026-11-01', time: '01:30', utc: ['2026-11-01T05:30:00.000Z', '2026-11-01T06:30:00.000Z'] },
    { zone: LONDON, date: '2026-10-25', time: '01:00', utc: ['2026-10-25T00:00:00.000Z', '2026-10-25T01:00:00.000Z'] },
  ])('$zone fall-back: repeated $time yields both instants, in order', ({ zone, date, time, utc }) => {
    // Prepare
    const r = roundTheClock(zone, { minNoticeMinutes: 0 });

    // Act
    const day = onDate(freeSlots(r, [], at(`${date}T00:00`, zone) - 86_400_000), date, zone);

    // Assess
    const times = localStarts(day, zone).map((s) => s.slice(11));
    expect(utcStarts(day.filter((_, i) => times[i] === time))).toEqual(utc);
    expect(day.map((s) => s.start)).toEqual([...day.map((s) => s.start)].sort((a, b) => a - b));
  });

  it.each([
    { zone: NY, date: '2026-03-08', range: ['01:00', '04:00'], expected: ['01:00', '01:30', '03:00', '03:30'] },
    {
      zone: NY,
      date: '2026-11-01',
      range: ['01:00', '03:00'],
      expected: ['01:00', '01:30', '01:00', '01:30', '02:00', '02:30'],
    },
    { zone: LONDON, date: '2026-03-29', range: ['00:00', '03:00'], expected: ['00:00', '00:30', '02:00', '02:30'] },
  ])(
    '$zone $date: working $range crossing the change gives real 30-minute slots',
    ({ zone, date, range, expected }) => {
      // Prepare
      const r = rules(
        { minNoticeMinutes: 0, working: { timeZone: zone, week: hours(range[0], range[1], ['sunday']) } },
        zone,
      );

      // Act
      const day = onDate(freeSlots(r, [], at(`${date}T00:00`, zone) - 86_400_000), date, zone);

      // Assess
      expect(localStarts(day, zone).map((s) => s.slice(11))).toEqual(expected);
      for (const slot of day) expect(slot.end - slot.start).toBe(30 * 60_000);
    },
  );

  it.each([
    { zone: NY, date: '2026-03-08', first: '2026-03-08T13:00:00.000Z' },
    { zone: NY, date: '2026-03-09', first: '2026-03-09T13:00:00.000Z' },
    { zone: NY, date: '2026-11-01', first: '2026-11-01T14:00:00.000Z' },
    { zone: NY, date: '2026-11-02', first: '2026-11-02T14:00:00.000Z' },
    { zone: LONDON, date: '2026-03-29', first: '2026-03-29T08:00:00.000Z' },
    { zone: LONDON, date: '2026-03-30', first: '2026-03-30T08:00:00.000Z' },
    { zone: LONDON, date: '2026-10-25', first: '2026-10-25T09:00:00.000Z' },
    { zone: LONDON, date: '2026-10-26', first: '2026-10-26T09:00:00.000Z' },
  ])('$zone $date: 09:00–17:00 is 16 slots from $first', ({ zone, date, first }) => {
    // Prepare
    const r = rules({ minNoticeMinutes: 0, working: { timeZone: zone, week: hours('09:00', '17:00', WEEK) } }, zone);

    // Act
    const day = onDate(freeSlots(r, [], at(`${date}T00:00`, zone) - 86_400_000), date, zone);

    // Assess
    expect(day).toHaveLength(16);
    expect(utcStarts(day)[0]).toBe(first);
    expect(day[15]!.end - day[0]!.start).toBe(8 * 3_600_000);
  });

  it('45-minute interval on the spring-forward day skips the one start in the gap', () => {
    // Prepare: multiples of 45 min in a day are 32 wall times; 02:15 does not exist.
    const r = roundTheClock(NY, { minNoticeMinutes: 0, slotMinutes: 45, intervalMinutes: 45 });

    // Act
    const day = onDate(freeSlots(r, [], at('2026-03-07T00:00')), '2026-03-08');

    // Assess
    expect(day).toHaveLength(31);
    expect(localStarts(day).map((s) => s.slice(11))).not.toContain('02:15');
  });
});
