import { expect, it } from 'vitest';
import {
  dateText,
  dayStart,
  instantAtMinute,
  instantOfIsoText,
  instantOfLocalText,
  instantOfWall,
  localDayOf,
  parseDate,
  parseWallDateTime,
  utcWallText,
  weekdayOf,
} from '../../../functions/domain/time';
import { eachSeason } from '../../support/seasons';

const utc = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());
const local = (text: string, zone: string) => utc(instantOfLocalText(text, zone));
const _startOf = (date: string, zone: string) => utc(dayStart(parseDate(date)!, zone));

eachSeason('Function: instantOfLocalText', () => {
  it.each([
    // Fall-back ambiguity resolves to the earlier instant.
    ['2025-10-26T01:30', 'Europe/London', '2025-10-26T00:30:00.000Z'],
    ['2025-04-06T01:45', 'Australia/Lord_Howe', '2025-04-05T14:45:00.000Z'],
    ['2025-11-02T00:30', 'America/Havana', '2025-11-02T04:30:00.000Z'],
    ['2026-04-04T23:30', 'America/Santiago', '2026-04-05T02:30:00.000Z'],
    // A time in a spring-forward gap moves forward by the gap (an hour, or Lord Howe's half hour).
    ['2025-03-30T01:30', 'Europe/London', '2025-03-30T01:30:00.000Z'],
    ['2025-10-05T02:15', 'Australia/Lord_Howe', '2025-10-04T15:45:00.000Z'],
    // Ordinary times, including a quarter-hour offset.
    ['2026-11-24T09:00', 'Asia/Kathmandu', '2026-11-24T03:15:00.000Z'],
    ['2026-07-01T09:00', 'Europe/London', '2026-07-01T08:00:00.000Z'],
    ['2026-01-01T09:00', 'Europe/London', '2026-01-01T09:00:00.000Z'],
    // Graph writes seven fraction digits.
    ['2025-10-26T01:30:00.0000000', 'Europe/London', '2025-10-26T00:30:00.000Z'],
  ])('%s in %s is %s', (text, zone, expected) => {
    // Act & Assess
    expect(local(text, zone)).toBe(expected);
  });

  it('rejects what is not a real wall time', () => {
    // Act & Assess
    for (const text of ['2026-02-30T10:00', '2026-13-01T10:00', '2026-01-01T24:00', '2026-01-01', 'tomorrow at 2pm']) {
      expect(instantOfLocalText(text, 'Europe/London')).toBeUndefined();
    }
  });
});

eachSeason('Function: dayStart', () => {
  it.each([
    // Midnight swallowed by a spring-forward gap: the day starts where the gap ends.
    ['2025-09-07', 'America/Santiago', '2025-09-07T04:00:00.000Z', 23],
    ['2025-03-09', 'America/Havana', '2025-03-09T05:00:00.000Z', 23],
    // A gap that opens before midnight (23:30 → 00:30): the day starts at 00:30, not midnight shifted by the gap.
    ['1919-03-31', 'America/Toronto', '1919-03-31T04:30:00.000Z', 23.5],
    // A fall-back day is 25 hours long; its midnight is its earlier occurrence.
    ['2025-10-26', 'Europe/London', '2025-10-25T23:00:00.000Z', 25],
    ['2025-11-02', 'America/Havana', '2025-11-02T04:00:00.000Z', 25],
    ['2026-04-04', 'America/Santiago', '2026-04-04T03:00:00.000Z', 25],
    ['2025-04-06', 'Australia/Lord_Howe', '2025-04-05T13:00:00.000Z', 24.5],
    ['2025-10-05', 'Australia/Lord_Howe', '2025-10-04T13:30:00.000Z', 23.5],
    ['2026-11-24', 'Asia/Kathmandu', '2026-11-23T18:15:00.000Z', 24],
  ])('%s in %s starts at %s and lasts %s hours', (date, zone, expected, hours) => {
    // Prepare
    const day = parseDate(date)!;
    // Act
    const start = dayStart(day, zone);
    const next = dayStart(day + 1, zone);
    // Assess
    expect(utc(start)).toBe(expected);
    expect((next - start) / 3_600_000).toBe(hours);
    expect(localDayOf(start, zone)).toBe(day);
    expect(localDayOf(start - 1, zone)).toBe(day - 1);
  });

  it('0 and 1440 minutes are day starts; other minutes follow the wall-time rules', () => {
    // Prepare
    const day = parseDate('2025-09-07')!;
    // Act & Assess
    expect(instantAtMinute(day, 0, 'America/Santiago')).toBe(dayStart(day, 'America/Santiago'));
    expect(instantAtMinute(day, 1440, 'America/Santiago')).toBe(dayStart(day + 1, 'America/Santiago'));
    expect(utc(instantAtMinute(day, 9 * 60, 'America/Santiago'))).toBe('2025-09-07T12:00:00.000Z');
  });
});

eachSeason('Function: instantOfWall', () => {
  it('says whether the wall time exists', () => {
    // Act
    const gap = instantOfWall(parseWallDateTime('2025-03-30T01:30')!, 'Europe/London');
    const repeated = instantOfWall(parseWallDateTime('2025-10-26T01:30')!, 'Europe/London');
    // Assess
    expect(gap.exists).toBe(false);
    expect(repeated).toEqual({ ms: Date.parse('2025-10-26T00:30:00Z'), exists: true });
  });
});

eachSeason('Function: instantOfIsoText', () => {
  it.each([
    ['2025-10-26T01:30Z', '2025-10-26T01:30:00.000Z', true],
    ['2025-10-26T01:30+05:45', '2025-10-25T19:45:00.000Z', true],
    ['2025-10-26T01:30-0300', '2025-10-26T04:30:00.000Z', true],
    ['2025-10-26T01:30', '2025-10-26T00:30:00.000Z', false],
  ])('%s is %s', (text, expected, hadOffset) => {
    // Act
    const got = instantOfIsoText(text, 'Europe/London');
    // Assess
    expect(utc(got?.ms)).toBe(expected);
    expect(got?.hadOffset).toBe(hadOffset);
  });
});

eachSeason('Wall-time text', () => {
  it('round-trips dates, weekdays and UTC text', () => {
    // Act & Assess
    expect(dateText(parseDate('2028-02-29')!)).toBe('2028-02-29');
    expect(parseDate('2027-02-29')).toBeUndefined();
    expect(dateText(parseDate('0050-06-01')!)).toBe('0050-06-01');
    expect(weekdayOf(parseDate('2026-11-23')!)).toBe(0);
    expect(weekdayOf(parseDate('2026-11-29')!)).toBe(6);
    expect(utcWallText(Date.parse('2025-10-26T00:30:00Z'))).toBe('2025-10-26T00:30:00');
  });
});
