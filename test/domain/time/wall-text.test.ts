import { beforeEach, describe, expect, it, vi } from 'vitest';

type WallText = typeof import('../../../functions/domain/time/wall-text');
let t: WallText;

// The formats are module-level regexes, built once when the module loads. Loading it afresh inside each test (not at
// the top of the file, where no test is running yet) is what lets mutation testing see these tests use those regexes.
beforeEach(async () => {
  vi.resetModules();
  t = await import('../../../functions/domain/time/wall-text');
});

const MINUTE = 60_000;
const DAY = 86_400_000;
const iso = (wall: number | undefined) => (wall === undefined ? undefined : new Date(wall).toISOString());

describe('Function: parseDate', () => {
  it.each([
    ['2026-01-05', 20_458],
    ['1970-01-01', 0],
    ['1969-12-31', -1],
    ['2028-02-29', 21_243],
    ['0001-01-01', -719_162],
    ['  2026-01-05\n', 20_458],
  ])('reads %j as day %i', (text, day) => {
    // Act / Assess
    expect(t.parseDate(text)).toBe(day);
  });

  it.each([
    ['a longer year', '12026-01-05'],
    ['a text before the date', 'x2026-01-05'],
    ['a text after the date', '2026-01-05x'],
    ['a third day digit', '2026-01-055'],
    ['a time after the date', '2026-01-05T10:00'],
    ['a two-digit year', '26-01-05'],
    ['a one-digit month', '2026-1-05'],
    ['a one-digit day', '2026-01-5'],
    ['letters for digits', 'abcd-ef-gh'],
    ['slashes', '2026/01/05'],
    ['month 13', '2026-13-01'],
    ['month 0', '2026-00-10'],
    ['day 0', '2026-01-00'],
    ['31 April', '2026-04-31'],
    ['29 February of a common year', '2027-02-29'],
    ['year 0', '0000-06-01'],
    ['nothing', ''],
  ])('refuses %s (%j)', (_case, text) => {
    // Act / Assess
    expect(t.parseDate(text)).toBeUndefined();
  });
});

describe('Function: parseWallDateTime', () => {
  it.each([
    ['2026-01-05T10:30', '2026-01-05T10:30:00.000Z'],
    ['2026-01-05T00:00', '2026-01-05T00:00:00.000Z'],
    ['2026-01-05T23:59:59', '2026-01-05T23:59:59.000Z'],
    ['2026-01-05T10:30:15.5', '2026-01-05T10:30:15.500Z'],
    ['2026-01-05T10:30:15.25', '2026-01-05T10:30:15.250Z'],
    ['2026-01-05T10:30:15.1234567', '2026-01-05T10:30:15.123Z'],
    ['2026-01-05T10:30:15.999999999', '2026-01-05T10:30:15.999Z'],
    [' 2026-01-05T10:30 ', '2026-01-05T10:30:00.000Z'],
    ['0050-06-01T12:00', '0050-06-01T12:00:00.000Z'],
  ])('reads %j as %s', (text, wall) => {
    // Act / Assess
    expect(iso(t.parseWallDateTime(text))).toBe(wall);
  });

  it.each([
    ['a date alone', '2026-01-05'],
    ['a text before', 'x2026-01-05T10:30'],
    ['a text after', '2026-01-05T10:30x'],
    ['an offset after', '2026-01-05T10:30:00Z'],
    ['a longer year', '12026-01-05T10:30'],
    ['a two-digit year', '26-01-05T10:30'],
    ['a one-digit month', '2026-1-05T10:30'],
    ['a one-digit day', '2026-01-5T10:30'],
    ['a one-digit hour', '2026-01-05T9:30'],
    ['a one-digit minute', '2026-01-05T10:3'],
    ['a one-digit second', '2026-01-05T10:30:1'],
    ['a fraction without seconds', '2026-01-05T10:30.5'],
    ['a dot without fraction', '2026-01-05T10:30:15.'],
    ['ten fraction digits', '2026-01-05T10:30:15.1234567890'],
    ['a space for the T', '2026-01-05 10:30'],
    ['letters for digits', 'abcd-ef-ghTij:kl'],
    ['letters for the hour', '2026-01-05Tab:30'],
    ['letters for the minute', '2026-01-05T10:ab'],
    ['letters for the second', '2026-01-05T10:30:ab'],
    ['letters for the fraction', '2026-01-05T10:30:15.abc'],
    ['hour 24', '2026-01-05T24:00'],
    ['minute 60', '2026-01-05T10:60'],
    ['second 60', '2026-01-05T10:30:60'],
    ['31 April', '2026-04-31T10:00'],
    ['month 13', '2026-13-05T10:00'],
  ])('refuses %s (%j)', (_case, text) => {
    // Act / Assess
    expect(t.parseWallDateTime(text)).toBeUndefined();
  });
});

