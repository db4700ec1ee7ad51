import { beforeEach, describe, expect, it, vi } from 'vitest';

type ZoneOffsets = typeof import('../../../functions/domain/time/zone-offsets');
let z: ZoneOffsets;

// Each test gets a fresh module, so its memories (zone names, readers, day offsets) start empty and mutation testing
// ties the module's code to the test that runs it.
beforeEach(async () => {
  vi.resetModules();
  z = await import('../../../functions/domain/time/zone-offsets');
});

/** The instant of a UTC reading in any year, BC included (Date.UTC reads 0-99 as 1900-1999). */
const utc = (year: number, month: number, day: number, hour = 12): number => {
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  d.setUTCHours(hour, 0, 0, 0);
  return d.getTime();
};

describe('Function: offsetMinutes', () => {
  it.each([
    // London's local mean time was 1 min 15 s behind UTC until 1847: the same in 1800 as in 501 BC and 1 BC.
    ['Europe/London', 1800, -1.25],
    ['Europe/London', -500, -1.25],
    ['Europe/London', 0, -1.25],
    ['Europe/London', 1, -1.25],
    // Kathmandu's local mean time, +5:41:16, before 1920.
    ['Asia/Kathmandu', -2000, 341 + 16 / 60],
  ])('reads the local mean time of %s in the year %i as %d minutes', (zone, year, expected) => {
    // Act
    const offset = z.offsetMinutes(utc(year, 6, 1), zone);
    // Assess: a BC year read as AD would be off by thousands of years, i.e. by days
    expect(offset).toBeCloseTo(expected, 6);
  });

  it.each([
    ['Europe/London', utc(2026, 1, 15), 0],
    ['Europe/London', utc(2026, 7, 15), 60],
    ['europe/london', utc(2026, 7, 15), 60],
    ['Europe/Kiev', utc(2026, 7, 15), 180],
    ['Australia/Lord_Howe', utc(2026, 1, 15), 660],
    ['Australia/Lord_Howe', utc(2026, 7, 15), 630],
    ['UTC', utc(2026, 7, 15), 0],
    ['Etc/GMT+5', utc(2026, 7, 15), -300],
  ])('%s at %i is %i minutes', (zone, ms, expected) => {
    // Act / Assess
    expect(z.offsetMinutes(ms, zone)).toBe(expected);
  });

  it('is exact on either side of a change inside a UTC day, whichever instant is asked first', () => {
    // Prepare: London springs forward at 01:00 UTC on 29 March 2026
    const before = Date.UTC(2026, 2, 29, 0, 59, 59);
    const after = Date.UTC(2026, 2, 29, 1, 0, 0);
    // Act
    const got = [z.offsetMinutes(after, 'Europe/London'), z.offsetMinutes(before, 'Europe/London')];
    // Assess
    expect(got).toEqual([60, 0]);
  });

  it.each(['Mars/Base', ''])('throws RangeError for a zone the runtime does not know: %j', (zone) => {
    // Act / Assess
    expect(() => z.offsetMinutes(0, zone)).toThrow(RangeError);
  });
});

describe('Function: isKnownZone', () => {
  it.each([
    ['Europe/Kyiv', true],
    ['Europe/Kiev', true],
    ['America/Ciudad_Juarez', true],
    ['Mars/Base', false],
    ['', false],
  ])('%s → %s, and the same when asked again', (name, expected) => {
    // Act
    const answers = [z.isKnownZone(name), z.isKnownZone(name)];
    // Assess
    expect(answers).toEqual([expected, expected]);
  });

  it('still answers rightly once more names were asked than it remembers', () => {
    // Prepare: more unknown names than the memory's bound of 1,000
    for (let i = 0; i < 1_200; i++) z.isKnownZone(`Nowhere/Place_${i}`);
    // Act / Assess
    expect([z.isKnownZone('Europe/London'), z.isKnownZone('Nowhere/Place_3')]).toEqual([true, false]);
  });
});

describe('Function: wallMs', () => {
  it('is the instant shifted by the offset: 14:30 UTC reads 15:30 in London in summer', () => {
    // Act / Assess
    expect(z.wallMs(Date.UTC(2026, 6, 1, 14, 30), 'Europe/London')).toBe(Date.UTC(2026, 6, 1, 15, 30));
  });
});
