import { describe, expect, it } from 'vitest';
import { busyIntervals, overlapsBusy, parseClock, workingWindows } from '../../../functions/domain/availability';
import { instantOfWall } from '../../../functions/domain/time';
import { at, entry, hours, LONDON, NY } from './fixtures';

const H = 3_600_000;

describe('busyIntervals', () => {
  it('sorts, widens by the buffer and merges overlapping or touching entries', () => {
    // Prepare
    const entries = [
      entry('2026-11-24T14:00', '2026-11-24T15:00'),
      entry('2026-11-24T09:00', '2026-11-24T10:00'),
      entry('2026-11-24T10:30', '2026-11-24T11:00'),
      entry('2026-11-24T09:15', '2026-11-24T09:30'),
    ];

    // Act
    const busy = busyIntervals(entries, { timeZone: NY, bufferMinutes: 15, tentativeBlocks: true });

    // Assess
    expect(busy).toEqual([
      { start: at('2026-11-24T08:45'), end: at('2026-11-24T11:15') },
      { start: at('2026-11-24T13:45'), end: at('2026-11-24T15:15') },
    ]);
  });

  it.each([
    { name: 'end before start', start: '2026-11-24T10:00', end: '2026-11-24T09:00', buffer: 15, count: 0 },
    { name: 'zero length, no buffer', start: '2026-11-24T10:00', end: '2026-11-24T10:00', buffer: 0, count: 0 },
    { name: 'zero length with a buffer', start: '2026-11-24T10:00', end: '2026-11-24T10:00', buffer: 15, count: 1 },
  ])('$name → $count interval(s)', ({ start, end, buffer, count }) => {
    // Act
    const busy = busyIntervals([entry(start, end)], { timeZone: NY, bufferMinutes: buffer, tentativeBlocks: true });

    // Assess
    expect(busy).toHaveLength(count);
  });

  it('skips entries with non-finite instants', () => {
    // Act
    const busy = busyIntervals([{ ...entry('2026-11-24T10:00', '2026-11-24T11:00'), end: Number.NaN }], {
      timeZone: NY,
      bufferMinutes: 0,
      tentativeBlocks: true,
    });

    // Assess
    expect(busy).toEqual([]);
  });
});

describe('overlapsBusy', () => {
  const busy = [
    { start: 10 * H, end: 11 * H },
    { start: 14 * H, end: 15 * H },
  ];

  it.each([
    { start: 9 * H, end: 10 * H, overlaps: false },
    { start: 11 * H, end: 12 * H, overlaps: false },
    { start: 9.5 * H, end: 10.5 * H, overlaps: true },
    { start: 10.25 * H, end: 10.5 * H, overlaps: true },
    { start: 12 * H, end: 16 * H, overlaps: true },
    { start: 16 * H, end: 17 * H, overlaps: false },
  ])('[$start, $end) → $overlaps', ({ start, end, overlaps }) => {
    // Act / Assess
    expect(overlapsBusy(busy, { start, end })).toBe(overlaps);
  });
});

describe('parseClock', () => {
  it.each([
    { text: '09:00', minutes: 540 },
    { text: '9:30', minutes: 570 },
    { text: '24:00', minutes: 1440 },
    { text: '00:00', minutes: 0 },
    { text: '24:30', minutes: undefined },
    { text: '12:60', minutes: undefined },
    { text: 'noon', minutes: undefined },
    { text: '', minutes: undefined },
  ])('$text → $minutes', ({ text, minutes }) => {
    // Act / Assess
    expect(parseClock(text)).toBe(minutes);
  });
});

describe('instantOfWall', () => {
  it.each([
    { wall: '2026-11-24T14:00', zone: NY, utc: '2026-11-24T19:00:00.000Z', exists: true },
    { wall: '2026-11-01T01:30', zone: NY, utc: '2026-11-01T05:30:00.000Z', exists: true },
    { wall: '2026-03-08T02:30', zone: NY, utc: '2026-03-08T07:30:00.000Z', exists: false },
    { wall: '2026-10-25T01:30', zone: LONDON, utc: '2026-10-25T00:30:00.000Z', exists: true },
    { wall: '2026-03-29T01:00', zone: LONDON, utc: '2026-03-29T01:00:00.000Z', exists: false },
  ])('$wall in $zone → $utc (exists: $exists)', ({ wall, zone, utc, exists }) => {
    // Prepare
    const wallMs = Date.parse(`${wall}:00Z`);

    // Act
    const result = instantOfWall(wallMs, zone);

    // Assess
    expect(new Date(result.ms).toISOString()).toBe(utc);
    expect(result.exists).toBe(exists);
  });
});

describe('workingWindows', () => {
  it('merges touching ranges and clips to the range asked for', () => {
    // Prepare
    const schedule = {
      timeZone: NY,
      week: {
        tuesday: [
          { start: '12:00', end: '17:00' },
          { start: '09:00', end: '12:00' },
        ],
      },
    };

    // Act
    const windows = workingWindows(schedule, { start: at('2026-11-24T10:00'), end: at('2026-11-30T00:00') });

    // Assess
    expect(windows).toEqual([{ start: at('2026-11-24T10:00'), end: at('2026-11-24T17:00') }]);
  });

  it('skips malformed ranges and days without hours', () => {
    // Prepare
    const schedule = {
      timeZone: NY,
      week: { ...hours('09:00', '17:00', ['monday']), tuesday: [{ start: 'nine', end: '17:00' }] },
    };

    // Act
    const windows = workingWindows(schedule, { start: at('2026-11-23T00:00'), end: at('2026-11-26T00:00') });

    // Assess
    expect(windows).toEqual([{ start: at('2026-11-23T09:00'), end: at('2026-11-23T17:00') }]);
  });
});
