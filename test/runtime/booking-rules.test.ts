/** The booking vocabulary's own checks: clock times, zone names, manager ids and the weekday order. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type BookingRules = typeof import('../../functions/contract/booking-rules');
let rules: BookingRules;

beforeEach(async () => {
  // The weekdays and the manager id rule are module-level values: load them afresh (why: test/mutation/README.md).
  vi.resetModules();
  rules = await import('../../functions/contract/booking-rules');
});

describe('Function: parseClock', () => {
  it.each([
    ['09:30', 570],
    [' 9:05 ', 545],
    ['00:00', 0],
    ['24:00', 1440],
  ])('reads %j as %i minutes after midnight', (text, minutes) => {
    // Act + Assess
    expect(rules.parseClock(text)).toBe(minutes);
  });

  it.each(['09:60', '24:01', '25:00', '109:00', '09:000', 'x9:00', '9:00 pm'])('refuses %j', (text) => {
    // Act + Assess
    expect(rules.parseClock(text)).toBeUndefined();
  });
});

describe('Function: isTimeZone', () => {
  it('knows UTC, IANA zones and their aliases', () => {
    // Act + Assess
    expect(rules.isTimeZone('UTC')).toBe(true);
    expect(rules.isTimeZone('Europe/London')).toBe(true);
    expect(rules.isTimeZone('Europe/Kiev')).toBe(true);
  });

  it('refuses an empty name and an unknown zone', () => {
    // Act + Assess
    expect(rules.isTimeZone('')).toBe(false);
    expect(rules.isTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('Function: isManagerId', () => {
  it('takes 1-128 letters, digits and . _ @ + -, and nothing around them', () => {
    // Act + Assess
    expect(rules.isManagerId('pat.lee_1@example.com+x-y')).toBe(true);
    expect(rules.isManagerId('a'.repeat(128))).toBe(true);
    expect(rules.isManagerId('a'.repeat(129))).toBe(false);
    expect(rules.isManagerId('pat lee')).toBe(false);
    expect(rules.isManagerId('pat/')).toBe(false);
    expect(rules.isManagerId('/pat')).toBe(false);
  });
});
