import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  checkRequestedStart,
  findAvailability,
  freeSlots,
  isoWithOffset,
} from '../../../functions/domain/availability';
import type { AvailabilityRules, CalendarEntry, Availability } from '../../../functions/domain/types';
import { hours, LONDON, NY, rules, WEEK } from './fixtures';

const MIN = 60_000;
const ZONES = [NY, LONDON, 'Asia/Kathmandu', 'Australia/Lord_Howe'];
const AVAILABILITY: Availability[] = ['free', 'tentative', 'busy'];
const DST_CHANGES: [number, number, number][] = [
  [2026, 2, 8],
  [2026, 10, 1],
  [2026, 2, 29],
  [2026, 9, 25],
  [2026, 3, 5],
  [2026, 9, 4],
];
const SPLIT_DAY = { start: 8 * 60, end: 12 * 60, start2: 13 * 60, end2: 18 * 60 + 30 };

/**
 * Brute force, minute by minute with luxon and O(n·m) overlap tests: an oracle independent of the engine's shortcuts.
 */
function oracle(r: AvailabilityRules, entries: CalendarEntry[], now: number, roundTheClock: boolean): number[] {
  const zone = r.timeZone;
  const length = r.slotMinutes * MIN;
  const buffer = r.bufferMinutes * MIN;
  const horizonEnd = DateTime.fromMillis(now, { zone })
    .startOf('day')
    .plus({ days: r.horizonDays + 1 })
    .startOf('day')
    .toMillis();
  const blocks = entries
    .filter((e) => !e.isCancelled && e.availability !== 'free' && (e.availability !== 'tentative' || r.tentativeBlocks))
    .map((e) =>
      e.isAllDay && e.allDay
        ? [
            DateTime.fromISO(e.allDay.startDate, { zone }).toMillis(),
            DateTime.fromISO(e.allDay.endDate, { zone }).toMillis(),
          ]
        : [e.start, e.end],
    )
    .map(([s, e]) => [s! - buffer, e! + buffer] as const);
  const out: number[] = [];
  for (let t = Math.ceil((now + r.minNoticeMinutes * MIN) / MIN) * MIN; t < horizonEnd; t += MIN) {
    const start = DateTime.fromMillis(t, { zone });
    if ((start.hour * 60 + start.minute) % r.intervalMinutes !== 0) continue;
    if (!roundTheClock) {
      const end = DateTime.fromMillis(t + length, { zone });
      const [a, b] = [
        start.hour * 60 + start.minute,
        end.hasSame(start, 'day') ? end.hour * 60 + end.minute : 1440 + end.hour * 60 + end.minute,
      ];
      const inRange = (a >= SPLIT_DAY.start && b <= SPLIT_DAY.end) || (a >= SPLIT_DAY.start2 && b <= SPLIT_DAY.end2);
      if (start.weekday > 6 || !inRange) continue;
    }
    if (blocks.some(([s, e]) => e > s && s < t + length && t < e)) continue;
    out.push(t);
  }
  return out;
}

const scenario = fc.record({
  zone: fc.constantFrom(...ZONES),
  now: fc.oneof(
    fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2026, 11, 20) }),
    // Near the 2026 DST changes of the zones above (Lord Howe moves by half an hour).
    fc
      .tuple(fc.constantFrom(...DST_CHANGES), fc.integer({ min: -2 * 1440, max: 0 }))
      .map(([day, m]) => Date.UTC(...day) + m * MIN),
  ),
  slotMinutes: fc.constantFrom(15, 30, 45, 60),
  intervalMinutes: fc.constantFrom(15, 30, 60),
  bufferMinutes: fc.constantFrom(0, 10, 30),
  minNoticeMinutes: fc.constantFrom(0, 120),
  horizonDays: fc.integer({ min: 1, max: 2 }),
  tentativeBlocks: fc.boolean(),
  raw: fc.array(
    fc.record({
      offset: fc.integer({ min: -600, max: 4 * 1440 }),
      minutes: fc.integer({ min: 0, max: 600 }),
      availability: fc.constantFrom(...AVAILABILITY),
      isCancelled: fc.boolean(),
      allDayLength: fc.constantFrom(0, 0, 0, 1, 2),
    }),
    { maxLength: 25 },
  ),
});

