import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  instantOfLocalText,
  instantOfUtcWallText,
  parseWallDateTime,
  resolveWall,
} from '../../../functions/domain/time';

/** The general path for a zone-less text in UTC: what instantOfLocalText did before the fast path. */
const general = (text: string) => {
  const wall = parseWallDateTime(text);
  return wall === undefined ? undefined : resolveWall(wall, 'UTC');
};

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** A real date and time in years 100-9999 written "YYYY-MM-DDTHH:mm:ss", then `digits` fraction digits (0 = none). */
const utcText = fc
  .record({
    ms: fc.integer({ min: Date.UTC(100, 0, 1), max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }),
    digits: fc.constantFrom(0, 0, 3, 3, 7, 7, 1, 2, 4, 9),
    fraction: fc.integer({ min: 0, max: 999_999_999 }),
  })
  .map(({ ms, digits, fraction }) => {
    const d = new Date(ms);
    const whole =
      `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1, 2)}-${pad(d.getUTCDate(), 2)}` +
      `T${pad(d.getUTCHours(), 2)}:${pad(d.getUTCMinutes(), 2)}:${pad(d.getUTCSeconds(), 2)}`;
    return digits ? `${whole}.${pad(fraction, 9).slice(0, digits)}` : whole;
  });

/** A UTC text with one character replaced, inserted or removed: mostly malformed, sometimes still valid. */
const damagedText = fc
  .tuple(utcText, fc.nat(), fc.constantFrom('replace', 'insert', 'remove'), fc.constantFrom(...'09 -:.TtZz+a/\u0660'))
  .map(([text, at, how, char]) => {
    const i = at % (text.length + 1);
    if (how === 'insert') return text.slice(0, i) + char + text.slice(i);
    if (how === 'remove') return text.slice(0, i) + text.slice(i + 1);
    return text.slice(0, i) + char + text.slice(i + 1);
  });

describe('Function: instantOfUtcWallText', () => {
  it.each([
    ['2026-12-01T10:00:00.0000000', Date.UTC(2026, 11, 1, 10)],
    ['2026-12-01T10:00:00.1234567', Date.UTC(2026, 11, 1, 10, 0, 0, 123)],
    ['2026-12-01T10:00:00.999', Date.UTC(2026, 11, 1, 10, 0, 0, 999)],
    ['2026-12-01T10:00:00', Date.UTC(2026, 11, 1, 10)],
    ['2026-12-01T10:00:00.5', Date.UTC(2026, 11, 1, 10, 0, 0, 500)],
    ['2026-12-01T10:00:00.25', Date.UTC(2026, 11, 1, 10, 0, 0, 250)],
    ['2028-02-29T23:59:59.999999999', Date.UTC(2028, 1, 29, 23, 59, 59, 999)],
    ['2000-02-29T00:00:00', Date.UTC(2000, 1, 29)],
    ['2026-06-30T10:00:00', Date.UTC(2026, 5, 30, 10)],
    ['2026-12-31T23:59:59', Date.UTC(2026, 11, 31, 23, 59, 59)],
  ])('reads %s as the UTC instant %i', (text, ms) => {
    // Act / Assess
    expect(instantOfUtcWallText(text)).toBe(ms);
  });

  it.each([
    ['no seconds', '2026-12-01T10:00'],
    ['surrounding space', ' 2026-12-01T10:00:00'],
    ['a lower-case t', '2026-12-01t10:00:00'],
    ['an offset', '2026-12-01T10:00:00Z'],
    ['a dot without digits', '2026-12-01T10:00:00.'],
    ['ten fraction digits', '2026-12-01T10:00:00.0000000000'],
    ['a two-digit year', '0026-12-01T10:00:00'],
    ['29 February of a common year', '2027-02-29T10:00:00'],
    ['29 February of 1900', '1900-02-29T10:00:00'],
    ['31 April', '2026-04-31T10:00:00'],
    ['31 June', '2026-06-31T10:00:00'],
    ['31 September', '2026-09-31T10:00:00'],
    ['31 November', '2026-11-31T10:00:00'],
    ['hour 24', '2026-12-01T24:00:00'],
    ['minute 60', '2026-12-01T10:60:00'],
    ['second 60', '2026-12-01T10:00:60'],
    ['month 13', '2026-13-01T10:00:00'],
    ['day 0', '2026-12-00T10:00:00'],
    ['a letter in the fraction', '2026-12-01T10:00:00.00a0000'],
    ['a non-ASCII digit', '2026-12-01T1\u0660:00:00'],
    ['a number', 1_764_583_200_000],
    ['null', null],
  ])('leaves %s (%j) to the general path', (_case, text) => {
    // Act / Assess
    expect(instantOfUtcWallText(text)).toBeUndefined();
  });

  it('gives the general path’s instant for every UTC text in its format', () => {
    // Act / Assess
    fc.assert(
      fc.property(utcText, (text) => {
        expect(instantOfUtcWallText(text)).toBe(general(text));
      }),
      { numRuns: 5_000 },
    );
  });

  it('never disagrees with the general path on a damaged text: it reads it the same or leaves it', () => {
    // Act / Assess
    fc.assert(
      fc.property(damagedText, (text) => {
        const fast = instantOfUtcWallText(text);
        if (fast !== undefined) expect(fast).toBe(general(text));
      }),
      { numRuns: 5_000 },
    );
  });
});

describe('Function: instantOfLocalText in UTC', () => {
  it('answers as the general path did, for well-formed and damaged texts alike', () => {
    // Act / Assess
    fc.assert(
      fc.property(fc.oneof(utcText, damagedText), (text) => {
        expect(instantOfLocalText(text, 'UTC')).toBe(general(text));
      }),
      { numRuns: 5_000 },
    );
  });

  it.each([['2026-12-01T10:00'], [' 2026-12-01T10:00:00.0000000 '], ['0050-06-01T10:00:00']])(
    'still reads %j, outside the fast format, by the general path',
    (text) => {
      // Act / Assess
      expect(instantOfLocalText(text, 'UTC')).toBe(general(text));
      expect(instantOfLocalText(text, 'UTC')).toBeTypeOf('number');
    },
  );

  it('takes the fast path for the zone UTC only: an empty zone name is refused like any unknown zone', () => {
    // Act / Assess
    expect(() => instantOfLocalText('2026-12-01T10:00:00', '')).toThrow(RangeError);
  });

  it('reads a text in another zone by that zone’s rules, not as UTC', () => {
    // Act / Assess
    expect(instantOfLocalText('2026-12-01T10:00:00.0000000', 'America/New_York')).toBe(Date.UTC(2026, 11, 1, 15));
  });
});
