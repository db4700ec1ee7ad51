import { beforeEach, describe, expect, it, vi } from 'vitest';

type Instants = typeof import('../../../functions/domain/time/instants');
let t: Instants;

// The split of an ISO text into its wall time and its offset is a module-level regex, built once when the module
// loads. Loading it afresh inside each test (not at the top of the file, where no test is running yet) is what lets
// mutation testing see these tests use that regex.
beforeEach(async () => {
  vi.resetModules();
  t = await import('../../../functions/domain/time/instants');
});

const NEW_YORK = 'America/New_York';
const at = (iso: string) => Date.parse(iso);

describe('Function: instantOfLocalText', () => {
  it.each([
    ['2026-11-24T14:00', at('2026-11-24T19:00:00Z')],
    ['2026-07-14T14:00:30', at('2026-07-14T18:00:30Z')],
    ['2026-11-24T14:00:00.250', at('2026-11-24T19:00:00.250Z')],
  ])('reads %s as a New York wall time', (text, ms) => {
    // Act / Assess
    expect(t.instantOfLocalText(text, NEW_YORK)).toBe(ms);
  });

  it('reads the same wall text as another instant in another zone', () => {
    // Act / Assess
    expect(t.instantOfLocalText('2026-11-24T14:00', 'Asia/Kathmandu')).toBe(at('2026-11-24T08:15:00Z'));
  });

  it.each([['2026-11-24'], ['2026-02-30T10:00'], ['2026-11-24T14:00Z'], ['tomorrow at two'], ['']])(
    'gives undefined for %j, which is no zone-less wall time',
    (text) => {
      // Act / Assess
      expect(t.instantOfLocalText(text, NEW_YORK)).toBeUndefined();
    },
  );
});

describe('Function: instantOfIsoText', () => {
  describe('with an offset', () => {
    it.each([
      ['2026-11-24T14:00Z', '2026-11-24T14:00:00.000Z'],
      ['2026-11-24T14:00:00z', '2026-11-24T14:00:00.000Z'],
      ['2026-11-24T14:00-05:00', '2026-11-24T19:00:00.000Z'],
      ['2026-11-24T14:00:30+05:30', '2026-11-24T08:30:30.000Z'],
      ['2026-11-24T14:00:30+0530', '2026-11-24T08:30:30.000Z'],
      ['2026-11-24T14:00-03', '2026-11-24T17:00:00.000Z'],
      ['2026-11-24T14:00:00.5Z', '2026-11-24T14:00:00.500Z'],
      ['2026-11-24T14:00:00.123+01:00', '2026-11-24T13:00:00.123Z'],
      ['2026-11-24T14:00:00.1234567-05:00', '2026-11-24T19:00:00.123Z'],
      ['2026-11-24T14:00:00.123456789Z', '2026-11-24T14:00:00.123Z'],
      ['2026-11-24T14:00 +01:00', '2026-11-24T13:00:00.000Z'],
      ['2026-11-24T14:00:00   Z', '2026-11-24T14:00:00.000Z'],
      ['  2026-11-24T14:00Z\n', '2026-11-24T14:00:00.000Z'],
    ])('reads %j as the instant %s, whatever the zone', (text, iso) => {
      // Act
      const instant = t.instantOfIsoText(text, NEW_YORK);

      // Assess
      expect(instant).toEqual({ ms: at(iso), hadOffset: true });
    });
  });

  describe('without an offset', () => {
    it.each([
      ['2026-11-24T14:00', '2026-11-24T19:00:00.000Z'],
      ['2026-07-14T14:00:30', '2026-07-14T18:00:30.000Z'],
      ['2026-11-24T14:00:00.75', '2026-11-24T19:00:00.750Z'],
      ['2026-11-24T14:00:00.123456789', '2026-11-24T19:00:00.123Z'],
      [' 2026-11-24T14:00 ', '2026-11-24T19:00:00.000Z'],
    ])('reads %j as a wall time in the zone: %s', (text, iso) => {
      // Act
      const instant = t.instantOfIsoText(text, NEW_YORK);

      // Assess
      expect(instant).toEqual({ ms: at(iso), hadOffset: false });
    });
  });

  it.each([
    ['an empty text', ''],
    ['a date alone', '2026-11-24'],
    ['a space for the T', '2026-11-24 14:00Z'],
    ['a one-digit hour', '2026-11-24T4:00Z'],
    ['a one-digit minute', '2026-11-24T14:0Z'],
    ['one-digit seconds', '2026-11-24T14:00:3Z'],
    ['a fraction of ten digits', '2026-11-24T14:00:00.1234567890Z'],
    ['a dot without a fraction', '2026-11-24T14:00:00.Z'],
    ['a one-digit offset', '2026-11-24T14:00+5'],
    ['an offset of three digits', '2026-11-24T14:00+053'],
    ['an offset without a sign', '2026-11-24T14:00 0500'],
    ['an offset of 25 hours', '2026-11-24T14:00+25:00'],
    ['an offset of 70 minutes', '2026-11-24T14:00+05:70'],
    ['a text after the offset', '2026-11-24T14:00Zjunk'],
    ['a text after the time', '2026-11-24T14:00 sharp'],
    ['a 13th month', '2026-13-01T10:00Z'],
    ['a 30 February', '2026-02-30T10:00-05:00'],
    ['a 13th month without an offset', '2026-13-01T10:00'],
    ['a line before the date', 'at\n2026-11-24T14:00Z'],
    ['a text before the date', 'on 2026-11-24T14:00Z'],
  ])('gives undefined for %s (%j)', (_what, text) => {
    // Act / Assess
    expect(t.instantOfIsoText(text, NEW_YORK)).toBeUndefined();
  });
});

describe('Function: utcWallText', () => {
  it.each([
    [at('2026-11-24T19:00:00Z'), '2026-11-24T19:00:00'],
    [at('2026-11-24T19:00:59.999Z'), '2026-11-24T19:00:59'],
    [0, '1970-01-01T00:00:00'],
  ])('writes %i as %s, the UTC wall time in whole seconds', (ms, text) => {
    // Act / Assess
    expect(t.utcWallText(ms)).toBe(text);
  });
});

describe('Function: utcIsoText', () => {
  it.each([
    [at('2026-11-24T15:00:00Z'), '2026-11-24T15:00:00Z'],
    [at('2026-11-24T15:00:59.999Z'), '2026-11-24T15:00:59Z'],
  ])('writes %i as %s, RFC 3339 in UTC with its Z', (ms, text) => {
    // Act / Assess
    expect(t.utcIsoText(ms)).toBe(text);
  });
});
