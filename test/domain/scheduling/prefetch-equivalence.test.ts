/**
 * Prefetch on and off give the same answers: for generated calendars (kinds, all-day dates, overlaps the repo's
 * fixtures never hold), any age up to 60 s and any question, the answer from the call-start prefetch equals the live
 * read's, and the compact encoding gives back exactly what the engine reads of each entry.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { describe, expect, it, vi } from 'vitest';
import { decodeEntries, encodeEntries } from '../../../functions/adapters/dynamo/busy-encoding';
import { getAvailability } from '../../../functions/domain/scheduling/availability-tool';
import { essentials, prefetchBusy } from '../../../functions/domain/scheduling/busy-prefetch';
import type { Availability, CalendarEntry } from '../../../functions/domain/types';
import { SEASONS } from '../../support/seasons';
import { prefetchWorld } from './prefetch-fixtures';

const MIN = 60_000;
const ZONE = 'America/New_York';
const KINDS: Availability[] = ['busy', 'tentative', 'free'];

/** An entry within two days before and sixteen after `now`; some all-day, with the dates the provider wrote. */
const entryArb = (now: number): fc.Arbitrary<CalendarEntry> =>
  fc
    .record({
      offset: fc.integer({ min: -2 * 1440, max: 16 * 1440 }),
      minutes: fc.integer({ min: 0, max: 600 }),
      availability: fc.constantFrom(...KINDS),
      isCancelled: fc.boolean(),
      allDay: fc.option(fc.integer({ min: 1, max: 3 }), { freq: 5 }),
      id: fc.string({ minLength: 1, maxLength: 40 }),
    })
    .map(({ offset, minutes, availability, isCancelled, allDay, id }) => {
      const start = Math.floor(now / MIN) * MIN + offset * MIN;
      if (allDay === null) return { id, start, end: start + minutes * MIN, availability, isCancelled, isAllDay: false };
      const day = DateTime.fromMillis(start, { zone: ZONE }).startOf('day');
      const startDate = day.toISODate()!;
      const endDate = day.plus({ days: allDay }).toISODate()!;
      const utc = (d: string) => DateTime.fromISO(d, { zone: 'UTC' }).toMillis();
      return {
        id,
        start: utc(startDate),
        end: utc(endDate),
        availability,
        isCancelled,
        isAllDay: true,
        allDay: { startDate, endDate },
      };
    });

const questionArb = fc.record(
  {
    date: fc.integer({ min: -1, max: 15 }),
    time_of_day: fc.constantFrom('morning', 'afternoon', 'evening'),
    duration_minutes: fc.constantFrom(15, 30, 45, 60, 90),
  },
  { requiredKeys: [] },
);

describe.each(SEASONS)('Prefetch equivalence (clock in $season)', ({ now }) => {
  it('answers every question from the prefetch as the live read does, with no provider read', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      await fc.assert(
        fc.asyncProperty(
          fc.array(entryArb(now), { maxLength: 60 }),
          fc.array(entryArb(now), { maxLength: 30 }),
          fc.integer({ min: 0, max: 60_000 }),
          questionArb,
          async (book, busy, age, question) => {
            // Prepare
            vi.setSystemTime(now);
            const w = await prefetchWorld(book, busy);
            await prefetchBusy({ callId: 'c1' }, 'status-update', w.deps, { at: now + 10_000 });
            vi.setSystemTime(now + age);
            const before = w.reads();
            const { date, ...rest } = question;
            const day = (days: number) => DateTime.fromMillis(now, { zone: ZONE }).plus({ days }).toISODate()!;
            const args = { ...rest, ...(date !== undefined ? { date: day(date) } : {}) };
            const call = (callId: string) => ({ toolCallId: `tc-${callId}`, context: { callId } });
            const deadline = { at: now + age + 10_000 };

            // Act
            const cached = await getAvailability(args, call('c1'), w.deps, deadline);
            const served = w.reads() - before;
            const live = await getAvailability(args, call('c2'), { ...w.deps, busyCache: undefined }, deadline);

            // Assess
            expect(served).toBe(0);
            expect(cached).toEqual(live);
          },
        ),
        { numRuns: 60 },
      );
    } finally {
      vi.useRealTimers();
    }
  });

  it('encodes entries compactly and decodes exactly what the engine reads of them', () => {
    fc.assert(
      fc.property(fc.array(entryArb(now), { maxLength: 200 }), (entries) => {
        // Act
        const decoded = decodeEntries(encodeEntries(entries)!);

        // Assess
        expect(decoded).toEqual(entries.map(essentials));
      }),
    );
  });
});
