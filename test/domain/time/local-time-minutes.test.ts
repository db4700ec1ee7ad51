import { describe, expect, it } from 'vitest';
import { instantAtMinute, isAligned, minuteOfDay, parseDate, startOfLocalDay } from '../../../functions/domain/time';

const NY = 'America/New_York';
const at = (iso: string) => Date.parse(iso);
const utc = (ms: number) => new Date(ms).toISOString();

describe('Function: startOfLocalDay', () => {
  it.each([
    ['an afternoon in New York', at('2026-11-24T19:30:00Z'), NY, '2026-11-24T05:00:00.000Z'],
    ['the last millisecond of a New York day', at('2026-11-25T04:59:59.999Z'), NY, '2026-11-24T05:00:00.000Z'],
    ['the first instant of a New York day', at('2026-11-24T05:00:00Z'), NY, '2026-11-24T05:00:00.000Z'],
    ['a morning in Kathmandu (+05:45)', at('2026-11-24T03:15:00Z'), 'Asia/Kathmandu', '2026-11-23T18:15:00.000Z'],
    [
      'a Santiago day whose midnight the clocks skip',
      at('2025-09-07T13:00:00Z'),
      'America/Santiago',
      '2025-09-07T04:00:00.000Z',
    ],
  ])('%s', (_name, ms, zone, start) => {
    // Act
    const result = startOfLocalDay(ms, zone);

    // Assess
    expect(utc(result)).toBe(start);
  });
});

describe('Function: minuteOfDay', () => {
  it.each([
    ['14:30 in New York', at('2026-11-24T19:30:00Z'), NY, 870],
    ['local midnight', at('2026-11-24T05:00:00Z'), NY, 0],
    ['23:59:59.999, counted down', at('2026-11-25T04:59:59.999Z'), NY, 1439],
    ['the first 01:30 of a fall-back night', at('2026-11-01T05:30:00Z'), NY, 90],
    ['the second 01:30 of a fall-back night', at('2026-11-01T06:30:00Z'), NY, 90],
    ['a quarter-hour offset', at('2026-11-24T03:15:00Z'), 'Asia/Kathmandu', 540],
    ['the last millisecond before 1970', -1, 'UTC', 1439],
    ['a minute before 1970', -60_000, 'UTC', 1439],
    ['a minute and a millisecond before 1970', -60_001, 'UTC', 1438],
  ])('%s is minute %i', (_name, ms, zone, minute) => {
    // Act / Assess
    expect(minuteOfDay(ms, zone)).toBe(minute);
  });
});

describe('Function: isAligned', () => {
  it.each([
    ['14:00 on a 30-minute grid', at('2026-11-24T19:00:00Z'), NY, 30, true],
    ['14:30 on a 30-minute grid', at('2026-11-24T19:30:00Z'), NY, 30, true],
    ['14:30 on an hourly grid', at('2026-11-24T19:30:00Z'), NY, 60, false],
    ['14:10 on a 30-minute grid', at('2026-11-24T19:10:00Z'), NY, 30, false],
    ['14:00:30', at('2026-11-24T19:00:30Z'), NY, 30, false],
    ['14:00 and one millisecond', at('2026-11-24T19:00:00.001Z'), NY, 30, false],
    ['09:00 in Kathmandu, off the UTC hour', at('2026-11-24T03:15:00Z'), 'Asia/Kathmandu', 30, true],
    ['a UTC half hour in Kathmandu', at('2026-11-24T03:00:00Z'), 'Asia/Kathmandu', 30, false],
    ['an hour before 1970', -3_600_000, 'UTC', 60, true],
    ['a second before 1970', -1_000, 'UTC', 1, false],
  ])('%s → %s', (_name, ms, zone, interval, aligned) => {
    // Act / Assess
    expect(isAligned(ms, zone, interval)).toBe(aligned);
  });
});

describe('Function: instantAtMinute', () => {
  // Toronto's clocks went from 23:30 on 30 March 1919 to 00:30 on the 31st: that day starts at 00:30, not 01:00.
  const TORONTO = 'America/Toronto';

  it.each([
    [
      'minute 0 of the day whose midnight the clocks skipped: its start, 00:30',
      '1919-03-31',
      0,
      '1919-03-31T04:30:00.000Z',
    ],
    ['minute 1440 of the day before: the same instant', '1919-03-30', 1440, '1919-03-31T04:30:00.000Z'],
    ['minute 60 of the 31st: 01:00 EDT, a wall time that exists', '1919-03-31', 60, '1919-03-31T05:00:00.000Z'],
  ])('%s', (_name, date, minutes, expected) => {
    // Act
    const ms = instantAtMinute(parseDate(date)!, minutes, TORONTO);

    // Assess
    expect(utc(ms)).toBe(expected);
  });

  it('a minute the clocks skip moves forward by the gap, not to where the gap ends', () => {
    // Act: 01:30 on 30 March 2025 in London, where 01:00 became 02:00
    const ms = instantAtMinute(parseDate('2025-03-30')!, 90, 'Europe/London');

    // Assess: 02:30 BST
    expect(utc(ms)).toBe('2025-03-30T01:30:00.000Z');
  });
});
