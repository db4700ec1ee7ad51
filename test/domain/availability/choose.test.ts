import { describe, expect, it } from 'vitest';
import { aroundWindow, nearestSlots, spreadOptions } from '../../../functions/domain/availability/choose';
import type { Slot } from '../../../functions/domain/types';

const MIN = 60_000;
/** A 30-minute slot starting at a UTC reading on June 2026's day `d` (1 = Monday). */
const slot = (d: number, hh: number, mm = 0): Slot => {
  const start = Date.UTC(2026, 5, d, hh, mm);
  return { start, end: start + 30 * MIN };
};
const label = (slots: readonly Slot[]) => slots.map((s) => new Date(s.start).toISOString().slice(8, 16));

describe('Function: spreadOptions', () => {
  it.each([0, -1])('offers nothing when asked for %i options', (max) => {
    // Act / Assess
    expect(spreadOptions([slot(1, 9)], 'UTC', max)).toEqual([]);
  });

  it('takes the first slot of each half-day: a morning run of slots gives one option, the afternoon the next', () => {
    // Prepare
    const slots = [slot(1, 9), slot(1, 9, 30), slot(1, 10), slot(1, 14), slot(1, 14, 30)];
    // Act / Assess
    expect(label(spreadOptions(slots, 'UTC', 2))).toEqual(['01T09:00', '01T14:00']);
  });

  it('reads the half-day in the owner zone: 11:30 UTC is afternoon in London in June', () => {
    // Prepare
    const slots = [slot(1, 9), slot(1, 10), slot(1, 11, 30)];
    // Act / Assess
    expect(label(spreadOptions(slots, 'Europe/London', 2))).toEqual(['01T09:00', '01T11:30']);
  });

  it('fills from the slots farthest from those picked, on one half-day, ties to the earlier', () => {
    // Prepare
    const slots = [slot(1, 8), slot(1, 8, 30), slot(1, 9), slot(1, 9, 30), slot(1, 10), slot(1, 11, 30)];
    // Act / Assess
    expect(label(spreadOptions(slots, 'UTC', 3))).toEqual(['01T08:00', '01T09:30', '01T11:30']);
  });
});

describe('Function: nearestSlots', () => {
  const slots = [slot(1, 9), slot(1, 12), slot(1, 15)];

  it('takes the nearer side, even when it is the first slot', () => {
    // Act / Assess
    expect(label(nearestSlots(slots, { start: slot(1, 9, 30).start, end: slot(1, 9, 30).start }, 1))).toEqual([
      '01T09:00',
    ]);
  });

  it('takes every slot before a target after them all, down to the first', () => {
    // Prepare
    const late = slot(2, 9).start;
    // Act / Assess
    expect(label(nearestSlots(slots, { start: late, end: late }, 3))).toEqual(['01T09:00', '01T12:00', '01T15:00']);
  });

  it('counts a slot inside a window as nearest, and gives ties to the earlier slot', () => {
    // Prepare: 12:00 is inside; 9:00 and 15:00 are both 3 h from the window's edges
    const window = { start: slot(1, 12).start, end: slot(1, 12).start };
    // Act / Assess
    expect(label(nearestSlots(slots, window, 2))).toEqual(['01T09:00', '01T12:00']);
  });
});

describe('Function: aroundWindow', () => {
  // Wednesday 3 June has nothing free.
  const window = { start: Date.UTC(2026, 5, 3, 0), end: Date.UTC(2026, 5, 4, 0) };

  it('offers the latest opening before the window and the earliest after, before nearer ones on one side', () => {
    // Prepare
    const slots = [slot(2, 9), slot(2, 10), slot(4, 9), slot(4, 9, 30), slot(4, 10)];
    // Act / Assess
    expect(label(aroundWindow(slots, window, 2))).toEqual(['02T10:00', '04T09:00']);
  });

  it('then the nearest others, all in start order', () => {
    // Prepare
    const slots = [slot(2, 16), slot(2, 17), slot(4, 9), slot(4, 15)];
    // Act / Assess
    expect(label(aroundWindow(slots, window, 3))).toEqual(['02T16:00', '02T17:00', '04T09:00']);
  });

  it('gives only as many as asked, the one before first', () => {
    // Prepare
    const slots = [slot(2, 17), slot(4, 9)];
    // Act / Assess
    expect(label(aroundWindow(slots, window, 1))).toEqual(['02T17:00']);
  });

  it('offers only what comes after when nothing is before', () => {
    // Prepare
    const slots = [slot(4, 9), slot(4, 10)];
    // Act / Assess
    expect(label(aroundWindow(slots, window, 3))).toEqual(['04T09:00', '04T10:00']);
  });

  it('counts a slot at the window end as after it, and one at its start as not before it', () => {
    // Prepare: slots exactly at the window's two edges, and one just outside each
    const slots = [slot(2, 23), { start: window.start, end: window.start + 30 * MIN }, slot(4, 0), slot(4, 0, 30)];
    // Act / Assess
    expect(label(aroundWindow(slots, window, 2))).toEqual(['02T23:00', '04T00:00']);
  });

  it('breaks a tie in distance toward the earlier slot', () => {
    // Prepare: 16:00 Tuesday and 8:00 Thursday are both 8 h from Wednesday
    const slots = [slot(2, 16), slot(2, 17), slot(4, 7), slot(4, 8)];
    // Act / Assess
    expect(label(aroundWindow(slots, window, 3))).toEqual(['02T16:00', '02T17:00', '04T07:00']);
  });
});

describe('Functions: spreadOptions, nearestSlots with slots that share a start or nearly', () => {
  // Two lengths at one start (a caller's 30 or 60 minutes), or starts a millisecond apart.
  const short = slot(1, 9);
  const long = { start: short.start, end: short.start + 60 * MIN };
  const next = { start: short.start + 1, end: short.start + 1 + 30 * MIN };

  it.each([
    ['two slots with one start', [short, long]],
    ['two slots a millisecond apart', [short, next]],
  ])('spreadOptions offers both of %s when fewer slots than options are free', (_name, slots) => {
    // Act / Assess
    expect(spreadOptions(slots, 'UTC', 3)).toEqual(slots);
  });

  it('nearestSlots gives a tie at the target to the slot listed first', () => {
    // Act / Assess
    expect(nearestSlots([short, long], { start: short.start, end: short.start }, 1)).toEqual([short]);
  });
});

describe('Function: aroundWindow before 1970', () => {
  it('breaks a tie in distance toward the earlier slot with instants below zero too (June 1965)', () => {
    // Prepare: Tuesday 1 June 16:00 and Thursday 3 June 08:00 are both 8 h from Wednesday 2 June
    const at1965 = (d: number, hh: number): Slot => ({
      start: Date.UTC(1965, 5, d, hh),
      end: Date.UTC(1965, 5, d, hh) + 30 * MIN,
    });
    const slots = [at1965(1, 16), at1965(1, 17), at1965(3, 7), at1965(3, 8)];
    const window = { start: Date.UTC(1965, 5, 2), end: Date.UTC(1965, 5, 3) };
    // Act / Assess
    expect(aroundWindow(slots, window, 3)).toEqual([at1965(1, 16), at1965(1, 17), at1965(3, 7)]);
  });
});
