import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BookingRecord } from '../../../functions/domain/ports';
import type { SlotOption } from '../../../functions/domain/types';

type Answers = typeof import('../../../functions/domain/lifecycle/answers');
let a: Answers;

// The refusal lines are module-level constants, built once when the module loads. Loading it afresh inside each test
// (not at the top of the file, where no test is running yet) lets mutation testing see those lines used by the tests.
beforeEach(async () => {
  vi.resetModules();
  a = await import('../../../functions/domain/lifecycle/answers');
});

const ZONE = 'Europe/London';
const booking = (bookingId: string, start: string, extra: Partial<BookingRecord> = {}): BookingRecord => ({
  managerId: 'mgr-1',
  bookingId,
  start: `${start}:00+00:00`,
  end: `${start.slice(0, 11)}23:59:00+00:00`,
  startMs: Date.parse(`${start}:00Z`),
  endMs: Date.parse(`${start.slice(0, 11)}23:59:00Z`),
  callerName: 'Jane',
  status: 'confirmed',
  toolCallId: `tc-${bookingId}`,
  confirmationCode: 'ABC123',
  createdAt: '2026-03-01T10:00:00Z',
  ...extra,
});
const ELM = booking('b1', '2026-03-17T15:00', { propertyAddress: '12 Elm St' });
const NOWHERE = booking('b2', '2026-03-18T09:30');
const OAK = booking('b3', '2026-03-19T11:00', { propertyAddress: '4 Oak Rd' });
const ASH = booking('b4', '2026-03-20T16:45', { propertyAddress: '9 Ash Ln' });

describe('Function: spokenAppointment', () => {
  it('says where and when', () => {
    // Act / Assess
    expect(a.spokenAppointment(ELM, ZONE)).toBe('a viewing at 12 Elm St on Tuesday, March 17 at 3:00 PM');
  });

  it('says only when for a booking without an address', () => {
    // Act / Assess
    expect(a.spokenAppointment(NOWHERE, ZONE)).toBe('a viewing on Wednesday, March 18 at 9:30 AM');
  });
});

describe('Function: appointmentJson', () => {
  it('gives the address only when the booking has one', () => {
    // Act
    const withAddress = a.appointmentJson(ELM, ZONE);
    const without = a.appointmentJson(NOWHERE, ZONE);

    // Assess
    expect(withAddress).toStrictEqual({
      id: 'b1',
      start: ELM.start,
      end: ELM.end,
      spoken: 'Tuesday, March 17 at 3:00 PM',
      property_address: '12 Elm St',
      confirmation_code: 'ABC123',
    });
    expect(without).not.toHaveProperty('property_address');
  });
});

describe('Function: notFoundSentence', () => {
  it('says the lookups are locked, and offers a call back', () => {
    // Act
    const answer = a.notFoundSentence({ kind: 'locked' }, ZONE);

    // Assess
    expect(answer.reason).toBe('locked');
    expect(answer.message).toBe(
      "I can't look up appointments on this call any more, because too many codes didn't match. " +
        'Would you like the manager to call you back?',
    );
  });

  it('asks for the code again after a wrong one', () => {
    // Act
    const answer = a.notFoundSentence({ kind: 'none', wrongCode: true }, ZONE);

    // Assess
    expect(answer).toStrictEqual({
      reason: 'wrong_code',
      message:
        "That code doesn't match an upcoming appointment. " +
        'Could you check it and say it again, one character at a time?',
    });
  });

  it('asks for the code when the number has no appointment', () => {
    // Act
    const answer = a.notFoundSentence({ kind: 'none', wrongCode: false }, ZONE);

    // Assess
    expect(answer).toStrictEqual({
      reason: 'not_found',
      message:
        "I couldn't find an upcoming appointment for the number you're calling from. " +
        'Do you have the confirmation code you were given when you booked?',
    });
  });

  it('names each cancelled appointment and offers a new time', () => {
    // Act
    const answer = a.notFoundSentence({ kind: 'cancelled', bookings: [ELM, NOWHERE] }, ZONE);

    // Assess
    expect(answer).toStrictEqual({
      reason: 'cancelled',
      message:
        'That appointment is cancelled: a viewing at 12 Elm St on Tuesday, March 17 at 3:00 PM; ' +
        'a viewing on Wednesday, March 18 at 9:30 AM. Would you like to book a new time?',
    });
  });
});

describe('Function: whichOneSentence', () => {
  it('counts every appointment, names the first three, and asks which', () => {
    // Act
    const sentence = a.whichOneSentence([ELM, NOWHERE, OAK, ASH], ZONE);

    // Assess
    expect(sentence).toBe(
      'You have 4 upcoming appointments: a viewing at 12 Elm St on Tuesday, March 17 at 3:00 PM; ' +
        'a viewing on Wednesday, March 18 at 9:30 AM; a viewing at 4 Oak Rd on Thursday, March 19 at 11:00 AM. ' +
        'Which one do you mean?',
    );
  });
});

describe('Function: refused', () => {
  it('gives the words, the refused flag and the reason, with no alternatives key when there are none', () => {
    // Act
    const { result } = a.refused('cancelled', 'Too late to cancel.', 'too_late');

    // Assess
    expect(result).toStrictEqual({ message: 'Too late to cancel.', cancelled: false, reason: 'too_late' });
    expect(Object.keys(result)).not.toContain('alternatives');
  });

  it('adds the alternatives of a refused move, even an empty list', () => {
    // Prepare
    const alternatives: SlotOption[] = [
      { start: '2026-03-17T16:00:00+00:00', end: '2026-03-17T16:30:00+00:00', spoken: 'Tuesday, March 17 at 4:00 PM' },
    ];

    // Act
    const taken = a.refused('rescheduled', 'That time is taken.', 'taken', alternatives);
    const busy = a.refused('rescheduled', 'Nothing is open.', 'busy', []);

    // Assess
    expect(taken.result).toStrictEqual({
      message: 'That time is taken.',
      rescheduled: false,
      reason: 'taken',
      alternatives,
    });
    expect(busy.result.alternatives).toEqual([]);
  });
});
