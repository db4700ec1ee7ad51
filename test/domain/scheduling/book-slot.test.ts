import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { bookingKeyFor } from '../../../functions/domain/booking/event-content';
import { ProviderError } from '../../../functions/domain/errors';
import { holdSlot } from '../../../functions/domain/lifecycle/hold-slot';
import type { BookingRecord } from '../../../functions/domain/ports';
import { bookSlot } from '../../../functions/domain/scheduling/book-slot';
import type { ToolOutcome } from '../../../functions/domain/vapi/dispatch';
import type { MemoryConnectionStore } from '../../fakes/stores';
import { honestDeps } from './honest-booking.harness';

const NOW = Date.parse('2026-11-23T14:00:00Z'); // Monday 09:00 in New York
const SLOT = '2026-11-24T14:00'; // Tuesday 14:00 New York = 19:00Z
const SLOT_MS = Date.parse('2026-11-24T19:00:00Z');
const OTHER_SLOT = '2026-11-24T16:00';
const MINUTE = 60_000;
const args = (start_time = SLOT, extra: { duration_minutes?: number } = {}) => ({
  start_time,
  attendee_name: 'Jane Doe',
  ...extra,
});
const call = (toolCallId: string, callId = 'call-1') => ({
  toolCallId,
  context: { callId, customerNumber: '+15551234567' },
});
const resultOf = (outcome: ToolOutcome) => {
  if (!('result' in outcome)) throw new Error(`expected a result, got error: ${outcome.error}`);
  return outcome.result as Record<string, any>;
};
const DAY_LIMIT = 'I can only book 1 viewing a day for one phone number. The manager can help with more.';

const at = { now: NOW };
let h: Awaited<ReturnType<typeof honestDeps>>;
let logged: Array<{ level: string; message: string; extra?: Record<string, unknown> }>;
const deadline = () => ({ at: at.now + 10_000 });
const records = () => [...h.bookings.bookings.values()] as BookingRecord[];
/** Units of the caller number's day taken so far. */
const dayUnits = () =>
  [...h.bookings.counters].filter(([key]) => key.startsWith('QUOTA#')).reduce((sum, [, n]) => sum + n, 0);
const connections = () => h.deps.connections as MemoryConnectionStore;
const book = (start = SLOT, toolCallId = 'tc-1', callId = 'call-1') =>
  bookSlot(args(start), call(toolCallId, callId), h.deps, deadline());

beforeEach(async () => {
  vi.useFakeTimers({ now: NOW });
  at.now = NOW;
  h = await honestDeps(at);
  logged = [];
  h.deps.log = {
    warn: (message, extra) => logged.push({ level: 'warn', message, extra }),
    error: (message, extra) => logged.push({ level: 'error', message, extra }),
  };
});
afterEach(() => vi.useRealTimers());

