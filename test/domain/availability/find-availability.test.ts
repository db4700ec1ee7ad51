import { describe, expect, it } from 'vitest';
import { findAvailability, type AvailabilityRequest } from '../../../functions/domain/availability';
import type { CalendarEntry } from '../../../functions/domain/types';
import { entry, hours, NOW, NY, rules } from './fixtures';

const find = (request: AvailabilityRequest, entries: CalendarEntry[] = [], r = rules()) =>
  findAvailability({ rules: r, entries, now: NOW, request });
const starts = (answer: ReturnType<typeof find>) => answer.slots.map((s) => s.start);

describe('findAvailability', () => {
  it('offers the earliest slot, then other half-days', () => {
    // Act
    const answer = find({});

    // Assess
    expect(answer.message).toBe(
      'I have Monday, November 23 at 10:00 AM, Monday, November 23 at 12:00 PM, ' +
        'or Tuesday, November 24 at 9:00 AM. Which works best?',
    );
    expect(answer.slots[0]).toEqual({
      start: '2026-11-23T10:00:00-05:00',
      end: '2026-11-23T10:30:00-05:00',
      spoken: 'Monday, November 23 at 10:00 AM',
    });
  });

  it.each<{ request: AvailabilityRequest; message: string; first: string }>([
    {
      request: { date: '2026-11-24' },
      message: 'On Tuesday, November 24 I have 9:00 AM, 12:00 PM, or 4:30 PM. Which works best?',
      first: '2026-11-24T09:00:00-05:00',
    },
    {
      request: { date: '2026-11-24', time_of_day: 'afternoon' },
      message: 'On Tuesday, November 24 I have 12:00 PM, 2:00 PM, or 4:30 PM. Which works best?',
      first: '2026-11-24T12:00:00-05:00',
    },
    {
      request: { time_of_day: 'morning' },
      message:
        'I have Monday, November 23 at 10:00 AM, Tuesday, November 24 at 9:00 AM, ' +
        'or Wednesday, November 25 at 9:00 AM. Which works best?',
      first: '2026-11-23T10:00:00-05:00',
    },
    {
      request: { date: '2026-11-23' },
      message: 'On Monday, November 23 I have 10:00 AM, 12:00 PM, or 4:30 PM. Which works best?',
      first: '2026-11-23T10:00:00-05:00',
    },
  ])('request $request', ({ request, message, first }) => {
    // Act
    const answer = find(request);

    // Assess
    expect(answer.message).toBe(message);
    expect(answer.slots[0]!.start).toBe(first);
    expect(answer.slots).toHaveLength(3);
  });

  it('evening means from 17:00 local', () => {
    // Prepare
    const r = rules({ working: { timeZone: NY, week: hours('09:00', '19:00') } });

    // Act
    const answer = find({ date: '2026-11-24', time_of_day: 'evening' }, [], r);

    // Assess
    expect(answer.message).toBe('On Tuesday, November 24 I have 5:00 PM, 5:30 PM, or 6:30 PM. Which works best?');
  });

  it('a fully booked requested date says so and offers the nearest openings', () => {
    // Prepare
    const entries = [entry('2026-11-24T09:00', '2026-11-24T12:00')];

    // Act
    const answer = find({ date: '2026-11-24', time_of_day: 'morning' }, entries);

    // Assess
    expect(answer.message).toBe(
      "I don't have anything open on Tuesday, November 24 in the morning. The closest openings are " +
        'Tuesday, November 24 at 12:00 PM, Tuesday, November 24 at 12:30 PM, ' +
        'or Tuesday, November 24 at 1:00 PM. Would one of those work?',
    );
  });

  it('a whole day booked: the latest opening before and the earliest after, then the nearest, sorted by start', () => {
    // Prepare: Wednesday 9:00 is 9 h after the day; Monday 2:30 PM and Wednesday 9:30 are 9.5 h away;
    // Monday 2:00 PM 10 h.
    const entries = [entry('2026-11-24T00:00', '2026-11-25T00:00'), entry('2026-11-23T15:00', '2026-11-23T17:00')];

    // Act
    const answer = find({ date: '2026-11-24' }, entries);

    // Assess
    expect(
      answer.message.startsWith("I don't have anything open on Tuesday, November 24. The closest openings are "),
    ).toBe(true);
    expect(starts(answer)).toEqual([
      '2026-11-23T14:30:00-05:00',
      '2026-11-25T09:00:00-05:00',
      '2026-11-25T09:30:00-05:00',
    ]);
  });

  it('a whole day booked whose nearest openings all lie on one side still offers the other side', () => {
    // Prepare: Tuesday is off, Monday afternoon is free right up to the day; Wednesday opens at 9:00.
    const entries = [entry('2026-11-24T00:00', '2026-11-25T00:00')];

    // Act
    const answer = find({ date: '2026-11-24' }, entries);

    // Assess
    const days = starts(answer).map((s) => s.slice(0, 10));
    expect(days).toContain('2026-11-23');
    expect(days).toContain('2026-11-25');
  });

  it.each([
    { date: '2026-11-20', reason: 'That date has already passed.' },
    { date: '2026-12-08', reason: 'I can only book up to 14 days ahead, through Monday, December 7.' },
    { date: '2026-02-30', reason: "I couldn't understand that date." },
    { date: '2026-13-01', reason: "I couldn't understand that date." },
    { date: '24/11/2026', reason: "I couldn't understand that date." },
    { date: 'next Tuesday', reason: "I couldn't understand that date." },
  ])('date $date: a spoken reason and the earliest options', ({ date, reason }) => {
    // Act
    const answer = find({ date });

    // Assess
    expect(answer.message).toBe(
      `${reason} I can offer Monday, November 23 at 10:00 AM, Monday, November 23 at 12:00 PM, ` +
        'or Tuesday, November 24 at 9:00 AM. Which works best?',
    );
    expect(answer.slots).toHaveLength(3);
  });

  it('no morning anywhere in the horizon: says so and offers what there is', () => {
    // Prepare
    const r = rules({ working: { timeZone: NY, week: hours('13:00', '17:00') } });

    // Act
    const answer = find({ time_of_day: 'morning' }, [], r);

    // Assess
    expect(answer.message).toMatch(
      /^I don't have any morning openings in the next 14 days\. I can offer Monday, November 23 at 1:00 PM, /,
    );
  });

  it('nothing free at all: says so, suggests a call back, offers nothing', () => {
    // Prepare
    const entries = [entry('2026-11-01T00:00', '2027-01-01T00:00')];

    // Act
    const answer = find({ date: '2026-11-24' }, entries);

    // Assess
    expect(answer).toEqual({
      message: "I don't have any openings in the next 14 days, so please call back later and we'll find a time.",
      slots: [],
    });
  });

  it('duration_minutes sets the slot length', () => {
    // Act
    const answer = find({ date: '2026-11-24', duration_minutes: 90 });

    // Assess
    expect(answer.slots[0]).toMatchObject({ start: '2026-11-24T09:00:00-05:00', end: '2026-11-24T10:30:00-05:00' });
    expect(answer.slots.at(-1)!.start).toBe('2026-11-24T15:30:00-05:00');
  });

  it('a single option asks a yes/no question', () => {
    // Prepare
    const entries = [entry('2026-11-23T00:00', '2026-11-24T16:30'), entry('2026-11-24T17:00', '2027-01-01T00:00')];

    // Act
    const answer = find({}, entries);

    // Assess
    expect(answer.message).toBe('I have Tuesday, November 24 at 4:30 PM. Does that work?');
  });
});
