import { expect, it } from 'vitest';
import { checkRequestedStart, findAvailability, freeSlots } from '../../../functions/domain/availability';
import type { CalendarEntry } from '../../../functions/domain/types';
import { eachSeason } from '../../support/seasons';
import { hours, roundTheClock, rules, utcStarts, WEEK } from './fixtures';

const allDay = (startDate: string, endDate: string): CalendarEntry => ({
  // Providers write all-day instants in whatever zone they like; the dates are what count.
  start: Date.parse(`${startDate}T00:00Z`),
  end: Date.parse(`${endDate}T00:00Z`),
  availability: 'busy',
  isCancelled: false,
  isAllDay: true,
  allDay: { startDate, endDate },
});
const on = (iso: string[], date: string) => iso.filter((s) => s.startsWith(date));

eachSeason('Slots on DST days', () => {
  it('London fall-back Sunday: 25 hours of slots, 01:00 and 01:30 offered twice (BST then GMT)', () => {
    // Prepare
    const r = roundTheClock('Europe/London', { minNoticeMinutes: 0 });
    // Act
    const day = freeSlots(r, [], Date.parse('2025-10-25T12:00Z')).filter(
      (s) => s.start >= Date.parse('2025-10-25T23:00Z') && s.start < Date.parse('2025-10-27T00:00Z'),
    );
    // Assess
    expect(day).toHaveLength(50);
    expect(utcStarts(day).slice(2, 6)).toEqual([
      '2025-10-26T00:00:00.000Z',
      '2025-10-26T00:30:00.000Z',
      '2025-10-26T01:00:00.000Z',
      '2025-10-26T01:30:00.000Z',
    ]);
  });

  it.each([
    ['America/Santiago', '2025-09-07', '2025-09-08', '2025-09-07T03:30:00.000Z', '2025-09-08T03:00:00.000Z'],
    ['America/Havana', '2025-03-09', '2025-03-10', '2025-03-09T04:30:00.000Z', '2025-03-10T04:00:00.000Z'],
  ])(
    'an all-day event in %s on %s blocks exactly that local day, not an hour of the next',
    (zone, date, next, lastBefore, firstAfter) => {
      // Prepare
      const r = roundTheClock(zone, { minNoticeMinutes: 0 });
      // Act
      const starts = utcStarts(freeSlots(r, [allDay(date, next)], Date.parse(`${date}T00:00Z`) - 3 * 86_400_000));
      // Assess
      const i = starts.indexOf(firstAfter);
      expect(i).toBeGreaterThan(0);
      expect(starts[i - 1]).toBe(lastBefore);
    },
  );

  it('an all-day event in Havana ending on the fall-back day ends at the earlier of its two midnights', () => {
    // Prepare: Havana falls back from 01:00 CDT to 00:00 CST on 2025-11-02, so that midnight happens twice.
    const r = roundTheClock('America/Havana', { minNoticeMinutes: 0 });
    // Act
    const starts = utcStarts(freeSlots(r, [allDay('2025-11-01', '2025-11-02')], Date.parse('2025-10-30T12:00Z')));
    // Assess: free again from 00:00 CDT (04:00Z), the day's first instant, so 00:00 CST (05:00Z) is free too.
    expect(starts).not.toContain('2025-11-02T03:30:00.000Z');
    expect(
      starts.slice(starts.indexOf('2025-11-02T04:00:00.000Z'), starts.indexOf('2025-11-02T04:00:00.000Z') + 3),
    ).toEqual(['2025-11-02T04:00:00.000Z', '2025-11-02T04:30:00.000Z', '2025-11-02T05:00:00.000Z']);
  });

  it('Lord Howe spring-forward: 02:00 never happens, 02:30 does, half an hour after 01:30', () => {
    // Prepare
    const r = roundTheClock('Australia/Lord_Howe', { minNoticeMinutes: 0 });
    // Act
    const starts = utcStarts(freeSlots(r, [], Date.parse('2025-10-03T00:00Z')));
    // Assess: 01:30 +10:30 is 15:00Z, 02:30 +11 is 15:30Z.
    expect(on(starts, '2025-10-04T1')).toContain('2025-10-04T15:00:00.000Z');
    expect(starts[starts.indexOf('2025-10-04T15:00:00.000Z') + 1]).toBe('2025-10-04T15:30:00.000Z');
  });

  it('Kathmandu (+05:45): 09:00 local is 03:15Z', () => {
    // Prepare
    const r = rules(
      { minNoticeMinutes: 0, working: { timeZone: 'Asia/Kathmandu', week: hours('09:00', '17:00', WEEK) } },
      'Asia/Kathmandu',
    );
    // Act
    const starts = utcStarts(freeSlots(r, [], Date.parse('2026-11-23T20:00Z')));
    // Assess
    expect(starts[0]).toBe('2026-11-24T03:15:00.000Z');
  });

  it("asking for a Santiago gap day gives that day's slots, from its first instant", () => {
    // Prepare
    const r = roundTheClock('America/Santiago', { minNoticeMinutes: 0 });
    // Act
    const answer = findAvailability({
      rules: r,
      entries: [],
      now: Date.parse('2025-09-05T12:00Z'),
      request: { date: '2025-09-07', time_of_day: 'morning' },
    });
    // Assess
    expect(answer.slots[0]!.start).toBe('2025-09-07T01:00:00-03:00');
  });

  it('a start in the London spring-forward gap is refused as not existing, with the slots around it', () => {
    // Prepare
    const r = roundTheClock('Europe/London', { minNoticeMinutes: 0 });
    // Act
    const check = checkRequestedStart({
      startText: '2025-03-30T01:30',
      rules: r,
      entries: [],
      now: Date.parse('2025-03-28T12:00Z'),
    });
    // Assess
    expect(check).toMatchObject({ ok: false, reason: 'unparseable' });
    expect(check.ok ? [] : check.alternatives.map((a) => a.start)).toContain('2025-03-30T02:00:00+01:00');
  });

  it('a wall-time start on the London fall-back night books the earlier 01:30', () => {
    // Prepare
    const r = roundTheClock('Europe/London', { minNoticeMinutes: 0 });
    // Act
    const check = checkRequestedStart({
      startText: '2025-10-26T01:30',
      rules: r,
      entries: [],
      now: Date.parse('2025-10-24T12:00Z'),
    });
    // Assess
    expect(check).toMatchObject({
      ok: true,
      slot: { start: Date.parse('2025-10-26T00:30Z') },
      startIso: '2025-10-26T01:30:00+01:00',
      endIso: '2025-10-26T01:00:00+00:00',
    });
  });
});
