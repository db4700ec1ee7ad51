import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, newConfirmationCode, spellCode } from '../../../functions/domain/booking/confirmation-code';
import { buildCalendarEvent, eventSubject, bookingKeyFor } from '../../../functions/domain/booking/event-content';
import { bookingCells, CELL_MS, lockCells } from '../../../functions/domain/booking/lock-cells';

const T = Date.parse('2026-11-24T19:00:00Z');
const MIN = 60_000;

describe('Function: lockCells', () => {
  it.each([
    ['an aligned 30-minute slot', T, T + 30 * MIN, 6],
    ['a slot starting mid-cell', T + 2 * MIN, T + 32 * MIN, 7],
    ['a one-minute slot', T, T + MIN, 1],
  ])('covers %s with whole cells', (_case, start, end, count) => {
    // Act
    const cells = lockCells({ start, end });

    // Assess
    expect(cells).toHaveLength(count);
    expect(cells[0]! <= start && cells.at(-1)! + CELL_MS >= end).toBe(true);
  });

  it('makes overlapping bookings share a cell and back-to-back bookings share none', () => {
    // Act
    const a = lockCells({ start: T, end: T + 60 * MIN });
    const overlapping = lockCells({ start: T + 30 * MIN, end: T + 60 * MIN });
    const next = lockCells({ start: T + 60 * MIN, end: T + 90 * MIN });

    // Assess
    expect(overlapping.some((c) => a.includes(c))).toBe(true);
    expect(next.some((c) => a.includes(c))).toBe(false);
  });
});

describe('Function: bookingCells', () => {
  it.each([
    ['back to back', 30, 30, true],
    ['10 minutes apart', 40, 30, true],
    ['exactly the buffer apart', 45, 30, false],
    ['more than the buffer apart', 60, 30, false],
  ])(
    'makes two 30-minute bookings %s collide only when closer than a 15-minute buffer',
    (_case, laterStartMin, _len, collide) => {
      // Act
      const first = bookingCells({ start: T, end: T + 30 * MIN }, 15);
      const later = bookingCells({ start: T + laterStartMin * MIN, end: T + (laterStartMin + 30) * MIN }, 15);

      // Assess
      expect(later.some((c) => first.includes(c))).toBe(collide);
    },
  );
});

describe('Function: bookingKeyFor', () => {
  it('is stable for one call and slot, and differs across calls, managers and slots', () => {
    // Act
    const id = bookingKeyFor('call-1', 'mgr', T);

    // Assess
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(bookingKeyFor('call-1', 'mgr', T)).toBe(id);
    expect(
      new Set([
        id,
        bookingKeyFor('call-2', 'mgr', T),
        bookingKeyFor('call-1', 'mgr2', T),
        bookingKeyFor('call-1', 'mgr', T + MIN),
      ]).size,
    ).toBe(4);
  });
});

describe('Function: newConfirmationCode', () => {
  it('uses only the unambiguous alphabet and spells codes for speech', () => {
    // Act
    const codes = Array.from({ length: 200 }, () => newConfirmationCode());

    // Assess
    for (const code of codes) expect(code).toMatch(new RegExp(`^[${CODE_ALPHABET}]{6}$`));
    expect(CODE_ALPHABET).not.toMatch(/[0O1IL2Z5S8B]/);
    expect(spellCode('K7M')).toBe('K, 7, M');
  });
});

describe('Function: buildCalendarEvent', () => {
  it('titles by address, keeps the slot instants with the owner zone for display, invites only with an email', () => {
    // Prepare
    const details = {
      callerName: 'Jane',
      callerPhone: '+1555',
      propertyAddress: '12 Elm St',
      confirmationCode: 'ACDEFG',
    };

    // Act
    const event = buildCalendarEvent(details, { start: T, end: T + 30 * MIN }, 'America/New_York', 'tx');

    // Assess
    expect(event).toMatchObject({
      subject: 'Property viewing — 12 Elm St',
      location: '12 Elm St',
      start: T,
      end: T + 30 * MIN,
      timeZone: 'America/New_York',
      attendee: undefined,
      bookingKey: 'tx',
    });
    expect(event.bodyText).toContain('Caller: Jane');
    expect(eventSubject({ callerName: 'Jane', confirmationCode: 'X' })).toBe('Appointment — Jane');
  });
});
