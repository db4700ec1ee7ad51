import { describe, expect, it } from 'vitest';
import {
  bookingWindow,
  freeSlots,
  MAX_SLOT_MINUTES,
  searchRange,
  slotMinutesFor,
} from '../../../functions/domain/availability';
import { parseDate } from '../../../functions/domain/time';
import { at, localStarts, NOW, NY, roundTheClock, rules } from './fixtures';

const MIN = 60_000;
const DAY = 86_400_000;

describe('Function: slotMinutesFor', () => {
  it.each([
    [undefined, 30],
    [1, 1],
    [0.6, 1],
    [0.4, 30],
    [45.5, 46],
    [MAX_SLOT_MINUTES, 1440],
    [MAX_SLOT_MINUTES + 1, 30],
    [-30, 30],
    [Number.NaN, 30],
    [Number.POSITIVE_INFINITY, 30],
  ])('a requested %s minutes gives %i-minute slots (the rules say 30)', (duration, minutes) => {
    // Act / Assess
    expect(slotMinutesFor(rules(), duration)).toBe(minutes);
  });
});

describe('Function: bookingWindow', () => {
  it('reads a negative notice and horizon as none: from now, through today', () => {
    // Act
    const window = bookingWindow(rules({ minNoticeMinutes: -60, horizonDays: -3 }), NOW);

    // Assess
    const today = parseDate('2026-11-23')!;
    expect(window).toEqual({ earliest: NOW, horizonEnd: at('2026-11-24T00:00'), today, lastDay: today });
  });
});

describe('Function: searchRange', () => {
  it.each([
    { name: 'a longer request than the rules', duration: 240, longest: 240 },
    { name: 'a shorter request than the rules', duration: 15, longest: 30 },
  ])('reaches past the horizon by the longest slot: $name', ({ duration, longest }) => {
    // Prepare
    const r = rules({ bufferMinutes: 10 });

    // Act
    const range = searchRange({ rules: r, now: NOW, durationMinutes: duration });

    // Assess
    expect(range.end).toBe(at('2026-12-08T00:00') + longest * MIN + 10 * MIN + DAY);
  });
});

describe('freeSlots: the last start of the horizon', () => {
  it.each([30, 60])('working round the clock, %i-minute slots may start up to 23:30 of the last day', (minutes) => {
    // Prepare: horizon 0, so today is the last day
    const r = roundTheClock(NY, { minNoticeMinutes: 0, horizonDays: 0 });

    // Act
    const starts = localStarts(freeSlots(r, [], NOW, minutes));

    // Assess
    expect(starts[0]).toBe('2026-11-23 08:00');
    expect(starts.at(-1)).toBe('2026-11-23 23:30');
    expect(starts).toHaveLength(32);
  });
});
