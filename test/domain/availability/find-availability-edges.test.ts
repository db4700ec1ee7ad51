import { describe, expect, it } from 'vitest';
import { findAvailability, type AvailabilityRequest, type TimeOfDay } from '../../../functions/domain/availability';
import { NOW, rules } from './fixtures';

const find = (request: AvailabilityRequest) => findAvailability({ rules: rules(), entries: [], now: NOW, request });
const EARLIEST =
  'I have Monday, November 23 at 10:00 AM, Monday, November 23 at 12:00 PM, ' +
  'or Tuesday, November 24 at 9:00 AM. Which works best?';

describe('findAvailability: the edges of a request', () => {
  it('offers the last day of the horizon itself (14 days from Monday 23 November is Monday 7 December)', () => {
    // Act
    const answer = find({ date: '2026-12-07' });

    // Assess
    expect(answer.message).toBe('On Monday, December 7 I have 9:00 AM, 12:00 PM, or 4:30 PM. Which works best?');
  });

  it.each<[string, AvailabilityRequest]>([
    ['an empty date', { date: '' }],
    ['a date of spaces', { date: '   ' }],
    ['a part of the day it does not know', { time_of_day: 'night' as TimeOfDay }],
    ['an inherited property name as the part of the day', { time_of_day: 'toString' as TimeOfDay }],
  ])('reads %s as no wish at all', (_name, request) => {
    // Act
    const answer = find(request);

    // Assess
    expect(answer.message).toBe(EARLIEST);
  });

  it('reads a date with spaces around it as that date', () => {
    // Act
    const answer = find({ date: ' 2026-11-24 ' });

    // Assess
    expect(answer.message).toBe('On Tuesday, November 24 I have 9:00 AM, 12:00 PM, or 4:30 PM. Which works best?');
  });

  it('counts a slot starting right at noon as afternoon', () => {
    // Act
    const answer = find({ time_of_day: 'afternoon' });

    // Assess
    expect(answer.message).toBe(
      'I have Monday, November 23 at 12:00 PM, Tuesday, November 24 at 12:00 PM, ' +
        'or Wednesday, November 25 at 12:00 PM. Which works best?',
    );
  });
});
