import { beforeEach, describe, expect, it } from 'vitest';
import type { BookingRecord } from '../../../functions/domain/ports';
import { reserveSlot, type ReserveInput } from '../../../functions/domain/scheduling/reserve-slot';
import { MemoryBookingStore } from '../../fakes/booking-store';
import { callRecord } from './call-records';

const MINUTE = 60_000;
/** Monday, November 23, 2026, 9:00 AM in New York. */
const NOW = Date.parse('2026-11-23T14:00:00.000Z');
const NOW_ISO = new Date(NOW).toISOString();
/** The requested slot: Tuesday, November 24 at 2:00 PM in New York, 30 minutes. */
const SLOT_START = Date.parse('2026-11-24T19:00:00.000Z');
const SLOT_END = SLOT_START + 30 * MINUTE;

let store: MemoryBookingStore;
beforeEach(() => {
  store = new MemoryBookingStore();
});

/** A record of call-a, on the requested slot unless `extra` moves it. */
const record = (bookingId: string, extra: Partial<BookingRecord> = {}): BookingRecord =>
  callRecord(bookingId, { startMs: SLOT_START, endMs: SLOT_END, createdAt: NOW_ISO, ...extra });

/** A hold of call-a placed at `at`, for five minutes from then. */
async function seedHold(bookingId: string, at: number, extra: Partial<BookingRecord> = {}) {
  const hold = record(bookingId, { status: 'held', holdUntilMs: at + 5 * MINUTE, ...extra });
  await store.hold(hold, hold.cells!, at);
  return hold;
}

const reserve = (holds: BookingRecord[]) => {
  const given: ReserveInput = {
    booking: record('b-new'),
    holds,
    entries: [],
    spoken: 'Tuesday, November 24 at 2:00 PM',
    now: NOW,
    leaseUntilMs: NOW + MINUTE,
    bufferMinutes: 0,
    limits: {},
  };
  return reserveSlot(given, { bookings: store, clock: () => NOW });
};
const stored = (bookingId: string) => [...store.bookings.values()].find((b) => b.bookingId === bookingId);

describe('Function: reserveSlot', () => {
  describe('the call’s hold on exactly the slot, listed after another record of the call', () => {
    it('is converted even when an earlier release of the same slot is listed first', async () => {
      // Prepare: the call held the slot, let it go, and held it again
      const released = await seedHold('h-old', NOW - 2 * MINUTE);
      await store.releaseHold(released, released.cells!, NOW_ISO);
      const hold = await seedHold('h-1', NOW);

      // Act
      const reserved = await reserve([{ ...released, status: 'released' }, hold]);

      // Assess
      expect(reserved).toMatchObject({ kind: 'reserved', booking: { bookingId: 'h-1' }, cells: hold.cells });
      expect(stored('h-1')?.status).toBe('pending');
      expect(stored('b-new')).toBeUndefined();
    });

    it('is converted even when a lapsed hold ending with the slot but starting earlier is listed first', async () => {
      // Prepare: a lapsed hold of 1:30 to 2:30, never released; the call then held 2:00 to 2:30
      const early = await seedHold('h-early', NOW - 10 * MINUTE, { startMs: SLOT_START - 30 * MINUTE });
      const hold = await seedHold('h-1', NOW);

      // Act
      const reserved = await reserve([early, hold]);

      // Assess
      expect(reserved).toMatchObject({ kind: 'reserved', booking: { bookingId: 'h-1' }, cells: hold.cells });
      expect(stored('h-1')?.status).toBe('pending');
      expect(stored('h-early')?.status).toBe('held');
      expect(stored('b-new')).toBeUndefined();
    });
  });
});
