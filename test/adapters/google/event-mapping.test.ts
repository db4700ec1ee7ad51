// Calendar v3 events → CalendarEntry: times and zones, optional fields, unreadable events, and the Meet link.
import { describe, expect, it } from 'vitest';
import {
  type GoogleEvent,
  isAllDayEvent,
  joinUrlOf,
  toCalendarEntry,
} from '../../../functions/adapters/google/event-mapping';
import { ProviderError } from '../../../functions/domain/errors';

const NY = 'America/New_York';
const timed = (extra: Partial<GoogleEvent> = {}): GoogleEvent => ({
  start: { dateTime: '2026-03-10T09:00:00-04:00' },
  end: { dateTime: '2026-03-10T09:30:00-04:00' },
  ...extra,
});

describe('Function: toCalendarEntry', () => {
  it('gives an event without id or booking key no such fields', () => {
    // Act
    const entry = toCalendarEntry(timed({ extendedProperties: { private: { other: 'x' } } }), NY);
    // Assess
    expect(entry).toStrictEqual({
      start: Date.parse('2026-03-10T13:00:00Z'),
      end: Date.parse('2026-03-10T13:30:00Z'),
      availability: 'busy',
      isCancelled: false,
      isAllDay: false,
    });
  });

  it('reads the booking key from private properties, and tolerates extended properties without them', () => {
    // Act
    const keyed = toCalendarEntry(timed({ id: 'e1', extendedProperties: { private: { bookingKey: 'k-1' } } }), NY);
    const shared = toCalendarEntry(timed({ extendedProperties: {} }), NY);
    // Assess
    expect(keyed).toMatchObject({ id: 'e1', bookingKey: 'k-1' });
    expect(shared).not.toHaveProperty('bookingKey');
  });

  it('reads an offset-less time in its own zone, or the calendar zone when its own is unknown', () => {
    // Act
    const own = toCalendarEntry(timed({ start: { dateTime: '2026-03-10T09:00:00', timeZone: 'Europe/Paris' } }), NY);
    const unknown = toCalendarEntry(timed({ start: { dateTime: '2026-03-10T09:00:00', timeZone: 'Mars/Base' } }), NY);
    // Assess
    expect(own.start).toBe(Date.parse('2026-03-10T08:00:00Z'));
    expect(unknown.start).toBe(Date.parse('2026-03-10T13:00:00Z'));
  });

  it('places an all-day event in UTC when the calendar zone is missing or unknown', () => {
    // Prepare
    const allDay = { start: { date: '2026-03-10' }, end: { date: '2026-03-11' } };
    // Act
    const missing = toCalendarEntry(allDay, undefined);
    const unknown = toCalendarEntry(allDay, 'Mars/Base');
    // Assess
    expect(missing).toMatchObject({
      start: Date.parse('2026-03-10T00:00:00Z'),
      end: Date.parse('2026-03-11T00:00:00Z'),
    });
    expect(missing).toMatchObject({ isAllDay: true, allDay: { startDate: '2026-03-10', endDate: '2026-03-11' } });
    expect(unknown.start).toBe(Date.parse('2026-03-10T00:00:00Z'));
  });

  it('takes an event with both a dateTime and a date as timed', () => {
    // Act
    const entry = toCalendarEntry(timed({ start: { dateTime: '2026-03-10T09:00:00-04:00', date: '2026-03-10' } }), NY);
    // Assess
    expect(entry.isAllDay).toBe(false);
    expect(entry).not.toHaveProperty('allDay');
  });

  it.each([
    ['no end', { start: { dateTime: '2026-03-10T09:00:00Z' } }],
    ['no start', { end: { dateTime: '2026-03-10T09:00:00Z' } }],
  ])('refuses an event with %s', (_what, event) => {
    // Act
    const mapping = () => toCalendarEntry(event, NY);
    // Assess
    expect(mapping).toThrow(ProviderError);
    expect(mapping).toThrow(
      expect.objectContaining({
        message: 'Google Calendar returned an event without start or end',
        code: 'InvalidEvent',
      }),
    );
  });

  it.each([
    ['a dateTime that is no time', { dateTime: 'soon' }],
    ['a date that is no day', { date: '2026-13-45' }],
    ['neither', {}],
  ])('refuses %s', (_what, start) => {
    // Act
    const mapping = () => toCalendarEntry(timed({ start }), NY);
    // Assess
    expect(mapping).toThrow(ProviderError);
    expect(mapping).toThrow(
      expect.objectContaining({
        message: 'Google Calendar returned an unreadable event time',
        code: 'InvalidDateTime',
      }),
    );
  });
});

describe('Function: isAllDayEvent', () => {
  it('is true only for a start with a date and no dateTime', () => {
    // Assess
    expect(isAllDayEvent({ start: { date: '2026-03-10' } })).toBe(true);
    expect(isAllDayEvent(timed())).toBe(false);
    expect(isAllDayEvent({})).toBe(false);
    expect(isAllDayEvent({ start: { dateTime: '2026-03-10T09:00:00Z', date: '2026-03-10' } })).toBe(false);
  });
});

describe('Function: joinUrlOf', () => {
  const phone = { entryPointType: 'phone', uri: 'tel:+1-555-0100' };
  const video = { entryPointType: 'video', uri: ' https://meet.google.com/abc-defg-hij ' };

  it('prefers hangoutLink, trimmed', () => {
    // Act
    const url = joinUrlOf({
      hangoutLink: ' https://meet.google.com/hang-out ',
      conferenceData: { entryPoints: [video] },
    });
    // Assess
    expect(url).toBe('https://meet.google.com/hang-out');
  });

  it("falls back to the conference's video entry point, trimmed, whatever comes first", () => {
    // Act
    const url = joinUrlOf({ hangoutLink: '  ', conferenceData: { entryPoints: [phone, video] } });
    // Assess
    expect(url).toBe('https://meet.google.com/abc-defg-hij');
  });

  it('gives undefined without an event, a video entry point or a link', () => {
    // Assess
    expect(joinUrlOf(undefined)).toBeUndefined();
    expect(joinUrlOf({ conferenceData: { entryPoints: [phone] } })).toBeUndefined();
    expect(joinUrlOf({ conferenceData: { entryPoints: [{ uri: 'https://x.example' }] } })).toBeUndefined();
    expect(joinUrlOf({ conferenceData: { createRequest: { status: { statusCode: 'pending' } } } })).toBeUndefined();
  });
});
