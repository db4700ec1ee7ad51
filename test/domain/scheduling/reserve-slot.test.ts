import { afterEach, beforeEach, describe, expect, it, type Mock, vi } from 'vitest';
import { bookingCells } from '../../../functions/domain/booking/lock-cells';
import { callRecord } from './call-records';
import type { BookingLimits, BookingRecord, Log } from '../../../functions/domain/ports';
import type { ReserveInput } from '../../../functions/domain/scheduling/reserve-slot';

type ReserveSlot = typeof import('../../../functions/domain/scheduling/reserve-slot');
type Errors = typeof import('../../../functions/domain/errors');
type Fakes = typeof import('../../fakes/booking-store');
let rs: ReserveSlot;
let errors: Errors;
let store: InstanceType<Fakes['MemoryBookingStore']>;
let log: { warn: Mock<Log['warn']>; error: Mock<Log['error']> };

const MINUTE = 60_000;
/** Monday, November 23, 2026, 9:00 AM in New York. */
const NOW = Date.parse('2026-11-23T14:00:00.000Z');
const NOW_ISO = new Date(NOW).toISOString();
/** The requested slot: Tuesday, November 24 at 2:00 PM in New York, 30 minutes. */
const SLOT_START = Date.parse('2026-11-24T19:00:00.000Z');
const SLOT_END = SLOT_START + 30 * MINUTE;
const SPOKEN = 'Tuesday, November 24 at 2:00 PM';
const QUOTA = { day: '2026-11-23', callerKey: 'caller-digest' };

// The write counting rule is a module-level function, made once when the module loads. Loading it afresh inside each
// test lets mutation testing see these tests use it; the store and the errors come from the same fresh module graph,
// so the SlotTakenError the store throws is the class reserve-slot.ts checks for.
beforeEach(async () => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
  vi.resetModules();
  rs = await import('../../../functions/domain/scheduling/reserve-slot');
  errors = await import('../../../functions/domain/errors');
  const fakes: Fakes = await import('../../fakes/booking-store');
  store = new fakes.MemoryBookingStore();
  log = { warn: vi.fn<Log['warn']>(), error: vi.fn<Log['error']>() };
});

afterEach(() => {
  vi.useRealTimers();
});

/** A booking record of call-a on the requested slot (times, cells and ISO texts follow `extra`'s times). */
const record = (bookingId: string, extra: Partial<BookingRecord> = {}): BookingRecord =>
  callRecord(bookingId, {
    startMs: SLOT_START,
    endMs: SLOT_END,
    createdAt: NOW_ISO,
    history: [{ type: 'created', at: NOW_ISO, by: 'caller' }],
    ...extra,
  });

/** call-a's new attempt at the slot. */
const draft = (extra: Partial<BookingRecord> = {}) => record('b-new', extra);

const input = (booking: BookingRecord, extra: Partial<ReserveInput> = {}): ReserveInput => ({
  booking,
  holds: [],
  entries: [],
  spoken: SPOKEN,
  now: NOW,
  leaseUntilMs: NOW + MINUTE,
  bufferMinutes: 0,
  limits: {},
  ...extra,
});

const reserve = (given: ReserveInput) => rs.reserveSlot(given, { bookings: store, clock: () => Date.now(), log });
const stored = (bookingId: string) => [...store.bookings.values()].find((b) => b.bookingId === bookingId);

/** A booking already in the store: pending (reserved), or confirmed with an event. */
async function seed(booking: BookingRecord, limits?: BookingLimits) {
  await store.reserve(booking, booking.cells!, NOW + MINUTE, NOW, limits);
  if (booking.status === 'confirmed') await store.confirm(booking, booking.cells!, booking.eventId ?? 'evt-1');
}

/** A hold of call-a in the store, for five minutes from now. */
async function seedHold(bookingId: string, extra: Partial<BookingRecord> = {}) {
  const hold = record(bookingId, {
    status: 'held',
    holdUntilMs: NOW + 5 * MINUTE,
    history: [{ type: 'held', at: NOW_ISO, by: 'caller' }],
    ...extra,
  });
  await store.hold(hold, hold.cells!, NOW);
  return hold;
}

