import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BookingRecord } from '../../../functions/domain/ports';
import {
  type RecordsWindow,
  readRecords,
  recordsSpan,
  recordsWithin,
} from '../../../functions/domain/scheduling/records-window';
import { MemoryBookingStore } from '../../fakes/stores';

const NOW = Date.parse('2026-11-23T14:00:00Z');
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A confirmed booking of manager "mgr" starting `hours` after NOW. */
const record = (bookingId: string, hours: number, managerId = 'mgr'): BookingRecord => ({
  managerId,
  bookingId,
  start: new Date(NOW + hours * HOUR).toISOString(),
  end: new Date(NOW + (hours + 1) * HOUR).toISOString(),
  startMs: NOW + hours * HOUR,
  endMs: NOW + (hours + 1) * HOUR,
  callerName: 'Jane',
  status: 'confirmed',
  toolCallId: `tc-${bookingId}`,
  confirmationCode: 'ABC123',
  createdAt: '2026-11-20T10:00:00.000Z',
});

let bookings: MemoryBookingStore;
const ids = (list: readonly BookingRecord[]) => list.map((b) => b.bookingId);
const seed = (...records: BookingRecord[]) => bookings.seed(...records);
const reads = () => vi.mocked(bookings.listByManager).mock.calls;

beforeEach(() => {
  bookings = new MemoryBookingStore();
  vi.spyOn(bookings, 'listByManager');
});

describe('Function: recordsSpan', () => {
  it('covers the call records (a day back to past the horizon) when the search lies inside them', () => {
    // Act
    const span = recordsSpan(NOW, 14, { start: NOW + 2 * HOUR, end: NOW + 10 * DAY });

    // Assess
    expect(span).toEqual({ start: NOW - DAY, end: NOW + 16 * DAY });
  });

  it('reaches a day before a search that starts earlier, and to the end of a search that ends later', () => {
    // Act
    const span = recordsSpan(NOW, 14, { start: NOW - 3 * HOUR, end: NOW + 20 * DAY });

    // Assess
    expect(span).toEqual({ start: NOW - 3 * HOUR - DAY, end: NOW + 20 * DAY });
  });
});

describe('Function: readRecords', () => {
  it('reads the manager records starting within the span', async () => {
    // Prepare
    seed(record('early', -30), record('in', 5), record('late', 60), record('theirs', 5, 'other'));

    // Act
    const window = await readRecords(bookings, 'mgr', { start: NOW, end: NOW + 2 * DAY });

    // Assess
    expect(window.managerId).toBe('mgr');
    expect(window.span).toEqual({ start: NOW, end: NOW + 2 * DAY });
    expect(ids(window.records)).toEqual(['in']);
  });
});

describe('Function: recordsWithin', () => {
  /** A window read over [NOW, NOW + 2 days) holding `records` (the store may hold others since). */
  const windowOf = (...records: BookingRecord[]): RecordsWindow => ({
    managerId: 'mgr',
    span: { start: NOW, end: NOW + 2 * DAY },
    records,
  });

  it('answers a span inside the window from the window alone, without asking the store', async () => {
    // Prepare
    const window = windowOf(record('a', 1), record('b', 10), record('c', 40));

    // Act
    const found = await recordsWithin(window, { start: NOW + 5 * HOUR, end: NOW + 30 * HOUR }, bookings);

    // Assess
    expect(ids(found)).toEqual(['b']);
    expect(reads()).toEqual([]);
  });

  it('asks the store nothing for the exact span of the window', async () => {
    // Prepare
    const window = windowOf(record('a', 1), record('b', 47));

    // Act
    const found = await recordsWithin(window, { start: NOW, end: NOW + 2 * DAY }, bookings);

    // Assess
    expect(ids(found)).toEqual(['a', 'b']);
    expect(reads()).toEqual([]);
  });

  it('keeps a record starting at the span start and drops one starting at its end', async () => {
    // Prepare
    const window = windowOf(record('before', 2), record('at-start', 4), record('inside', 6), record('at-end', 8));

    // Act
    const found = await recordsWithin(window, { start: NOW + 4 * HOUR, end: NOW + 8 * HOUR }, bookings);

    // Assess
    expect(ids(found)).toEqual(['at-start', 'inside']);
  });

  it('reads only the parts the window misses, in order before, inside, after, each record once', async () => {
    // Prepare: the store holds the same records the window read, and more on both sides
    const inside = [record('in-1', 3), record('in-2', 30)];
    seed(record('way-before', -40), record('before', -5), ...inside, record('after', 50), record('way-after', 90));
    const window = windowOf(...inside);

    // Act
    const found = await recordsWithin(window, { start: NOW - 10 * HOUR, end: NOW + 60 * HOUR }, bookings);

    // Assess
    expect(ids(found)).toEqual(['before', 'in-1', 'in-2', 'after']);
    expect(reads()).toEqual([
      ['mgr', NOW - 10 * HOUR, NOW],
      ['mgr', NOW + 2 * DAY, NOW + 60 * HOUR],
    ]);
  });

  it('reads only the missing part before a span that starts earlier and ends inside the window', async () => {
    // Prepare
    const inside = [record('in-1', 3), record('in-2', 30)];
    seed(record('before', -5), ...inside);
    const window = windowOf(...inside);

    // Act
    const found = await recordsWithin(window, { start: NOW - 10 * HOUR, end: NOW + 10 * HOUR }, bookings);

    // Assess
    expect(ids(found)).toEqual(['before', 'in-1']);
    expect(reads()).toEqual([['mgr', NOW - 10 * HOUR, NOW]]);
  });

  it('reads only the missing part after a span that starts inside the window and ends later', async () => {
    // Prepare
    const inside = [record('in-1', 3), record('in-2', 30)];
    seed(...inside, record('after', 50));
    const window = windowOf(...inside);

    // Act
    const found = await recordsWithin(window, { start: NOW + 10 * HOUR, end: NOW + 60 * HOUR }, bookings);

    // Assess
    expect(ids(found)).toEqual(['in-2', 'after']);
    expect(reads()).toEqual([['mgr', NOW + 2 * DAY, NOW + 60 * HOUR]]);
  });

  it('reads a span wholly before the window as it is, taking nothing from the window', async () => {
    // Prepare
    seed(record('before', -30), record('in-1', 3));
    const window = windowOf(record('in-1', 3));

    // Act
    const found = await recordsWithin(window, { start: NOW - 2 * DAY, end: NOW - 10 * HOUR }, bookings);

    // Assess
    expect(ids(found)).toEqual(['before']);
    expect(reads()).toEqual([['mgr', NOW - 2 * DAY, NOW - 10 * HOUR]]);
  });

  it('reads a span wholly after the window as it is, taking nothing from the window', async () => {
    // Prepare
    seed(record('in-1', 3), record('after', 60));
    const window = windowOf(record('in-1', 3));

    // Act
    const found = await recordsWithin(window, { start: NOW + 55 * HOUR, end: NOW + 70 * HOUR }, bookings);

    // Assess
    expect(ids(found)).toEqual(['after']);
    expect(reads()).toEqual([['mgr', NOW + 55 * HOUR, NOW + 70 * HOUR]]);
  });
});
