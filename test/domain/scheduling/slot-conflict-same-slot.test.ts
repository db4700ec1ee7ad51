import { describe, expect, it, vi } from 'vitest';
import type { BookingRecord } from '../../../functions/domain/ports';
import { classifyConflict, takenAnswer } from '../../../functions/domain/scheduling/slot-conflict';
import { MemoryBookingStore } from '../../fakes/booking-store';
import { at, rules } from '../availability/fixtures';
import { callRecord } from './call-records';

const MINUTE = 60_000;
/** When the calendar view was read: Monday, November 23, 2026, 9:00 AM in New York. */
const FETCHED_AT = Date.parse('2026-11-23T14:00:00.000Z');
const AN_HOUR_AGO = new Date(FETCHED_AT - 60 * MINUTE).toISOString();
/** The requested slot: Tuesday, November 24 at 2:00 PM in New York, 30 minutes. */
const SLOT_START = Date.parse('2026-11-24T19:00:00.000Z');
const SLOT_END = SLOT_START + 30 * MINUTE;

/** A record of call-a on exactly the requested slot. */
const record = (bookingId: string, extra: Partial<BookingRecord> = {}): BookingRecord =>
  callRecord(bookingId, { startMs: SLOT_START, endMs: SLOT_END, createdAt: AN_HOUR_AGO, ...extra });

/** Classifies `holder` as the holder of the slot's first cell for call-a's new attempt at the same slot. */
async function classify(holder: BookingRecord) {
  const bookings = new MemoryBookingStore();
  vi.spyOn(bookings, 'holderOf').mockResolvedValue(holder);
  return classifyConflict(bookings, record('b-new'), SLOT_START, [], FETCHED_AT, 'Tuesday, November 24 at 2:00 PM');
}

describe('Function: classifyConflict', () => {
  describe('a record of the same call on exactly the same slot that is neither confirmed nor pending', () => {
    it('releases the call’s own hold on the slot rather than resuming it as a booking', async () => {
      // Prepare
      const holder = record('h-1', { status: 'held', holdUntilMs: FETCHED_AT + MINUTE });

      // Act
      const conflict = await classify(holder);

      // Assess
      expect(conflict).toStrictEqual({ kind: 'release', holder });
    });

    it('finishes the call’s own release cut off half-way', async () => {
      // Prepare
      const holder = record('h-1', { status: 'released' });

      // Act
      const conflict = await classify(holder);

      // Assess
      expect(conflict).toStrictEqual({ kind: 'release', holder });
    });

    it('retires the call’s own booking a cut-off cancel left behind', async () => {
      // Prepare
      const holder = record('b-first', { status: 'cancelled', eventId: 'evt-1' });

      // Act
      const conflict = await classify(holder);

      // Assess
      expect(conflict).toStrictEqual({ kind: 'stale', holder });
    });
  });
});

describe('Function: takenAnswer', () => {
  it('offers no openings when the start asked for is free after all (the held time is elsewhere)', () => {
    // Prepare
    const input = {
      startText: '2026-11-24T14:00',
      durationMinutes: 30,
      rules: rules(),
      entries: [],
      now: at('2026-11-23T08:00'),
    };

    // Act
    const answer = takenAnswer(input, { start: at('2026-11-24T16:00'), end: at('2026-11-24T16:30') });

    // Assess
    expect(answer.alternatives).toStrictEqual([]);
    expect(answer.message).toMatch(/^Sorry, someone just booked that time\. /);
    expect(answer.message).not.toMatch(/closest openings/);
  });
});
