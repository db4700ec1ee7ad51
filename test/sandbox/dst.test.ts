import { expect, it } from 'vitest';
import type { PatternedRecurrence } from '../../local/sandbox/microsoft';
import { eventTimesProblem } from '../../local/sandbox/microsoft/calendar-schema';
import { expandRecurrence } from '../../local/sandbox/microsoft/graph/recurrence';
import { instantOf } from '../../local/sandbox/microsoft/graph/time';
import { eachSeason } from '../support/seasons';

const iso = (ms: number) => new Date(ms).toISOString();
const daily = (startDate: string, endDate: string): PatternedRecurrence => ({
  pattern: { type: 'daily', interval: 1 },
  range: { type: 'endDate', startDate, endDate },
});

eachSeason('Sandbox recurrence on DST days', () => {
  it('a daily 01:30 London occurrence on the fall-back Sunday is the earlier 01:30 (00:30Z)', () => {
    // Prepare
    const start = { dateTime: '2025-10-25T01:30:00', timeZone: 'GMT Standard Time' };
    const end = { dateTime: '2025-10-25T02:00:00', timeZone: 'GMT Standard Time' };
    // Act
    const occ = expandRecurrence(
      start,
      end,
      daily('2025-10-25', '2025-10-27'),
      Date.parse('2025-10-24T00:00Z'),
      Date.parse('2025-10-28T00:00Z'),
    );
    // Assess
    expect(occ.map((o) => `${iso(o.startMs)}/${iso(o.endMs)}`)).toEqual([
      '2025-10-25T00:30:00.000Z/2025-10-25T01:00:00.000Z',
      '2025-10-26T00:30:00.000Z/2025-10-26T01:00:00.000Z',
      '2025-10-27T01:30:00.000Z/2025-10-27T02:00:00.000Z',
    ]);
  });

  it('a Lord Howe daily 01:45 on its half-hour fall-back is the earlier one', () => {
    // Prepare
    const start = { dateTime: '2025-04-05T01:45:00', timeZone: 'Australia/Lord_Howe' };
    const end = { dateTime: '2025-04-05T02:15:00', timeZone: 'Australia/Lord_Howe' };
    // Act
    const occ = expandRecurrence(
      start,
      end,
      daily('2025-04-05', '2025-04-07'),
      Date.parse('2025-04-04T00:00Z'),
      Date.parse('2025-04-08T00:00Z'),
    );
    // Assess
    expect(occ.map((o) => iso(o.startMs))).toEqual([
      '2025-04-04T14:45:00.000Z',
      '2025-04-05T14:45:00.000Z',
      '2025-04-06T15:15:00.000Z',
    ]);
  });

  it('a weekly series whose first occurrence falls in the spring-forward gap keeps 02:30 for the later ones', () => {
    // Prepare
    const rec: PatternedRecurrence = {
      pattern: { type: 'weekly', interval: 1, daysOfWeek: ['sunday'] },
      range: { type: 'numbered', startDate: '2026-03-08', numberOfOccurrences: 3 },
    };
    const start = { dateTime: '2026-03-08T02:30:00', timeZone: 'Eastern Standard Time' };
    const end = { dateTime: '2026-03-08T03:30:00', timeZone: 'Eastern Standard Time' };
    // Act
    const occ = expandRecurrence(start, end, rec, Date.parse('2026-03-01T00:00Z'), Date.parse('2026-04-01T00:00Z'));
    // Assess: the gap moves only the first one forward (to 03:30 EDT); each lasts the hour the owner set.
    expect(occ.map((o) => `${iso(o.startMs)}/${iso(o.endMs)}`)).toEqual([
      '2026-03-08T07:30:00.000Z/2026-03-08T08:30:00.000Z',
      '2026-03-15T06:30:00.000Z/2026-03-15T07:30:00.000Z',
      '2026-03-22T06:30:00.000Z/2026-03-22T07:30:00.000Z',
    ]);
  });

  it('a 01:00-03:00 New York series lasts the two hours the owner set, the fall-back Sunday included', () => {
    // Prepare
    const rec: PatternedRecurrence = {
      pattern: { type: 'weekly', interval: 1, daysOfWeek: ['sunday'] },
      range: { type: 'noEnd', startDate: '2026-10-25' },
    };
    const start = { dateTime: '2026-10-25T01:00:00', timeZone: 'Eastern Standard Time' };
    const end = { dateTime: '2026-10-25T03:00:00', timeZone: 'Eastern Standard Time' };
    // Act
    const occ = expandRecurrence(start, end, rec, Date.parse('2026-10-24T00:00Z'), Date.parse('2026-11-09T00:00Z'));
    // Assess: the master is on the fall-back Sunday itself (3 h of real time between its wall times), yet every
    // occurrence lasts the 2 h the owner set.
    expect(occ.map((o) => (o.endMs - o.startMs) / 3_600_000)).toEqual([2, 2, 2]);
  });

  it.each([
    ['America/Santiago', '2025-09-07', '2025-09-08', '2025-09-07T04:00:00.000Z', '2025-09-08T03:00:00.000Z'],
    ['America/Havana', '2025-03-09', '2025-03-10', '2025-03-09T05:00:00.000Z', '2025-03-10T04:00:00.000Z'],
  ])(
    "an all-day event in %s on %s (midnight skipped) runs from the day's first instant to the next day's",
    (zone, from, to, start, end) => {
      // Prepare
      const s = { dateTime: `${from}T00:00:00`, timeZone: zone };
      const e = { dateTime: `${to}T00:00:00`, timeZone: zone };
      // Act
      const occ = expandRecurrence(
        s,
        e,
        daily(from, to),
        Date.parse(`${from}T00:00Z`) - 86_400_000,
        Date.parse(`${to}T00:00Z`) + 2 * 86_400_000,
      );
      // Assess
      expect([iso(instantOf(s)), iso(instantOf(e))]).toEqual([start, end]);
      expect(`${iso(occ[0]!.startMs)}/${iso(occ[0]!.endMs)}`).toBe(`${start}/${end}`);
      expect(iso(occ[1]!.startMs)).toBe(end);
    },
  );
});

eachSeason('Sandbox event checks on DST days', () => {
  it('books the earlier 01:30 London on the fall-back night, written in UTC; its wall times are ambiguous', () => {
    // Prepare: 00:30Z–01:00Z is 01:30 BST to 01:00 GMT.
    const utcWritten = {
      start: { dateTime: '2025-10-26T00:30:00', timeZone: 'UTC' },
      end: { dateTime: '2025-10-26T01:00:00', timeZone: 'UTC' },
    };
    const wallWritten = {
      start: { dateTime: '2025-10-26T01:30:00', timeZone: 'GMT Standard Time' },
      end: { dateTime: '2025-10-26T01:00:00', timeZone: 'GMT Standard Time' },
    };
    // Act & Assess
    expect(eventTimesProblem(utcWritten)).toBeUndefined();
    expect(eventTimesProblem(wallWritten)).toBe('end must not be before start');
  });

  it('accepts an all-day event on a day whose midnight does not exist', () => {
    // Act & Assess
    expect(
      eventTimesProblem({
        start: { dateTime: '2025-09-07T00:00:00', timeZone: 'America/Santiago' },
        end: { dateTime: '2025-09-08T00:00:00', timeZone: 'America/Santiago' },
        isAllDay: true,
      }),
    ).toBeUndefined();
  });
});