describe('Function: reserveSlot', () => {
  describe('free cells', () => {
    it.each<[string, BookingLimits, boolean, boolean]>([
      ['counts the caller’s day under a day cap for a booking that carries a quota', { perCallerDay: 3 }, true, true],
      ['counts no day for a booking without a quota', { perCallerDay: 3 }, false, false],
      ['counts no day without a day cap', { perCall: 3 }, true, false],
    ])('are taken as pending, and %s', async (_, limits, withQuota, counted) => {
      // Prepare
      const booking = draft(withQuota ? { quota: QUOTA } : {});

      // Act
      const reserved = await reserve(input(booking, { limits }));

      // Assess
      expect(reserved).toStrictEqual({ kind: 'reserved', booking, cells: booking.cells, counted });
      expect(stored('b-new')?.status).toBe('pending');
    });

    it('passes on a store failure that is not a limit', async () => {
      // Prepare
      vi.spyOn(store, 'reserve').mockRejectedValue(new Error('throughput exceeded'));

      // Act
      const reserving = reserve(input(draft()));

      // Assess
      await expect(reserving).rejects.toThrow('throughput exceeded');
    });
  });

  describe('the call’s own hold', () => {
    it.each<[string, Partial<BookingRecord>, Partial<BookingRecord>, BookingRecord['history']]>([
      [
        'both histories',
        {},
        {},
        [
          { type: 'held', at: NOW_ISO, by: 'caller' },
          { type: 'created', at: NOW_ISO, by: 'caller' },
        ],
      ],
      ['the booking’s history alone', { history: undefined }, {}, [{ type: 'created', at: NOW_ISO, by: 'caller' }]],
      ['the hold’s history alone', {}, { history: undefined }, [{ type: 'held', at: NOW_ISO, by: 'caller' }]],
    ])('on exactly the slot becomes the booking, keeping %s', async (_, holdExtra, bookingExtra, history) => {
      // Prepare
      const hold = await seedHold('h-1', {
        cells: bookingCells({ start: SLOT_START, end: SLOT_END }, 10),
        ...holdExtra,
      });
      const booking = draft({ quota: QUOTA, ...bookingExtra });

      // Act
      const reserved = await reserve(input(booking, { holds: [hold], limits: { perCallerDay: 3 } }));

      // Assess
      const converted = { ...booking, bookingId: 'h-1', cells: hold.cells, history };
      expect(reserved).toStrictEqual({ kind: 'reserved', booking: converted, cells: hold.cells, counted: true });
      expect(stored('h-1')?.status).toBe('pending');
      expect(stored('b-new')).toBeUndefined();
    });

    it.each([
      ['that ends later', { endMs: SLOT_END + 30 * MINUTE }],
      ['that starts earlier', { startMs: SLOT_START - 30 * MINUTE }],
    ])('on an overlapping time %s is released, and the booking takes its own cells', async (_, times) => {
      // Prepare
      const hold = await seedHold('h-1', times);
      const booking = draft();

      // Act
      const reserved = await reserve(input(booking, { holds: [hold] }));

      // Assess
      expect(reserved).toStrictEqual({ kind: 'reserved', booking, cells: booking.cells, counted: false });
      expect(stored('h-1')).toMatchObject({
        status: 'released',
        history: [
          { type: 'held', at: NOW_ISO, by: 'caller' },
          { type: 'released', at: NOW_ISO, by: 'caller' },
        ],
      });
      expect(stored('b-new')?.status).toBe('pending');
    });

    it('that lapsed and lost its cells to another call leaves the slot taken', async () => {
      // Prepare
      const hold = await seedHold('h-1');
      const later = NOW + 10 * MINUTE;
      vi.setSystemTime(later);
      await store.reserve(record('b-other', { callId: 'call-b' }), hold.cells!, later + MINUTE, later);

      // Act
      const reserved = await reserve(input(draft(), { holds: [hold], now: later, leaseUntilMs: later + MINUTE }));

      // Assess
      expect(reserved).toStrictEqual({ kind: 'taken' });
      expect(stored('b-new')).toBeUndefined();
    });

    it('whose conversion fails in the store is not taken for a lapsed hold', async () => {
      // Prepare
      const hold = await seedHold('h-1');
      vi.spyOn(store, 'convertHold').mockRejectedValue(new Error('throughput exceeded'));

      // Act
      const reserving = reserve(input(draft(), { holds: [hold] }));

      // Assess
      await expect(reserving).rejects.toThrow('throughput exceeded');
      expect(stored('b-new')).toBeUndefined();
      expect(stored('h-1')?.status).toBe('held');
    });
  });

  describe('a clash', () => {
    it('with another call’s booking is taken at once, without trying again', async () => {
      // Prepare
      await seed(record('b-other', { callId: 'call-b', status: 'confirmed', eventId: 'evt-9' }));
      const writes = vi.spyOn(store, 'reserve');
      const booking = draft();

      // Act
      const reserved = await reserve(input(booking, { entries: [] }));

      // Assess
      expect(reserved).toStrictEqual({ kind: 'taken' });
      expect(writes).toHaveBeenCalledOnce();
    });

    it('with an earlier, cut-off attempt of the call resumes it, counting nothing again', async () => {
      // Prepare
      const first = record('b-first', { quota: QUOTA });
      await seed(first, { perCallerDay: 3 });

      // Act
      const reserved = await reserve(input(draft({ quota: QUOTA }), { limits: { perCallerDay: 3 } }));

      // Assess
      expect(reserved).toStrictEqual({ kind: 'reserved', booking: first, cells: first.cells, counted: false });
      expect(stored('b-new')).toBeUndefined();
    });

    it('with another call’s booking whose event is gone retires it, logs so, and books', async () => {
      // Prepare
      const hourAgo = new Date(NOW - 60 * MINUTE).toISOString();
      // It overlaps only the slot's last 10 minutes: the clash names that cell, not the slot's first.
      const gone = record('b-gone', {
        callId: 'call-b',
        status: 'confirmed',
        eventId: 'evt-gone',
        startMs: SLOT_END - 10 * MINUTE,
        endMs: SLOT_END + 20 * MINUTE,
        createdAt: hourAgo,
        history: [{ type: 'created', at: hourAgo, by: 'caller' }],
      });
      await seed(gone);
      const booking = draft();

      // Act
      const reserved = await reserve(input(booking));

      // Assess
      expect(reserved).toStrictEqual({ kind: 'reserved', booking, cells: booking.cells, counted: false });
      expect(stored('b-gone')).toMatchObject({
        status: 'cancelled',
        history: [
          { type: 'created', at: hourAgo, by: 'caller' },
          { type: 'cancelled', at: NOW_ISO, by: 'owner' },
        ],
      });
      expect(log.warn).toHaveBeenCalledExactlyOnceWith('retiring a booking whose event is gone', {
        managerId: 'mgr',
        bookingId: 'b-gone',
      });
      expect(stored('b-new')?.status).toBe('pending');
    });

    it('whose holder let go before it was looked up is tried again', async () => {
      // Prepare
      const taken = Object.assign(new errors.SlotTakenError('Slot already taken', 'tc-x', 'call-x'), {
        holderCell: SLOT_START,
      });
      const writes = vi.spyOn(store, 'reserve').mockRejectedValueOnce(taken);
      const booking = draft();

      // Act
      const reserved = await reserve(input(booking));

      // Assess
      expect(reserved).toStrictEqual({ kind: 'reserved', booking, cells: booking.cells, counted: false });
      expect(writes).toHaveBeenCalledTimes(2);
    });

    it('that keeps coming back is taken after three tries', async () => {
      // Prepare
      const writes = vi.spyOn(store, 'reserve').mockRejectedValue(new errors.SlotTakenError());

      // Act
      const reserved = await reserve(input(draft()));

      // Assess
      expect(reserved).toStrictEqual({ kind: 'taken' });
      expect(writes).toHaveBeenCalledTimes(3);
    });
  });

  describe('at a limit', () => {
    it.each<[string, Partial<BookingRecord>, BookingLimits, 'call' | 'day']>([
      ['the call’s', {}, { perCall: 0 }, 'call'],
      ['the caller’s day', { quota: QUOTA }, { perCallerDay: 0 }, 'day'],
    ])('%s, nothing is taken', async (_, extra, limits, limit) => {
      // Act
      const reserved = await reserve(input(draft(extra), { limits }));

      // Assess
      expect(reserved).toStrictEqual({ kind: 'limit', limit });
      expect(stored('b-new')).toBeUndefined();
    });

    it('the call’s own confirmed booking of the slot is answered as booked', async () => {
      // Prepare
      await seed(record('b-first', { status: 'confirmed', eventId: 'evt-1' }), { perCall: 1 });

      // Act
      const reserved = await reserve(input(draft(), { limits: { perCall: 1 } }));

      // Assess
      expect(reserved).toStrictEqual({
        kind: 'answered',
        outcome: {
          result: {
            message: `You're booked for ${SPOKEN}. Your confirmation code is K, 7, P, 2, Q, X.`,
            booked: true,
            appointment: {
              id: 'b-first',
              start: '2026-11-24T19:00:00.000Z',
              end: '2026-11-24T19:30:00.000Z',
              confirmation_code: 'K7P2QX',
            },
          },
        },
      });
    });

    it('the call’s own earlier attempt at the slot is resumed, counted already', async () => {
      // Prepare
      const first = record('b-first');
      await seed(first, { perCall: 1 });

      // Act
      const reserved = await reserve(input(draft(), { limits: { perCall: 1 } }));

      // Assess
      const resumed = { ...first, countedInCall: true };
      expect(reserved).toStrictEqual({ kind: 'reserved', booking: resumed, cells: first.cells, counted: false });
    });

    it('another call’s booking of the slot leaves the limit as the answer', async () => {
      // Prepare
      await seed(record('b-other', { callId: 'call-b', status: 'confirmed', eventId: 'evt-9' }));

      // Act
      const reserved = await reserve(input(draft(), { limits: { perCall: 0 } }));

      // Assess
      expect(reserved).toStrictEqual({ kind: 'limit', limit: 'call' });
    });

    it('converting the call’s hold, a booking without cells of its own looks up no holder', async () => {
      // Prepare
      const hold = await seedHold('h-1');
      const lookups = vi.spyOn(store, 'holderOf');

      // Act
      const reserved = await reserve(input(draft({ cells: undefined }), { holds: [hold], limits: { perCall: 0 } }));

      // Assess
      expect(reserved).toStrictEqual({ kind: 'limit', limit: 'call' });
      expect(lookups).not.toHaveBeenCalled();
      expect(stored('h-1')?.status).toBe('held');
    });
  });
});
