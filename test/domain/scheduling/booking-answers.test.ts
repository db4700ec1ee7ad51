/** What the voice agent hears back from set_appointment: booked (where, when, code, invitation, video), or not. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { BookingRecord } from '../../../functions/domain/ports';

type Answers = typeof import('../../../functions/domain/scheduling/booking-answers');
let a: Answers;

// CONFIRMING is a module-level constant: load the module afresh for each test so mutation testing ties it to them.
beforeEach(async () => {
  vi.resetModules();
  a = await import('../../../functions/domain/scheduling/booking-answers');
});

const SPOKEN = 'Tuesday, March 17 at 3 PM';
const booking = (extra: Partial<BookingRecord> = {}): BookingRecord => ({
  managerId: 'mgr-1',
  bookingId: 'b1',
  start: '2026-03-17T15:00:00+00:00',
  end: '2026-03-17T15:30:00+00:00',
  startMs: Date.parse('2026-03-17T15:00:00Z'),
  endMs: Date.parse('2026-03-17T15:30:00Z'),
  callerName: 'Jane',
  status: 'confirmed',
  toolCallId: 'tc-b1',
  confirmationCode: 'ABC123',
  createdAt: '2026-03-01T10:00:00Z',
  ...extra,
});
const messageOf = (b: BookingRecord) => {
  const outcome = a.bookedOutcome(b, SPOKEN);
  return 'result' in outcome ? outcome.result.message : outcome.error;
};
const CODE = 'Your confirmation code is A, B, C, 1, 2, 3.';

describe('Function: bookedOutcome', () => {
  it('says where and when, the code spelled out, and that the invitation is on its way', () => {
    // Act
    const outcome = a.bookedOutcome(booking({ propertyAddress: '12 Elm St', callerEmail: 'jane@example.com' }), SPOKEN);

    // Assess
    expect(outcome).toEqual({
      result: {
        message: `You're booked at 12 Elm St for ${SPOKEN}. ${CODE} An invitation is on its way to jane@example.com.`,
        booked: true,
        appointment: {
          id: 'b1',
          start: '2026-03-17T15:00:00+00:00',
          end: '2026-03-17T15:30:00+00:00',
          confirmation_code: 'ABC123',
        },
      },
    });
  });

  it('names no place without an address, and no invitation without an email', () => {
    // Act & Assess
    expect(messageOf(booking())).toBe(`You're booked for ${SPOKEN}. ${CODE}`);
  });

  it('promises no invitation when the manager sends none', () => {
    // Act & Assess
    expect(messageOf(booking({ callerEmail: 'jane@example.com', invited: false }))).toBe(
      `You're booked for ${SPOKEN}. ${CODE}`,
    );
  });

  it('says nothing about video for an in-person booking, even one without a link', () => {
    // Act & Assess
    expect(messageOf(booking({ online: false }))).toBe(`You're booked for ${SPOKEN}. ${CODE}`);
  });

  it('says plainly that an online booking has no link when the calendar made none', () => {
    // Act & Assess
    expect(messageOf(booking({ online: true }))).toBe(
      `You're booked for ${SPOKEN}. ${CODE} The manager's calendar couldn't add a video link, so there is no link ` +
        'for this one.',
    );
  });

  it('points to the invitation for the video link, and gives the link', () => {
    // Prepare
    const online = booking({ online: true, joinUrl: 'https://teams.example/meet/1', callerEmail: 'jane@example.com' });

    // Act
    const outcome = a.bookedOutcome(online, SPOKEN);

    // Assess
    expect('result' in outcome && outcome.result.message).toBe(
      `You're booked for ${SPOKEN}. ${CODE} An invitation is on its way to jane@example.com. ` +
        'The video link is in the invitation.',
    );
    expect('result' in outcome && outcome.result.join_url).toBe('https://teams.example/meet/1');
  });

  it('without an invitation, says the manager can share the video link from the calendar event', () => {
    // Act & Assess
    expect(messageOf(booking({ online: true, joinUrl: 'https://teams.example/meet/1' }))).toBe(
      `You're booked for ${SPOKEN}. ${CODE} The video link is in the calendar event; the manager can share it.`,
    );
  });
});

describe('Function: confirmingOutcome', () => {
  it('is not booked, for the reason "confirming", with no alternatives, and is recognised as provisional', () => {
    // Act
    const outcome = a.confirmingOutcome();

    // Assess
    expect(outcome).toEqual({
      result: {
        message: "I'm confirming that booking — ask me again in a moment.",
        booked: false,
        reason: 'confirming',
        alternatives: [],
      },
    });
    expect(a.CONFIRMING).toBe('confirming');
    expect(a.isConfirming(outcome)).toBe(true);
    expect(a.isConfirming(a.notBookedOutcome('Taken.', 'taken', []))).toBe(false);
    expect(a.isConfirming({ error: 'confirming' })).toBe(false);
  });
});

describe('Function: limitSentence', () => {
  it('names the per-call and the per-day limit in words', () => {
    // Act & Assess
    expect(a.limitSentence('call', 3, 5)).toBe('I can book up to 3 viewings per call. The manager can help with more.');
    expect(a.limitSentence('day', 3, 1)).toBe(
      'I can only book 1 viewing a day for one phone number. The manager can help with more.',
    );
  });
});