describe('Function: parseOffset', () => {
  it.each([
    ['Z', 0],
    ['z', 0],
    [' Z ', 0],
    ['+00:00', 0],
    ['+05:45', 345],
    ['-03:00', -180],
    ['-0300', -180],
    ['+0530', 330],
    ['+01', 60],
    ['-09:30', -570],
    ['+23:59', 1439],
    ['-23:59', -1439],
  ])('reads %j as %i minutes east of UTC', (text, minutes) => {
    // Act / Assess
    expect(t.parseOffset(text)).toBe(minutes);
  });

  it.each([
    ['hour 24', '+24:00'],
    ['minute 60', '+05:60'],
    ['minute 60 west', '-00:60'],
    ['no sign', '05:45'],
    ['a sign alone', '+'],
    ['a one-digit hour', '+5:45'],
    ['a one-digit minute', '+05:4'],
    ['three digits', '+053'],
    ['seconds', '+05:45:00'],
    ['a text before', 'UTC+01:00'],
    ['a text before Z', 'XZ'],
    ['a text after', '+01:00 CET'],
    ['a text after Z', 'Zulu'],
    ['letters for the hour', '+ab:00'],
    ['letters for the minute', '+05:ab'],
    ['another sign', '*05:00'],
    ['nothing', ''],
  ])('refuses %s (%j)', (_case, text) => {
    // Act / Assess
    expect(t.parseOffset(text)).toBeUndefined();
  });
});

describe('Function: dateText', () => {
  it.each([
    [20_458, '2026-01-05'],
    [0, '1970-01-01'],
    [-1, '1969-12-31'],
  ])('writes day %i as %s', (day, text) => {
    // Act / Assess
    expect(t.dateText(day)).toBe(text);
  });
});

describe('Function: wallText', () => {
  it('writes whole seconds, dropping the fraction', () => {
    // Act / Assess
    expect(t.wallText(Date.UTC(2026, 0, 5, 10, 30, 15, 999))).toBe('2026-01-05T10:30:15');
  });

  it('floors a time before 1970 towards the earlier second', () => {
    // Act / Assess
    expect(t.wallText(-1)).toBe('1969-12-31T23:59:59');
  });
});

describe('Function: weekdayOf', () => {
  it.each([
    [0, 3],
    [4, 0],
    [10, 6],
    [-1, 2],
    [-4, 6],
    [-7, 3],
  ])('gives day %i weekday %i (0 = Monday)', (day, weekday) => {
    // Act / Assess
    expect(t.weekdayOf(day)).toBe(weekday);
  });
});

describe('Function: wallMinuteOfDay', () => {
  it.each([
    ['2026-01-05T10:30', 630],
    ['2026-01-05T00:00', 0],
    ['2026-01-05T23:59:59.999', 1439],
    ['1969-12-31T23:59', 1439],
    ['1969-12-31T00:01', 1],
  ])('reads %s as minute %i of its day', (text, minute) => {
    // Prepare
    const wall = t.parseWallDateTime(text)!;

    // Act / Assess
    expect(t.wallMinuteOfDay(wall)).toBe(minute);
  });

  it('counts whole minutes, never rounding up', () => {
    // Act / Assess
    expect(t.wallMinuteOfDay(3 * DAY + 5 * MINUTE + 59_999)).toBe(5);
    expect(t.wallMinuteOfDay(-1)).toBe(1439);
  });
});
