import { describe, expect, it } from 'vitest';
import {
  isoWithOffset,
  joinOr,
  nearestSlots,
  spokenMinutes,
  spokenTime,
  spreadOptions,
  toSlotOption,
} from '../../../functions/domain/availability';
import type { Slot } from '../../../functions/domain/types';
import { at, localStarts, NY } from './fixtures';

const slotAt = (local: string, zone = NY): Slot => ({ start: at(local, zone), end: at(local, zone) + 30 * 60_000 });

describe('formatting', () => {
  it.each([
    {
      local: '2026-11-24T14:00',
      zone: NY,
      iso: '2026-11-24T14:00:00-05:00',
      spoken: 'Tuesday, November 24 at 2:00 PM',
    },
    { local: '2026-07-04T09:30', zone: NY, iso: '2026-07-04T09:30:00-04:00', spoken: 'Saturday, July 4 at 9:30 AM' },
    {
      local: '2026-11-24T12:00',
      zone: NY,
      iso: '2026-11-24T12:00:00-05:00',
      spoken: 'Tuesday, November 24 at 12:00 PM',
    },
    {
      local: '2026-11-24T00:15',
      zone: NY,
      iso: '2026-11-24T00:15:00-05:00',
      spoken: 'Tuesday, November 24 at 12:15 AM',
    },
    {
      local: '2026-06-01T17:45',
      zone: 'Europe/London',
      iso: '2026-06-01T17:45:00+01:00',
      spoken: 'Monday, June 1 at 5:45 PM',
    },
    {
      local: '2026-12-01T08:00',
      zone: 'UTC',
      iso: '2026-12-01T08:00:00+00:00',
      spoken: 'Tuesday, December 1 at 8:00 AM',
    },
    {
      local: '2026-12-01T08:00',
      zone: 'Asia/Kolkata',
      iso: '2026-12-01T08:00:00+05:30',
      spoken: 'Tuesday, December 1 at 8:00 AM',
    },
  ])('$local in $zone', ({ local, zone, iso, spoken }) => {
    // Act
    const option = toSlotOption(slotAt(local, zone), zone);

    // Assess
    expect(option.start).toBe(iso);
    expect(option.spoken).toBe(spoken);
    expect(isoWithOffset(at(local, zone), zone)).toBe(iso);
    expect(spokenTime(at(local, zone), zone)).toBe(spoken);
  });

  it.each([
    { items: [], said: '' },
    { items: ['A'], said: 'A' },
    { items: ['A', 'B'], said: 'A or B' },
    { items: ['A', 'B', 'C'], said: 'A, B, or C' },
  ])('joinOr $items', ({ items, said }) => {
    // Act / Assess
    expect(joinOr(items)).toBe(said);
  });

  it.each([
    { minutes: 1, said: '1 minute' },
    { minutes: 45, said: '45 minutes' },
    { minutes: 60, said: '1 hour' },
    { minutes: 120, said: '2 hours' },
    { minutes: 90, said: '90 minutes' },
    { minutes: 1440, said: '1 day' },
    { minutes: 2880, said: '2 days' },
  ])('spokenMinutes $minutes', ({ minutes, said }) => {
    // Act / Assess
    expect(spokenMinutes(minutes)).toBe(said);
  });
});

describe('spreadOptions', () => {
  it.each([
    {
      name: 'one per half-day',
      slots: [
        '2026-11-24T09:00',
        '2026-11-24T09:30',
        '2026-11-24T11:30',
        '2026-11-24T13:00',
        '2026-11-25T10:00',
        '2026-11-25T14:00',
      ],
      picked: ['2026-11-24 09:00', '2026-11-24 13:00', '2026-11-25 10:00'],
    },
    {
      name: 'noon starts the afternoon',
      slots: ['2026-11-24T11:30', '2026-11-24T12:00', '2026-11-24T12:30', '2026-11-25T09:00'],
      picked: ['2026-11-24 11:30', '2026-11-24 12:00', '2026-11-25 09:00'],
    },
    {
      name: 'two half-days: the third is the farthest remaining',
      slots: ['2026-11-24T09:00', '2026-11-24T09:30', '2026-11-24T10:00', '2026-11-24T11:30', '2026-11-24T13:00'],
      picked: ['2026-11-24 09:00', '2026-11-24 11:30', '2026-11-24 13:00'],
    },
    {
      name: 'fewer slots than options',
      slots: ['2026-11-24T09:00', '2026-11-24T09:30'],
      picked: ['2026-11-24 09:00', '2026-11-24 09:30'],
    },
    { name: 'none', slots: [], picked: [] },
  ])('$name', ({ slots, picked }) => {
    // Act
    const chosen = spreadOptions(
      slots.map((s) => slotAt(s)),
      NY,
    );

    // Assess
    expect(localStarts(chosen)).toEqual(picked);
  });
});

describe('nearestSlots', () => {
  const slots = ['09:00', '09:30', '10:00', '13:00', '13:30', '16:00'].map((t) => slotAt(`2026-11-24T${t}`));

  it.each([
    { name: 'around an instant', target: '12:00', end: '12:00', picked: ['10:00', '13:00', '13:30'] },
    { name: 'ties go to the earlier', target: '11:30', end: '11:30', picked: ['09:30', '10:00', '13:00'] },
    { name: 'before everything', target: '07:00', end: '07:00', picked: ['09:00', '09:30', '10:00'] },
    { name: 'after everything', target: '18:00', end: '18:00', picked: ['13:00', '13:30', '16:00'] },
    {
      name: 'a window counts as distance zero inside',
      target: '12:00',
      end: '17:00',
      picked: ['13:00', '13:30', '16:00'],
    },
  ])('$name', ({ target, end, picked }) => {
    // Act
    const chosen = nearestSlots(slots, { start: at(`2026-11-24T${target}`), end: at(`2026-11-24T${end}`) });

    // Assess
    expect(localStarts(chosen).map((s) => s.slice(11))).toEqual(picked);
  });
});
