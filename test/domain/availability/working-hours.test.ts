import { describe, expect, it } from 'vitest';
import { withinWorkingHours, workingWindows } from '../../../functions/domain/availability';
import type { TimeOfDayRange } from '../../../functions/domain/types';
import { at, NY } from './fixtures';

const tuesday = (ranges: TimeOfDayRange[]) => ({ timeZone: NY, week: { tuesday: ranges } });
const span = (from: string, to: string) => ({ start: at(from), end: at(to) });

describe('Function: workingWindows, ranges as written', () => {
  it.each<{ name: string; ranges: TimeOfDayRange[]; windows: { start: number; end: number }[] }>([
    { name: 'a range starting at 24:00 is skipped', ranges: [{ start: '24:00', end: '02:00' }], windows: [] },
    { name: 'a range with an unreadable end is skipped', ranges: [{ start: '09:00', end: '5pm' }], windows: [] },
    {
      name: 'a range ending where it starts runs round the clock into the next day',
      ranges: [{ start: '09:00', end: '09:00' }],
      windows: [span('2026-11-24T09:00', '2026-11-25T09:00')],
    },
    {
      name: 'a range inside another of the same day leaves the wider one',
      ranges: [
        { start: '09:00', end: '17:00' },
        { start: '10:00', end: '12:00' },
      ],
      windows: [span('2026-11-24T09:00', '2026-11-24T17:00')],
    },
  ])('$name', ({ ranges, windows }) => {
    // Act
    const result = workingWindows(tuesday(ranges), span('2026-11-23T00:00', '2026-11-27T00:00'));

    // Assess
    expect(result).toEqual(windows);
  });
});

describe('Function: workingWindows, clipped to the range', () => {
  const hours = tuesday([{ start: '09:00', end: '17:00' }]);

  it.each([
    { name: 'a range ending as the hours begin', from: '2026-11-24T00:00', to: '2026-11-24T09:00', windows: [] },
    { name: 'a range starting as the hours end', from: '2026-11-24T17:00', to: '2026-11-25T00:00', windows: [] },
    {
      name: 'a range ending inside the hours of its last day',
      from: '2026-11-23T00:00',
      to: '2026-11-24T10:00',
      windows: [span('2026-11-24T09:00', '2026-11-24T10:00')],
    },
  ])('$name', ({ from, to, windows }) => {
    // Act / Assess
    expect(workingWindows(hours, span(from, to))).toEqual(windows);
  });

  it('an overnight range of the day before reaches into a range that starts after midnight', () => {
    // Prepare: Monday 22:00 to 02:00
    const schedule = { timeZone: NY, week: { monday: [{ start: '22:00', end: '02:00' }] } };

    // Act
    const windows = workingWindows(schedule, span('2026-11-24T00:30', '2026-11-24T12:00'));

    // Assess
    expect(windows).toEqual([span('2026-11-24T00:30', '2026-11-24T02:00')]);
  });
});

describe('Function: withinWorkingHours', () => {
  const hours = tuesday([
    { start: '09:00', end: '12:00' },
    { start: '12:00', end: '17:00' },
  ]);

  it.each([
    { name: 'the whole day of hours', from: '2026-11-24T09:00', to: '2026-11-24T17:00', within: true },
    { name: 'the first half hour', from: '2026-11-24T09:00', to: '2026-11-24T09:30', within: true },
    { name: 'the last half hour', from: '2026-11-24T16:30', to: '2026-11-24T17:00', within: true },
    { name: 'across two touching ranges', from: '2026-11-24T11:30', to: '2026-11-24T12:30', within: true },
    { name: 'starting before the hours', from: '2026-11-24T08:30', to: '2026-11-24T09:30', within: false },
    { name: 'ending after the hours', from: '2026-11-24T16:45', to: '2026-11-24T17:15', within: false },
    { name: 'another day', from: '2026-11-25T10:00', to: '2026-11-25T10:30', within: false },
  ])('$name → $within', ({ from, to, within }) => {
    // Act / Assess
    expect(withinWorkingHours(hours, span(from, to))).toBe(within);
  });
});