type Scenario = typeof scenario extends fc.Arbitrary<infer T> ? T : never;

function build(s: Scenario, roundTheClock: boolean) {
  const r = rules(
    {
      ...s,
      working: {
        timeZone: s.zone,
        week: roundTheClock
          ? hours('00:00', '24:00', WEEK)
          : Object.fromEntries(
              WEEK.slice(0, 6).map((d) => [
                d,
                [
                  { start: '08:00', end: '12:00' },
                  { start: '13:00', end: '18:30' },
                ],
              ]),
            ),
      },
    },
    s.zone,
  );
  const entries: CalendarEntry[] = s.raw.map((e) => {
    const start = s.now + e.offset * MIN;
    const day = DateTime.fromMillis(start, { zone: s.zone });
    const allDay = e.allDayLength
      ? { startDate: day.toISODate()!, endDate: day.plus({ days: e.allDayLength }).toISODate()! }
      : undefined;
    return {
      start,
      end: start + e.minutes * MIN,
      availability: e.availability,
      isCancelled: e.isCancelled,
      isAllDay: !!allDay,
      allDay,
    };
  });
  return { r, entries };
}

describe('slot engine properties', () => {
  it.each([false, true])('freeSlots equals a brute-force oracle (round the clock: %s)', (roundTheClock) => {
    fc.assert(
      fc.property(scenario, (s) => {
        // Prepare
        const { r, entries } = build(s, roundTheClock);

        // Act
        const engine = freeSlots(r, entries, s.now).map((slot) => slot.start);

        // Assess
        expect(engine).toEqual(oracle(r, entries, s.now, roundTheClock));
      }),
      { numRuns: 40 },
    );
  });

  it('checkRequestedStart accepts exactly the free slots', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.array(fc.integer({ min: -1440, max: 3 * 1440 }), { minLength: 1, maxLength: 15 }),
        (s, offsets) => {
          // Prepare
          const { r, entries } = build(s, false);
          const free = freeSlots(r, entries, s.now);
          const freeStarts = new Set(free.map((slot) => slot.start));
          const base = Math.floor(s.now / (15 * MIN)) * 15 * MIN;
          const tries = [...offsets.map((o) => base + o * MIN), ...free.slice(0, 5).map((slot) => slot.start)];

          for (const t of tries) {
            // Act
            const result = checkRequestedStart({ startText: isoWithOffset(t, s.zone), rules: r, entries, now: s.now });

            // Assess
            expect(result.ok).toBe(freeStarts.has(t));
            if (!result.ok)
              for (const alt of result.alternatives)
                expect(freeStarts.has(DateTime.fromISO(alt.start).toMillis())).toBe(true);
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('findAvailability never throws and offers at most three free slots in order', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.option(fc.oneof(fc.string(), fc.constantFrom('2026-02-29', '2026-06-15', '0000-00-00'))),
        fc.option(
          fc.constantFrom('morning', 'afternoon', 'evening') as fc.Arbitrary<'morning' | 'afternoon' | 'evening'>,
        ),
        (s, date, part) => {
          // Prepare
          const { r, entries } = build(s, false);
          const freeStarts = new Set(freeSlots(r, entries, s.now).map((slot) => slot.start));

          // Act
          const answer = findAvailability({
            rules: r,
            entries,
            now: s.now,
            request: { date: date ?? undefined, time_of_day: part ?? undefined },
          });

          // Assess
          const starts = answer.slots.map((o) => DateTime.fromISO(o.start).toMillis());
          expect(starts.length).toBeLessThanOrEqual(3);
          expect(starts).toEqual([...starts].sort((a, b) => a - b));
          for (const t of starts) expect(freeStarts.has(t)).toBe(true);
          expect(answer.message).toMatch(/[.?]$/);
          expect(answer.message).not.toMatch(/undefined|NaN|Invalid/);
        },
      ),
      { numRuns: 60 },
    );
  });
});
