import { beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import type { BookingRecord, BookingStore, Log, UnsettledNote } from '../../../functions/domain/ports';
import { callRecord } from './call-records';

type UnsettledNotes = typeof import('../../../functions/domain/scheduling/unsettled-note');
let un: UnsettledNotes;

// How long a "confirming" booking keeps its slot is a module-level constant, set once when the module loads. Loading
// the module afresh inside each test lets mutation testing see these tests use it.
beforeEach(async () => {
  vi.resetModules();
  un = await import('../../../functions/domain/scheduling/unsettled-note');
});

const MINUTE = 60_000;
/** SETTLE_MARGIN_MS: how long after its lease the keeper waits before settling a pending booking. */
const SETTLE_MARGIN = 2 * MINUTE;
/** Monday, November 23, 2026, 9:00 AM in New York. */
const NOW = Date.parse('2026-11-23T14:00:00.000Z');

/** call-a's pending booking from `startMs`, `minutes` long. */
const pending = (startMs: number, minutes = 30): BookingRecord =>
  callRecord('b-1', { startMs, endMs: startMs + minutes * MINUTE, createdAt: new Date(NOW).toISOString() });

/** A store whose markUnsettled records the note, or fails with `failure`. */
function storeOf(failure?: Error) {
  const markUnsettled: Mock<BookingStore['markUnsettled']> = vi.fn(async () => {
    if (failure) throw failure;
  });
  return { bookings: { markUnsettled } as unknown as BookingStore, markUnsettled };
}

const noteOf = (markUnsettled: Mock<BookingStore['markUnsettled']>): UnsettledNote => markUnsettled.mock.calls[0]![2];

describe('Function: noteAnswered', () => {
  it('keeps a "confirming" booking\'s slot for ten minutes and the settle margin, due only then', async () => {
    // Prepare
    const booking = pending(NOW + 60 * MINUTE);
    const { bookings, markUnsettled } = storeOf();

    // Act
    const noted = await un.noteAnswered(booking, [1, 2], { told: 'confirming' }, { bookings, clock: () => NOW });

    // Assess
    expect(noted).toBe(true);
    expect(markUnsettled).toHaveBeenCalledExactlyOnceWith(booking, [1, 2], expect.anything());
    expect(noteOf(markUnsettled)).toStrictEqual({
      told: 'confirming',
      untilMs: NOW + 10 * MINUTE + SETTLE_MARGIN,
      dueAtMs: NOW + 10 * MINUTE + SETTLE_MARGIN,
    });
  });

  it.each([
    ['a slot ending after the ten minutes: until the slot ends', 60, 30, NOW + 90 * MINUTE],
    ['a slot ending within the ten minutes: for the ten minutes', 2, 5, NOW + 10 * MINUTE],
  ])('keeps a "booked" booking of %s, due at once', async (_case, fromNowMinutes, minutes, untilMs) => {
    // Prepare
    const booking = pending(NOW + fromNowMinutes * MINUTE, minutes);
    const { bookings, markUnsettled } = storeOf();

    // Act
    const told = { told: 'booked' as const, eventId: 'evt-1' };
    const noted = await un.noteAnswered(booking, [1], told, { bookings, clock: () => NOW });

    // Assess
    expect(noted).toBe(true);
    expect(noteOf(markUnsettled)).toStrictEqual({ told: 'booked', eventId: 'evt-1', untilMs, dueAtMs: NOW });
  });

  it('answers false when the note cannot be written, and logs which booking', async () => {
    // Prepare
    const { bookings } = storeOf(new Error('throttled'));
    const log = { warn: vi.fn<Log['warn']>(), error: vi.fn<Log['error']>() };

    // Act
    const noted = await un.noteAnswered(
      pending(NOW + 60 * MINUTE),
      [1],
      { told: 'confirming' },
      {
        bookings,
        clock: () => NOW,
        log,
      },
    );

    // Assess
    expect(noted).toBe(false);
    expect(log.error).toHaveBeenCalledExactlyOnceWith('recording what the caller was told failed', {
      managerId: 'mgr',
      bookingId: 'b-1',
      error: 'Error',
      reason: 'throttled',
    });
    expect(log.warn).not.toHaveBeenCalled();
  });

  it('answers false, without throwing, when the note cannot be written and there is no log', async () => {
    // Prepare
    const { bookings } = storeOf(new Error('throttled'));

    // Act
    const noted = await un.noteAnswered(pending(NOW), [1], { told: 'booked' }, { bookings, clock: () => NOW });

    // Assess
    expect(noted).toBe(false);
  });
});
