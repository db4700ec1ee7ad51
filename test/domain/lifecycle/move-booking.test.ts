import { beforeEach, describe, expect, it, vi } from 'vitest';
import { bookingCells } from '../../../functions/domain/booking/lock-cells';
import { ConcurrencyError } from '../../../functions/domain/errors';
import type { BookingRecord } from '../../../functions/domain/ports';
import { book, OTHER, resultOf, TUE_2PM, TUE_3PM, world, type World } from './harness';

let w: World;
let errorLines: Array<{ message: string; detail?: Record<string, unknown> }>;
beforeEach(async () => {
  w = await world();
  errorLines = [];
  w.deps.log = {
    warn: (message, detail) => w.warnings.push({ message, detail }),
    error: (message, detail) => errorLines.push({ message, detail }),
  };
  // The booking takes one unit of the caller's day, each move of an invited booking another.
  w.deps.maxBookingsPerCallerPerDay = 2;
});

const TUE_4PM = '2026-11-24T16:00';
const THREE_PM_MS = Date.parse('2026-11-24T20:00:00Z');
const EMAIL = { attendee_email: 'jane@example.com' };
const live = () => [...w.bookings.bookings.values()].filter((b) => b.status !== 'moved');
const stored = (id: string) => live().find((b) => b.bookingId === id) as BookingRecord;
const move = async (id: string, start: string) =>
  w.tool('reschedule_appointment', { appointment_id: id, new_start_time: start }, { callId: 'call-b' });

describe('moveBooking: the new time is taken or the booking is busy', () => {
  it('says the booking is being changed on another call, changes nothing, and gives the unit back', async () => {
    // Prepare: another call has begun moving the same booking to 4 PM.
    const a = await book(w, TUE_2PM, { callId: 'call-a' }, EMAIL);
    const slot = { start: Date.parse('2026-11-24T21:00:00Z'), end: Date.parse('2026-11-24T21:30:00Z') };
    const other = {
      start: '2026-11-24T16:00:00-05:00',
      end: '2026-11-24T16:30:00-05:00',
      startMs: slot.start,
      endMs: slot.end,
      cells: bookingCells(slot, 0),
      toolCallId: 'call-x/tc-x',
    };
    await w.bookings.beginMove(stored(a.id), other, w.clock.now + 60_000, w.clock.now);

    // Act
    const result = resultOf(await move(a.id, TUE_3PM));
    w.clock.now += 61_000; // the other call's move lapsed
    const later = resultOf(await move(a.id, TUE_3PM));

    // Assess
    expect(result).toStrictEqual({
      message: 'That appointment is being changed on another call right now. Please ask me again in a moment.',
      rescheduled: false,
      reason: 'busy',
      alternatives: [],
    });
    expect(later).toMatchObject({ rescheduled: true, appointment: { start: '2026-11-24T15:00:00-05:00' } });
    expect(w.calendar.updated).toHaveLength(1);
  });

  it('says someone just booked the new time when it is taken after the check, and gives the unit back', async () => {
    // Prepare: another caller books 3 PM between this move's check and its write.
    const a = await book(w, TUE_2PM, { callId: 'call-a' }, EMAIL);
    const beginMove = w.bookings.beginMove.bind(w.bookings);
    vi.spyOn(w.bookings, 'beginMove').mockImplementationOnce(async (...args) => {
      await book(w, TUE_3PM, { callId: 'call-x', number: OTHER });
      return beginMove(...args);
    });

    // Act
    const result = resultOf(await move(a.id, TUE_3PM));
    const later = resultOf(await move(a.id, TUE_4PM));

    // Assess
    expect(result).toStrictEqual({
      message: expect.stringMatching(/^Sorry, someone just booked that time\. /),
      rescheduled: false,
      reason: 'taken',
      alternatives: expect.any(Array),
    });
    expect(result.alternatives.length).toBeGreaterThan(0);
    expect(result.alternatives.map((o: { start: string }) => o.start)).not.toContain('2026-11-24T15:00:00-05:00');
    expect(stored(a.id)).toMatchObject({ start: '2026-11-24T16:00:00-05:00' });
    expect(later).toMatchObject({ rescheduled: true });
  });

  it('says something went wrong when the store fails for another reason, and keeps the old time', async () => {
    // Prepare
    const a = await book(w, TUE_2PM, { callId: 'call-a' });
    vi.spyOn(w.bookings, 'beginMove').mockRejectedValueOnce(new Error('DynamoDB is unavailable'));

    // Act
    const outcome = await move(a.id, TUE_3PM);

    // Assess
    expect(outcome).toStrictEqual({
      error: 'Something went wrong on my side. Would you like the manager to call you back to set up a time?',
    });
    expect(w.calendar.updated).toEqual([]);
    expect(stored(a.id)).toMatchObject({ start: a.start, status: 'confirmed' });
  });
});

