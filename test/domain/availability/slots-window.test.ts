import { describe, expect, it } from 'vitest';
import { bookingWindow, busyIntervals, freeSlots, searchRange } from '../../../functions/domain/availability';
import { at, entry, hours, localStarts, NOW, NY, onDate, rules } from './fixtures';

describe('freeSlots: notice, horizon, alignment, length', () => {
  it.each([
    { now: '2026-11-23T08:00', notice: 120, first: '2026-11-23 10:00' },
    { now: '2026-11-23T08:00', notice: 0, first: '2026-11-23 09:00' },
    { now: '2026-11-23T08:10', notice: 120, first: '2026-11-23 10:30' },
    { now: '2026-11-23T09:00', notice: 0, first: '2026-11-23 09:00' },
    { now: '2026-11-23T15:01', notice: 120, first: '2026-11-24 09:00' },
    { now: '2026-11-23T08:00', notice: 60 * 24, first: '2026-11-24 09:00' },
  ])('now $now with $notice min notice: first slot $first', ({ now, notice, first }) => {
    // Act
    const slots = freeSlots(rules({ minNoticeMinutes: notice }), [], at(now));

    // Assess
    expect(localStarts(slots)[0]).toBe(first);
  });

  it.each([
    { horizon: 1, lastDate: '2026-11-24' },
    { horizon: 4, lastDate: '2026-11-27' },
    { horizon: 6, lastDate: '2026-11-27' },
    { horizon: 14, lastDate: '2026-12-07' },
  ])('horizon of $horizon days: last slot on $lastDate', ({ horizon, lastDate }) => {
    // Act
    const slots = freeSlots(rules({ horizonDays: horizon }), [], NOW);

    // Assess
    expect(localStarts(slots).at(-1)).toBe(`${lastDate} 16:30`);
  });

  it.each([
    {
      slot: 45,
      interval: 15,
      expected: ['09:00', '09:15', '09:30', '09:45', '10:00', '10:15', '10:30', '10:45', '11:00', '11:15'],
    },
    { slot: 45, interval: 45, expected: ['09:00', '09:45', '10:30', '11:15'] },
    { slot: 60, interval: 30, expected: ['09:00', '09:30', '10:00', '10:30', '11:00'] },
    { slot: 30, interval: 60, expected: ['09:00', '10:00', '11:00'] },
  ])('$slot-minute slots on a $interval-minute interval in 09:00–12:00', ({ slot, interval, expected }) => {
    // Prepare
    const r = rules({
      slotMinutes: slot,
      intervalMinutes: interval,
      working: { timeZone: NY, week: hours('09:00', '12:00') },
    });

    // Act
    const times = localStarts(onDate(freeSlots(r, [], NOW), '2026-11-24')).map((s) => s.slice(11));

    // Assess
    expect(times).toEqual(expected);
  });

  it('45-minute slots on a 15-minute interval step around a busy half hour', () => {
    // Prepare
    const r = rules({ slotMinutes: 45, intervalMinutes: 15, working: { timeZone: NY, week: hours('09:00', '12:00') } });
    const entries = [entry('2026-11-24T10:00', '2026-11-24T10:30')];

    // Act
    const times = localStarts(onDate(freeSlots(r, entries, NOW), '2026-11-24')).map((s) => s.slice(11));

    // Assess
    expect(times).toEqual(['09:00', '09:15', '10:30', '10:45', '11:00', '11:15']);
  });

  it.each([
    { zone: 'Asia/Kolkata', utc: '2026-11-24T03:30:00.000Z' },
    { zone: 'Asia/Kathmandu', utc: '2026-11-24T03:15:00.000Z' },
    { zone: 'Australia/Adelaide', utc: '2026-11-23T22:30:00.000Z' },
  ])('alignment is to local time in $zone', ({ zone, utc }) => {
    // Prepare
    const r = rules({ minNoticeMinutes: 0 }, zone);

    // Act
    const slots = onDate(freeSlots(r, [], at('2026-11-23T18:00', zone)), '2026-11-24', zone);

    // Assess
    expect(new Date(slots[0]!.start).toISOString()).toBe(utc);
    expect(slots).toHaveLength(16);
  });

  it('working hours in another zone than the owner are placed in their own zone', () => {
    // Prepare: London 09:00–17:00 seen from New York in November is 04:00–12:00.
    const r = rules({ working: { timeZone: 'Europe/London', week: hours() }, minNoticeMinutes: 0 });

    // Act
    const times = localStarts(onDate(freeSlots(r, [], NOW), '2026-11-24')).map((s) => s.slice(11));

    // Assess
    expect(times[0]).toBe('04:00');
    expect(times.at(-1)).toBe('11:30');
  });

  it.each([
    { duration: undefined, last: '16:30', length: 30 },
    { duration: 60, last: '16:00', length: 60 },
    { duration: 90, last: '15:30', length: 90 },
    { duration: 0, last: '16:30', length: 30 },
    { duration: Number.NaN, last: '16:30', length: 30 },
  ])('duration $duration: last start $last', ({ duration, last, length }) => {
    // Act
    const day = onDate(freeSlots(rules(), [], NOW, duration), '2026-11-24');

    // Assess
    expect(localStarts(day).at(-1)!.slice(11)).toBe(last);
    expect(day[0]!.end - day[0]!.start).toBe(length * 60_000);
  });

  it('an overnight range runs into the next day', () => {
    // Prepare
    const r = rules({
      minNoticeMinutes: 0,
      working: { timeZone: NY, week: { tuesday: [{ start: '22:00', end: '01:00' }] } },
    });

    // Act
    const times = localStarts(freeSlots(r, [], NOW));

    // Assess
    expect(times).toEqual([
      '2026-11-24 22:00',
      '2026-11-24 22:30',
      '2026-11-24 23:00',
      '2026-11-24 23:30',
      '2026-11-25 00:00',
      '2026-11-25 00:30',
      '2026-12-01 22:00',
      '2026-12-01 22:30',
      '2026-12-01 23:00',
      '2026-12-01 23:30',
      '2026-12-02 00:00',
      '2026-12-02 00:30',
    ]);
  });
});

describe('searchRange', () => {
  it('covers every slot, its buffers and a day of margin for all-day entries', () => {
    // Prepare
    const r = rules({ bufferMinutes: 30 });

    // Act
    const range = searchRange({ rules: r, now: NOW });

    // Assess
    const { earliest, horizonEnd } = bookingWindow(r, NOW);
    expect(range.start).toBe(earliest - 30 * 60_000 - 86_400_000);
    expect(range.end).toBe(horizonEnd + 30 * 60_000 + 30 * 60_000 + 86_400_000);
    expect(horizonEnd).toBe(at('2026-12-08T00:00'));
  });

  it('entries outside the range cannot change the answer', () => {
    // Prepare: entries just outside the range on both sides, with a buffer that would reach in if they were closer.
    const r = rules({ bufferMinutes: 60, horizonDays: 3 });
    const range = searchRange({ rules: r, now: NOW, durationMinutes: 240 });
    const outside = [
      {
        start: range.start - 3_600_000,
        end: range.start - 1,
        availability: 'busy' as const,
        isCancelled: false,
        isAllDay: false,
      },
      {
        start: range.end,
        end: range.end + 3_600_000,
        availability: 'busy' as const,
        isCancelled: false,
        isAllDay: false,
      },
    ];

    // Act
    const withOutside = freeSlots(r, outside, NOW, 240);

    // Assess
    expect(withOutside).toEqual(freeSlots(r, [], NOW, 240));
    expect(busyIntervals(outside, r)).toHaveLength(2);
  });
});