describe('Function: bookSlot', () => {
  describe('a free slot', () => {
    it('books the slot length by default, and records that the calendar was used', async () => {
      // Act
      const result = resultOf(await book());

      // Assess
      expect(result).toMatchObject({
        booked: true,
        appointment: { start: '2026-11-24T14:00:00-05:00', end: '2026-11-24T14:30:00-05:00' },
      });
      expect(records()).toMatchObject([{ status: 'confirmed', eventId: 'evt-1' }]);
      expect(connections().items.get('mgr')!.lastUsedAt).toBe(new Date(NOW).toISOString());
    });

    it('books the duration asked for', async () => {
      // Act
      const result = resultOf(await bookSlot(args(SLOT, { duration_minutes: 60 }), call('tc-1'), h.deps, deadline()));

      // Assess
      expect(result.appointment).toMatchObject({
        start: '2026-11-24T14:00:00-05:00',
        end: '2026-11-24T15:00:00-05:00',
      });
      expect(h.calendar.created[0]).toMatchObject({ start: SLOT_MS, end: SLOT_MS + 60 * MINUTE });
    });

    it('gives the calendar 1.5 s less than the call has, keeping time to confirm', async () => {
      // Prepare
      const list = vi.spyOn(h.calendar, 'listEntries');
      const create = vi.spyOn(h.calendar, 'createEvent');

      // Act
      await book();

      // Assess
      const providerDeadline = { at: NOW + 10_000 - 1_500 };
      // The fake's methods ignore the deadline; what the provider port is handed is the third argument.
      const third = (calls: unknown[][]) => calls.map((c) => c[2]);
      expect(third(list.mock.calls)).toEqual([providerDeadline]);
      expect(third(create.mock.calls)).toEqual([providerDeadline]);
    });

    it('stores the answer with the confirm when asked to, and says so on the receipt', async () => {
      // Prepare
      const receipt = { key: 'call-1/tc-1', stored: false };

      // Act
      const outcome = await bookSlot(args(), call('tc-1'), h.deps, deadline(), undefined, receipt);

      // Assess
      expect(receipt.stored).toBe(true);
      expect(h.bookings.calls.get('call-1/tc-1')).toMatchObject({ state: 'done' });
      expect(JSON.parse(h.bookings.calls.get('call-1/tc-1')!.answer!.result!)).toEqual(resultOf(outcome));
    });
  });

  describe('after the event is created', () => {
    it('when the confirm fails, logs it, notes the caller heard "booked", and leaves the receipt unset', async () => {
      // Prepare
      vi.spyOn(h.bookings, 'confirm').mockRejectedValueOnce(new Error('throttled'));
      const receipt = { key: 'call-1/tc-1', stored: false };

      // Act
      const result = resultOf(await bookSlot(args(), call('tc-1'), h.deps, deadline(), undefined, receipt));

      // Assess
      expect(result.booked).toBe(true);
      expect(receipt.stored).toBe(false);
      const [booking] = records();
      expect(logged).toEqual([
        {
          level: 'error',
          message: 'confirm failed after the event was created',
          extra: { managerId: 'mgr', bookingId: booking!.bookingId, error: 'Error', reason: 'throttled' },
        },
      ]);
      expect(booking).toMatchObject({ status: 'pending', told: 'booked', eventId: 'evt-1' });
    });

    it("releases the call's other hold once it has booked", async () => {
      // Prepare
      await holdSlot({ start_time: OTHER_SLOT }, call('tc-hold'), h.deps, deadline());
      const [hold] = structuredClone(records());

      // Act
      const result = resultOf(await book());

      // Assess
      expect(hold).toMatchObject({ status: 'held', start: '2026-11-24T16:00:00-05:00' });
      expect(result.booked).toBe(true);
      const after = records();
      expect(after.find((b) => b.bookingId === hold!.bookingId)).toMatchObject({ status: 'released' });
      expect(after.filter((b) => b.status === 'confirmed')).toHaveLength(1);
    });

    it("leaves the call's earlier bookings alone: only holds are let go", async () => {
      // Prepare
      await book(OTHER_SLOT, 'tc-0');
      const releaseHold = vi.spyOn(h.bookings, 'releaseHold');

      // Act
      const result = resultOf(await book(SLOT, 'tc-1'));

      // Assess
      expect(result.booked).toBe(true);
      expect(releaseHold).not.toHaveBeenCalled();
      expect(records().map((b) => b.status)).toEqual(['confirmed', 'confirmed']);
    });
  });

  describe('a create whose answer is lost', () => {
    it('answers "confirming", logs it, and keeps the slot and the caller\'s unit of the day', async () => {
      // Prepare
      h.calendar.loseAnswers = 1;

      // Act
      const result = resultOf(await book());

      // Assess
      expect(result.reason).toBe('confirming');
      const [booking] = records();
      expect(booking).toMatchObject({ status: 'pending', told: 'confirming' });
      expect(logged).toEqual([
        {
          level: 'warn',
          message: 'the event create went unanswered; the booking stays pending',
          extra: {
            managerId: 'mgr',
            bookingId: booking!.bookingId,
            error: 'ProviderUnavailableError',
            reason: 'create timed out',
          },
        },
      ]);
      expect(dayUnits()).toBe(1);
    });

    it('asked again after the slot lapsed, settles that attempt without a second unit of the day', async () => {
      // Prepare: the caller may book once a day; the first attempt took that unit
      h.deps.maxBookingsPerCallerPerDay = 1;
      h.calendar.loseAnswers = 1;
      await book(SLOT, 'tc-1');
      at.now += 20 * MINUTE;

      // Act
      const result = resultOf(await book(SLOT, 'tc-2'));

      // Assess
      expect(result.booked).toBe(true);
      expect(dayUnits()).toBe(1);
    });

    it('does not let a "confirming" attempt at one slot excuse another slot from the daily cap', async () => {
      // Prepare
      h.deps.maxBookingsPerCallerPerDay = 1;
      h.calendar.loseAnswers = 1;
      await book(SLOT, 'tc-1');
      at.now += 20 * MINUTE;

      // Act
      const result = resultOf(await book(OTHER_SLOT, 'tc-2'));

      // Assess
      expect(result).toEqual({ message: DAY_LIMIT, booked: false, reason: 'limit', alternatives: [] });
    });
  });

  describe('limits', () => {
    it('refuses a booking past the per-call cap, giving back nothing it did not take', async () => {
      // Prepare
      h.deps.maxBookingsPerCall = 1;
      await book(OTHER_SLOT, 'tc-0');

      // Act
      const result = resultOf(await book(SLOT, 'tc-1'));

      // Assess
      expect(result).toEqual({
        message: 'I can book up to 1 viewing per call. The manager can help with more.',
        booked: false,
        reason: 'limit',
        alternatives: [],
      });
      expect(dayUnits()).toBe(1);
    });

    it("refuses a new slot at the caller number's daily cap, even when the call has booked before", async () => {
      // Prepare
      h.deps.maxBookingsPerCallerPerDay = 1;
      await book(OTHER_SLOT, 'tc-0');

      // Act
      const result = resultOf(await book(SLOT, 'tc-1'));

      // Assess
      expect(result).toEqual({ message: DAY_LIMIT, booked: false, reason: 'limit', alternatives: [] });
      expect(dayUnits()).toBe(1);
    });

    it('refuses at the daily cap a slot whose earlier attempt was cut off before anything was said', async () => {
      // Prepare: the first attempt's create is refused and its release lost (left pending, nothing told); then the
      // same number books elsewhere from another call, reaching its cap of one
      h.deps.maxBookingsPerCallerPerDay = 1;
      h.calendar.failCreate = new ProviderError('Forbidden', 403, 'ErrorAccessDenied');
      vi.spyOn(h.bookings, 'release').mockRejectedValueOnce(new Error('lost'));
      await expect(book(SLOT, 'tc-1')).rejects.toBeInstanceOf(ProviderError);
      h.calendar.failCreate = undefined;
      resultOf(await book(OTHER_SLOT, 'tc-x', 'call-2'));
      at.now += 5 * MINUTE;

      // Act
      const result = resultOf(await book(SLOT, 'tc-2'));

      // Assess
      expect(records().find((b) => b.startMs === SLOT_MS)).toMatchObject({ status: 'pending' });
      expect(result).toEqual({ message: DAY_LIMIT, booked: false, reason: 'limit', alternatives: [] });
    });

    it('finishes at the daily cap a slot whose event this call made before being cut off', async () => {
      // Prepare: the event is created but neither the confirm nor the note can be written; the lease then lapses
      h.deps.maxBookingsPerCallerPerDay = 1;
      vi.spyOn(h.bookings, 'confirm').mockRejectedValueOnce(new Error('throttled'));
      vi.spyOn(h.bookings, 'markUnsettled').mockRejectedValueOnce(new Error('throttled'));
      const first = resultOf(await book(SLOT, 'tc-1'));
      at.now += 5 * MINUTE;

      // Act
      const result = resultOf(await book(SLOT, 'tc-2'));

      // Assess
      expect(first.reason).toBe('confirming');
      expect(result.booked).toBe(true);
      expect(h.calendar.created).toHaveLength(1);
      expect(dayUnits()).toBe(1);
    });
  });

  describe("this call's own event", () => {
    const ownKey = bookingKeyFor('call-1', 'mgr', SLOT_MS);
    const event = (start: number, extra: Record<string, unknown> = {}) => ({
      id: `own-${start}`,
      start,
      end: start + 30 * MINUTE,
      availability: 'busy' as const,
      isCancelled: false,
      isAllDay: false,
      ...extra,
    });

    it('is not taken for this booking once the owner moved it to another time: a new event is made', async () => {
      // Prepare
      h.calendar.entries.push(event(SLOT_MS + 3 * 60 * MINUTE, { bookingKey: ownKey }));

      // Act
      const result = resultOf(await book());

      // Assess
      expect(result.booked).toBe(true);
      expect(h.calendar.created).toHaveLength(1);
      expect(records()).toMatchObject([{ status: 'confirmed', eventId: 'evt-1' }]);
    });

    it('is still held to the per-call cap: a call that has booked its one slot is refused', async () => {
      // Prepare
      h.deps.maxBookingsPerCall = 1;
      await book(OTHER_SLOT, 'tc-0');
      h.calendar.entries.push(event(SLOT_MS, { bookingKey: ownKey }));

      // Act
      const result = resultOf(await book(SLOT, 'tc-1'));

      // Assess
      expect(result).toEqual({
        message: 'I can book up to 1 viewing per call. The manager can help with more.',
        booked: false,
        reason: 'limit',
        alternatives: [],
      });
      expect(records().filter((b) => b.startMs === SLOT_MS)).toEqual([]);
    });

    it('does not hide another entry overlapping the slot', async () => {
      // Prepare
      h.calendar.entries.push(event(SLOT_MS, { bookingKey: ownKey }), event(SLOT_MS + 15 * MINUTE, { id: 'meeting' }));

      // Act
      const result = resultOf(await book());

      // Assess
      expect(result.booked).toBe(false);
      expect(records()).toEqual([]);
    });
  });
});
