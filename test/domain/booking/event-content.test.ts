import { describe, expect, it } from 'vitest';
import {
  bookingKeyFor,
  buildCalendarEvent,
  eventBody,
  unspentBookingKey,
} from '../../../functions/domain/booking/event-content';

const JANE = { callerName: 'Jane Doe', confirmationCode: 'K7Q2XM' };

describe('Function: eventBody', () => {
  it('says who booked and that neither phone nor email was given, line by line', () => {
    // Act / Assess
    expect(eventBody(JANE)).toBe(
      'Booked by your phone assistant.\nCaller: Jane Doe\nPhone: not given\nEmail: not given\n' +
        'Confirmation code: K7Q2XM',
    );
  });

  it('adds phone, email, property and notes when given, in that order', () => {
    // Prepare
    const details = {
      ...JANE,
      callerPhone: '+44 7700 900123',
      callerEmail: 'jane@example.test',
      propertyAddress: '12 Elm St',
      notes: 'Has a dog.',
    };
    // Act / Assess
    expect(eventBody(details).split('\n')).toEqual([
      'Booked by your phone assistant.',
      'Caller: Jane Doe',
      'Phone: +44 7700 900123',
      'Email: jane@example.test',
      'Property: 12 Elm St',
      'Notes: Has a dog.',
      'Confirmation code: K7Q2XM',
    ]);
  });
});

describe('Function: buildCalendarEvent', () => {
  it('invites the caller only when they gave an email, under their name', () => {
    // Act
    const withEmail = buildCalendarEvent(
      { ...JANE, callerEmail: 'jane@example.test' },
      { start: 1, end: 2 },
      'UTC',
      'k',
    );
    const without = buildCalendarEvent(JANE, { start: 1, end: 2 }, 'UTC', 'k');
    // Assess
    expect(withEmail.attendee).toEqual({ name: 'Jane Doe', email: 'jane@example.test' });
    expect(without.attendee).toBeUndefined();
  });
});

describe('Function: unspentBookingKey', () => {
  const START = Date.parse('2026-06-03T14:00:00Z');
  const first = bookingKeyFor('call-1', 'mgr-1', START);
  const second = bookingKeyFor('call-1#1', 'mgr-1', START);
  const third = bookingKeyFor('call-1#2', 'mgr-1', START);

  it('is the call key itself when the call has no booking yet', () => {
    // Act / Assess
    expect(unspentBookingKey('call-1', 'mgr-1', START, [])).toBe(first);
  });

  it.each([
    ['confirmed', START],
    ['pending', START],
    ['held', START],
  ])('reuses a key still at this start (%s): a cut-off attempt or the same booking', (status, startMs) => {
    // Act / Assess
    expect(unspentBookingKey('call-1', 'mgr-1', START, [{ bookingKey: first, startMs, status }])).toBe(first);
  });

  it.each([
    ['moved to another time', { startMs: START + 3_600_000, status: 'confirmed' }],
    ['cancelled', { startMs: START, status: 'cancelled' }],
    ['moved away', { startMs: START, status: 'moved' }],
  ])('takes the next key when the first one was spent: %s', (_name, record) => {
    // Act / Assess
    expect(unspentBookingKey('call-1', 'mgr-1', START, [{ bookingKey: first, ...record }])).toBe(second);
  });

  it('counts on past every spent key, and ignores records under other keys', () => {
    // Prepare
    const records = [
      { bookingKey: first, startMs: START, status: 'cancelled' },
      { bookingKey: second, startMs: START - 1, status: 'confirmed' },
      { bookingKey: 'someone-else', startMs: START, status: 'cancelled' },
      { startMs: START, status: 'cancelled' },
    ];
    // Act
    const key = unspentBookingKey('call-1', 'mgr-1', START, records);
    // Assess
    expect(key).toBe(third);
    expect(new Set([first, second, third]).size).toBe(3);
  });
});
