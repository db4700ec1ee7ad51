/** servedEntries: when a cached prefetch may stand for a live read, and what it then gives. */
import { describe, expect, it } from 'vitest';
import type { PrefetchedBusy } from '../../../functions/domain/ports';
import { servedEntries } from '../../../functions/domain/scheduling/busy-prefetch';
import type { ManagerCalendar } from '../../../functions/domain/scheduling/manager-calendar';
import { FakeCalendar } from '../../fakes/calendar';
import { fakeConnection } from '../../fakes/manager';

const NOW = Date.parse('2026-07-15T12:00:00Z');
const HOUR = 3_600_000;
const range = { start: NOW - 24 * HOUR, end: NOW + 15 * 24 * HOUR };
const at = (h: number, length = 1) => ({
  start: NOW + h * HOUR,
  end: NOW + (h + length) * HOUR,
  availability: 'busy' as const,
  isCancelled: false,
  isAllDay: false,
});
const calendar = (over: Partial<ManagerCalendar> = {}): ManagerCalendar => {
  const connection = fakeConnection('work');
  const busy = { connection, provider: new FakeCalendar(), calendarId: 'default' };
  return { managerId: 'mgr', mode: 'calendar', rules: {} as never, settings: {}, busy: [busy], book: busy, ...over };
};
const cached = (over: Partial<PrefetchedBusy> = {}): PrefetchedBusy => ({
  managerId: 'mgr',
  fetchedAtMs: NOW,
  range: { start: range.start - 1, end: range.end + 60_000 },
  calendars: ['work default'],
  entries: [at(-48), at(-25, 2), at(5), at(15 * 24, 1), at(15 * 24 - 0.5)],
  ...over,
});

describe('Function: servedEntries', () => {
  it('gives the entries overlapping the range, as the provider would answer for it', () => {
    // Act
    const served = servedEntries(cached(), calendar(), range, NOW + 30_000);

    // Assess
    expect(served?.entries).toEqual([at(-25, 2), at(5), at(15 * 24 - 0.5)]);
    // Bookings made from a little before the fetch on count from the records (clock skew, the provider's lag).
    expect(served?.readAtMs).toBe(cached().fetchedAtMs - 6_000);
  });

  it.each([
    ['missing', undefined, NOW],
    ['spent', 'spent' as const, NOW],
    ['older than 60 s', cached(), NOW + 60_001],
    ['fetched more than a second ahead of this clock', cached({ fetchedAtMs: NOW + 1_001 }), NOW],
    ['for another manager', cached({ managerId: 'other' }), NOW],
    ['of other calendars', cached({ calendars: ['work default', 'home other'] }), NOW],
    ['not covering the range start', cached({ range: { start: range.start + 1, end: range.end } }), NOW],
    ['not covering the range end', cached({ range: { start: range.start, end: range.end - 1 } }), NOW],
  ])('reads live when the cache is %s', (_name, slot, now) => {
    // Act & Assess
    expect(servedEntries(slot, calendar(), range, now)).toBeUndefined();
  });

  it('serves a fetch time up to a second ahead of this clock (two containers clocks differ slightly)', () => {
    // Act & Assess
    expect(servedEntries(cached({ fetchedAtMs: NOW + 1_000 }), calendar(), range, NOW)?.entries).toHaveLength(3);
  });

  it('never serves a manager in manual mode (it has no calendar to read)', () => {
    // Act & Assess
    expect(servedEntries(cached(), calendar({ mode: 'manual', busy: [] }), range, NOW)).toBeUndefined();
  });
});
