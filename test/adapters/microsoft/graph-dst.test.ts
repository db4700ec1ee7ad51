import { expect, it } from 'vitest';
import {
  parseGraphDateTime,
  toCalendarEntry,
  toGraphEventBody,
} from '../../../functions/adapters/microsoft/graph-mapping';
import { buildCalendarEvent } from '../../../functions/domain/booking/event-content';
import { eachSeason } from '../../support/seasons';

eachSeason('Graph date-times on DST days', () => {
  it.each([
    [{ dateTime: '2025-10-26T01:30:00.0000000', timeZone: 'GMT Standard Time' }, '2025-10-26T00:30:00.000Z'],
    [{ dateTime: '2025-04-06T01:45:00.0000000', timeZone: 'Lord Howe Standard Time' }, '2025-04-05T14:45:00.000Z'],
    [{ dateTime: '2025-11-02T00:30:00.0000000', timeZone: 'Cuba Standard Time' }, '2025-11-02T04:30:00.000Z'],
    [{ dateTime: '2025-03-30T01:30:00.0000000', timeZone: 'GMT Standard Time' }, '2025-03-30T01:30:00.000Z'],
    [{ dateTime: '2026-11-24T09:00:00.0000000', timeZone: 'Nepal Standard Time' }, '2026-11-24T03:15:00.000Z'],
    [{ dateTime: '2025-10-26T01:30:00.0000000', timeZone: 'UTC' }, '2025-10-26T01:30:00.000Z'],
  ])('reads %j as %s', (value, expected) => {
    // Act & Assess
    expect(new Date(parseGraphDateTime(value)).toISOString()).toBe(expected);
  });

  it("keeps an all-day entry's dates as written, whatever zone the instants came in", () => {
    // Act
    const entry = toCalendarEntry({
      isAllDay: true,
      showAs: 'busy',
      start: { dateTime: '2025-09-07T00:00:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2025-09-08T00:00:00.0000000', timeZone: 'UTC' },
    });
    // Assess
    expect(entry.allDay).toEqual({ startDate: '2025-09-07', endDate: '2025-09-08' });
  });

  it('writes a booking at the earlier 01:30 London on the fall-back night as UTC, so it cannot be misread', () => {
    // Prepare
    const event = buildCalendarEvent(
      { callerName: 'Jane', confirmationCode: 'ACDEFG' },
      { start: Date.parse('2025-10-26T00:30Z'), end: Date.parse('2025-10-26T01:00Z') },
      'Europe/London',
      'tx',
    );
    // Act
    const body = toGraphEventBody(event);
    // Assess
    expect(body.start).toEqual({ dateTime: '2025-10-26T00:30:00', timeZone: 'UTC' });
    expect(body.end).toEqual({ dateTime: '2025-10-26T01:00:00', timeZone: 'UTC' });
  });
});