describe('moveBooking: the calendar event', () => {
  it('keeps the old time and frees the new one when the calendar refuses the change', async () => {
    // Prepare
    const a = await book(w, TUE_2PM, { callId: 'call-a' });
    w.calendar.failUpdate = new Error('Graph said no');

    // Act
    const outcome = await move(a.id, TUE_3PM);
    const other = resultOf(
      await w.tool('set_appointment', { start_time: TUE_3PM, attendee_name: 'Sam' }, { callId: 'c', number: OTHER }),
    );

    // Assess
    expect(outcome).toStrictEqual({ error: expect.stringContaining('Something went wrong on my side.') });
    expect(stored(a.id)).toMatchObject({ start: a.start, status: 'confirmed' });
    expect(other).toMatchObject({ booked: true, appointment: { start: '2026-11-24T15:00:00-05:00' } });
  });

  it('tells the move done and logs an error when recording it fails after the event moved', async () => {
    // Prepare
    const a = await book(w, TUE_2PM, { callId: 'call-a' });
    vi.spyOn(w.bookings, 'completeMove').mockRejectedValueOnce(new ConcurrencyError('Booking changed since read'));

    // Act
    const result = resultOf(await move(a.id, TUE_3PM));

    // Assess
    expect(result).toStrictEqual({
      message:
        'Done: your appointment is moved to Tuesday, November 24 at 3:00 PM. Your confirmation code stays the same.',
      rescheduled: true,
      appointment: {
        id: a.id,
        start: '2026-11-24T15:00:00-05:00',
        end: '2026-11-24T15:30:00-05:00',
        confirmation_code: a.confirmation_code,
      },
    });
    expect(w.calendar.updated).toEqual([
      expect.objectContaining({ changes: expect.objectContaining({ start: THREE_PM_MS }) }),
    ]);
    expect(errorLines).toStrictEqual([
      {
        message: 'recording a move failed after the event moved',
        detail: { managerId: 'mgr', bookingId: a.id, error: 'ConcurrencyError', reason: 'Booking changed since read' },
      },
    ]);
  });

  it('tells the move done when recording it fails and no log is configured', async () => {
    // Prepare
    const a = await book(w, TUE_2PM, { callId: 'call-a' });
    w.deps.log = undefined;
    vi.spyOn(w.bookings, 'completeMove').mockRejectedValueOnce(new ConcurrencyError());

    // Act
    const result = resultOf(await move(a.id, TUE_3PM));

    // Assess
    expect(result).toMatchObject({ rescheduled: true, appointment: { start: '2026-11-24T15:00:00-05:00' } });
  });

  it('keeps the unit a done move took', async () => {
    // Prepare
    const a = await book(w, TUE_2PM, { callId: 'call-a' }, EMAIL);
    resultOf(await move(a.id, TUE_3PM));

    // Act
    const again = resultOf(await move(a.id, TUE_4PM));

    // Assess
    expect(again).toMatchObject({ rescheduled: false, reason: 'limit' });
  });
});
