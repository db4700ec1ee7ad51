import { describe, expect, it, vi } from 'vitest';
import type { BookingRecord, BookingStore, Log } from '../../../functions/domain/ports';
import { holdsOfCall, isLive, recordsOfCall, releaseHolds } from '../../../functions/domain/scheduling/call-holds';

const DAY = 86_400_000;
const NOW = Date.parse('2026-11-24T10:00:00Z');
const record = (bookingId: string, extra: Partial<BookingRecord> = {}): BookingRecord => ({
  managerId: 'mgr-1',
  bookingId,
  start: '2026-11-24T14:00:00+00:00',
  end: '2026-11-24T14:30:00+00:00',
  startMs: Date.parse('2026-11-24T14:00:00Z'),
  endMs: Date.parse('2026-11-24T14:30:00Z'),
  callerName: 'Jane',
  status: 'held',
  toolCallId: `tc-${bookingId}`,
  callId: 'call-1',
  confirmationCode: 'ABC123',
  createdAt: '2026-11-24T09:59:00Z',
  holdUntilMs: NOW + 60_000,
  ...extra,
});

/** A store that lists the given records and releases holds, failing for the booking ids in `failing`. */
function storeOf(listed: BookingRecord[], failing: string[] = []) {
  const listByManager = vi.fn(async (_managerId: string, _fromMs: number, _toMs: number) => listed);
  const releaseHold = vi.fn(async (hold: BookingRecord, _cells: number[], _at: string) => {
    if (failing.includes(hold.bookingId)) throw new Error('conditional check failed');
  });
  return { store: { listByManager, releaseHold } as unknown as BookingStore, listByManager, releaseHold };
}

describe('Function: recordsOfCall', () => {
  it('lists the manager from a day back to two days past the horizon, keeping only the call’s records', async () => {
    // Prepare
    const mine = record('b1');
    const booked = record('b2', { status: 'confirmed' });
    const other = record('b3', { callId: 'call-2' });
    const noCall = record('b4', { callId: undefined });
    const { store, listByManager } = storeOf([mine, other, booked, noCall]);

    // Act
    const records = await recordsOfCall(store, 'mgr-1', 'call-1', NOW, 14);

    // Assess
    expect(records).toEqual([mine, booked]);
    expect(listByManager).toHaveBeenCalledExactlyOnceWith('mgr-1', NOW - DAY, NOW + 16 * DAY);
  });

  it.each([[undefined], ['']])('finds nothing, without reading the store, for call id %j', async (callId) => {
    // Prepare
    const { store, listByManager } = storeOf([record('b1', { callId: undefined }), record('b2', { callId: '' })]);

    // Act
    const records = await recordsOfCall(store, 'mgr-1', callId, NOW, 14);

    // Assess
    expect(records).toEqual([]);
    expect(listByManager).not.toHaveBeenCalled();
  });
});

describe('Function: holdsOfCall', () => {
  it('keeps only the call’s holds, lapsed ones included', async () => {
    // Prepare
    const live = record('b1');
    const lapsed = record('b2', { holdUntilMs: NOW - 1 });
    const { store } = storeOf([live, record('b3', { status: 'confirmed' }), lapsed, record('b4', { callId: 'x' })]);

    // Act
    const holds = await holdsOfCall(store, 'mgr-1', 'call-1', NOW, 14);

    // Assess
    expect(holds).toEqual([live, lapsed]);
  });
});

describe('Function: isLive', () => {
  it.each([
    ['a hold until a minute from now', record('h', { holdUntilMs: NOW + 60_000 }), true],
    ['a hold until a millisecond from now', record('h', { holdUntilMs: NOW + 1 }), true],
    ['a hold until exactly now', record('h', { holdUntilMs: NOW }), false],
    ['a hold that lapsed', record('h', { holdUntilMs: NOW - 1 }), false],
    ['a hold without an end', record('h', { holdUntilMs: undefined }), false],
    ['a booking with a future holdUntilMs', record('h', { status: 'confirmed' }), false],
    ['a released hold', record('h', { status: 'released' }), false],
  ])('is %s live: %s', (_case, hold, live) => {
    // Act / Assess
    expect(isLive(hold, NOW)).toBe(live);
  });
});

describe('Function: releaseHolds', () => {
  it('releases each hold with its own cells and counts the releases', async () => {
    // Prepare
    const withCells = record('b1', { cells: [1, 2, 3] });
    const withoutCells = record('b2');
    const { store, releaseHold } = storeOf([]);

    // Act
    const released = await releaseHolds([withCells, withoutCells], { bookings: store }, '2026-11-24T10:00:00Z', 15);

    // Assess
    expect(released).toBe(2);
    expect(releaseHold).toHaveBeenCalledWith(withCells, [1, 2, 3], '2026-11-24T10:00:00Z');
    expect(releaseHold).toHaveBeenCalledWith(withoutCells, expect.any(Array), '2026-11-24T10:00:00Z');
    expect(releaseHold.mock.calls[1]![1].length).toBeGreaterThan(0);
  });

  it('counts only the holds released, and warns about the one that failed', async () => {
    // Prepare
    const { store } = storeOf([], ['b2']);
    const log: Log = { warn: vi.fn(), error: vi.fn() };

    // Act
    const released = await releaseHolds([record('b1'), record('b2')], { bookings: store, log }, 'at', 15);

    // Assess
    expect(released).toBe(1);
    expect(log.warn).toHaveBeenCalledExactlyOnceWith('releasing a hold failed; it lapses on its own', {
      managerId: 'mgr-1',
      bookingId: 'b2',
      error: 'Error',
      reason: 'conditional check failed',
    });
    expect(log.error).not.toHaveBeenCalled();
  });

  it('never throws, even with no log to warn on', async () => {
    // Prepare
    const { store } = storeOf([], ['b1', 'b2']);

    // Act
    const released = await releaseHolds([record('b1'), record('b2')], { bookings: store }, 'at', 15);

    // Assess
    expect(released).toBe(0);
  });

  it('releases nothing for no holds', async () => {
    // Prepare
    const { store, releaseHold } = storeOf([]);

    // Act / Assess
    expect(await releaseHolds([], { bookings: store }, 'at', 15)).toBe(0);
    expect(releaseHold).not.toHaveBeenCalled();
  });
});
