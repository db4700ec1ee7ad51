/**
 * Call-start prefetch, edge cases: manual managers, a call whose prefetch is already spent, the range read, entries at
 * the range's edge, the lag a served read allows for, and marking spent without a cache, a call id or a log.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { searchRange } from '../../../functions/domain/availability';
import type { PrefetchedBusy } from '../../../functions/domain/ports';
import type { ManagerCalendar } from '../../../functions/domain/scheduling/manager-calendar';
import { MemoryBusyCache } from '../../fakes/busy-cache';
import { FakeCalendar } from '../../fakes/calendar';
import { fakeConnection } from '../../fakes/manager';
import type { MemorySettingsStore } from '../../fakes/stores';
import { entry, HOUR, prefetchWorld } from './prefetch-fixtures';

type Prefetch = typeof import('../../../functions/domain/scheduling/busy-prefetch');
let p: Prefetch;

// The lag and the list of spending tools are module-level constants: load the module afresh for each test.
beforeEach(async () => {
  vi.resetModules();
  p = await import('../../../functions/domain/scheduling/busy-prefetch');
});

const NOW = Date.parse('2026-07-15T12:00:00Z');
const deadline = () => ({ at: Date.now() + 10_000 });
const range = { start: NOW - 24 * HOUR, end: NOW + 15 * 24 * HOUR };
const busyAt = (start: number, end: number) => ({
  start,
  end,
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
  range: { start: range.start, end: range.end },
  calendars: ['work default'],
  entries: [],
  ...over,
});

describe('Function: prefetchBusy (edges)', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('prefetches nothing for a manager in manual mode (no calendar to read)', async () => {
    // Prepare: "pn-other" routes to "other", who has hours and no calendar
    const w = await prefetchWorld();
    (w.deps.settings as MemorySettingsStore).seed('other', { workingHours: 'mon-fri 09:00-17:00' });

    // Act
    const outcome = await p.prefetchBusy(
      { callId: 'c1', phoneNumberId: 'pn-other' },
      'status-update',
      w.deps,
      deadline(),
    );

    // Assess
    expect(outcome).toBe('manual');
    expect(w.reads()).toBe(0);
    expect(w.cache.puts).toBe(0);
    expect(await w.cache.get('c1')).toBeUndefined();
  });

  it('reads nothing for a call that already wrote (its prefetch is spent), and leaves it spent', async () => {
    // Prepare
    const w = await prefetchWorld([entry(NOW, 30, 1)]);
    await w.cache.spend('c1');

    // Act
    const outcome = await p.prefetchBusy({ callId: 'c1' }, 'status-update', w.deps, deadline());

    // Assess
    expect(outcome).toBe('already');
    expect(w.reads()).toBe(0);
    expect(w.cache.puts).toBe(0);
    expect(await w.cache.get('c1')).toBe('spent');
  });

  it('stores the read with its fetch time, range and calendars, and only what the engine reads', async () => {
    // Prepare
    const w = await prefetchWorld([entry(NOW, 30, 1, { bookingKey: 'k-1' })]);
    const put = vi.spyOn(w.cache, 'put');

    // Act
    const outcome = await p.prefetchBusy({ callId: 'c1' }, 'status-update', w.deps, deadline());

    // Assess
    expect(outcome).toBe('stored');
    const stored = put.mock.calls[0]![1];
    expect(stored.managerId).toBe('mgr');
    expect(stored.fetchedAtMs).toBe(NOW);
    expect(stored.calendars).toEqual(['personal showings', 'work default']);
    expect(stored.range.start).toBeLessThan(NOW);
    expect(stored.range.end).toBeGreaterThan(NOW + 24 * HOUR);
    expect(stored.entries).toEqual([busyAt(NOW + 30 * HOUR, NOW + 31 * HOUR)]);
  });
});

describe('Function: prefetchRange', () => {
  it('covers every search range of the next 60 s: from the earliest start to the latest end', async () => {
    // Prepare: 23:59:30 in New York, so the search range moves on at local midnight within the minute
    const w = await prefetchWorld();
    const { rules } = await (await import('../../../functions/domain/scheduling/manager-calendar')).openManagerCalendar(
      'mgr',
      w.deps,
    );
    const now = Date.parse('2026-01-16T04:59:30Z');
    const first = searchRange({ rules, now });
    const last = searchRange({ rules, now: now + p.PREFETCH_FRESH_MS });

    // Act
    const read = p.prefetchRange(rules, now);

    // Assess
    expect(read).toEqual({ start: Math.min(first.start, last.start), end: Math.max(first.end, last.end) });
    expect(read.end).toBeGreaterThan(read.start);
  });
});

describe('Function: servedEntries (edges)', () => {
  it('leaves out an entry that ends exactly where the range starts (it does not overlap it)', () => {
    // Prepare
    const touching = busyAt(range.start - HOUR, range.start);
    const inside = busyAt(range.start, range.start + HOUR);

    // Act
    const served = p.servedEntries(cached({ entries: [touching, inside] }), calendar(), range, NOW);

    // Assess
    expect(served?.entries).toEqual([inside]);
  });

  it('counts bookings from 6 s before the fetch from the records (a second of clock skew, 5 s provider lag)', () => {
    // Act
    const served = p.servedEntries(cached(), calendar(), range, NOW + 10_000);

    // Assess
    expect(served?.readAtMs).toBe(NOW - 6_000);
  });

  it('never serves a manual manager, even a cache slot that names no calendars', () => {
    // Act
    const served = p.servedEntries(cached({ calendars: [] }), calendar({ mode: 'manual', busy: [] }), range, NOW);

    // Assess
    expect(served).toBeUndefined();
  });
});

describe('Function: cachedBusyOf', () => {
  it('treats a failed cache read as a miss, even with no log to warn', async () => {
    // Prepare
    const cache = new MemoryBusyCache();
    cache.failGet = new Error('throttled');

    // Act
    const slot = await p.cachedBusyOf('c1', { busyCache: cache });

    // Assess
    expect(slot).toBeUndefined();
  });
});

describe('Function: spendingPrefetch (edges)', () => {
  it('names the four tools that write for a call as spending its prefetch, and no reading tool', () => {
    // Assess
    expect([...p.PREFETCH_SPENDING_TOOLS].sort()).toEqual([
      'cancel_appointment',
      'hold_slot',
      'reschedule_appointment',
      'set_appointment',
    ]);
    expect(p.PREFETCH_SPENDING_TOOLS).not.toContain('get_availability');
  });

  it('runs the write without a cache (prefetch off)', async () => {
    // Act
    const answer = await p.spendingPrefetch('c1', { clock: () => NOW }, async () => 'written');

    // Assess
    expect(answer).toBe('written');
  });

  it('marks nothing spent for a message with no call id', async () => {
    // Prepare
    const cache = new MemoryBusyCache();

    // Act
    const answer = await p.spendingPrefetch(undefined, { busyCache: cache, clock: () => NOW }, async () => 'written');

    // Assess
    expect(answer).toBe('written');
    expect(cache.slots.size).toBe(0);
  });

  it('answers only once the spent mark is stored, so the next read of the call is live', async () => {
    // Prepare
    const cache = new MemoryBusyCache();
    const spend = cache.spend.bind(cache);
    vi.spyOn(cache, 'spend').mockImplementation(async (callId) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await spend(callId);
    });

    // Act
    const answer = await p.spendingPrefetch('c1', { busyCache: cache, clock: () => NOW }, async () => 'written');

    // Assess
    expect(answer).toBe('written');
    expect(await cache.get('c1')).toBe('spent');
  });

  it('answers the write when marking spent fails and there is no log', async () => {
    // Prepare
    const cache = new MemoryBusyCache();
    vi.spyOn(cache, 'spend').mockRejectedValue(new Error('throttled'));

    // Act
    const answer = await p.spendingPrefetch('c1', { busyCache: cache, clock: () => NOW }, async () => 'written');

    // Assess
    expect(answer).toBe('written');
  });
});
