/** Which booking a reschedule or a cancel is about: none, several (which one?), or one only cancelled. */
import { beforeEach, describe, expect, it } from 'vitest';
import { pickBooking } from '../../../functions/domain/lifecycle/pick-booking';
import { book, CALLER, OTHER, resultOf, TUE_2PM, TUE_3PM, world, type World } from './harness';

let w: World;
beforeEach(async () => {
  w = await world();
});

const NONE_FOR_NUMBER =
  "I couldn't find an upcoming appointment for the number you're calling from. " +
  'Do you have the confirmation code you were given when you booked?';
const WHICH_ONE =
  'You have 2 upcoming appointments: a viewing on Tuesday, November 24 at 2:00 PM; ' +
  'a viewing on Tuesday, November 24 at 3:00 PM. Which one do you mean?';
const move = async (args: Record<string, string>, who = {}) =>
  resultOf(await w.tool('reschedule_appointment', { new_start_time: '2026-11-24T16:00', ...args }, who));
/** pickBooking itself, for the caller's own number with neither an id nor a code (the tools' schemas ask for one). */
const pick = (key: 'rescheduled' | 'cancelled') =>
  pickBooking(key, {}, 'mgr', { callId: 'call-c', customerNumber: CALLER }, 'America/New_York', w.deps, w.clock.now);
const cancel = async (args: Record<string, string>, who = {}) =>
  resultOf(await w.tool('cancel_appointment', args, who));

describe('Function: pickBooking, for reschedule_appointment', () => {
  it('refuses a caller with no appointment, with an empty list of alternatives', async () => {
    // Prepare
    await book(w, TUE_2PM, { callId: 'call-a' });

    // Act
    const result = await move({ appointment_id: 'no-such-id' }, { callId: 'call-b', number: OTHER });

    // Assess
    expect(result).toStrictEqual({
      message: NONE_FOR_NUMBER,
      rescheduled: false,
      reason: 'not_found',
      alternatives: [],
    });
  });

  it('asks which one when the caller has several and names none', async () => {
    // Prepare
    await book(w, TUE_2PM, { callId: 'call-a' });
    await book(w, TUE_3PM, { callId: 'call-b' });

    // Act
    const picked = await pick('rescheduled');

    // Assess
    expect(picked).toStrictEqual({
      outcome: { result: { message: WHICH_ONE, rescheduled: false, reason: 'ambiguous', alternatives: [] } },
    });
  });

  it('says a cancelled appointment is cancelled, and offers a new time', async () => {
    // Prepare
    const a = await book(w, TUE_2PM, { callId: 'call-a' });
    await cancel({ appointment_id: a.id }, { callId: 'call-b' });

    // Act
    const result = await move({ confirmation_code: a.confirmation_code }, { callId: 'call-c' });

    // Assess
    expect(result).toStrictEqual({
      message:
        'That appointment is cancelled: a viewing on Tuesday, November 24 at 2:00 PM. ' +
        'Would you like to book a new time?',
      rescheduled: false,
      reason: 'cancelled',
      alternatives: [],
    });
  });
});

describe('Function: pickBooking, for cancel_appointment', () => {
  it('asks which one when the caller has several and names none, with no alternatives', async () => {
    // Prepare
    await book(w, TUE_2PM, { callId: 'call-a' });
    await book(w, TUE_3PM, { callId: 'call-b' });

    // Act
    const picked = await pick('cancelled');

    // Assess
    expect(picked).toStrictEqual({
      outcome: { result: { message: WHICH_ONE, cancelled: false, reason: 'ambiguous' } },
    });
  });

  it('cancels the one the caller names among several', async () => {
    // Prepare
    const a = await book(w, TUE_2PM, { callId: 'call-a' });
    await book(w, TUE_3PM, { callId: 'call-b' });

    // Act
    const result = await cancel({ appointment_id: a.id }, { callId: 'call-c' });

    // Assess
    expect(result).toMatchObject({ cancelled: true });
    expect([...w.bookings.bookings.values()].map((b) => [b.bookingId === a.id, b.status])).toEqual([
      [true, 'cancelled'],
      [false, 'confirmed'],
    ]);
  });
});
