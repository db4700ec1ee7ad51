import { afterEach, describe, expect, it } from 'vitest';
import {
  textToHtml,
  parseGraphDateTime,
  toCalendarEntry,
  toGraphEventBody,
  toGraphEventPatch,
  toAvailability,
} from '../../../functions/adapters/microsoft/graph-mapping';
import type { NewCalendarEvent } from '../../../functions/domain/types';

const originalTz = process.env.TZ;

describe('Function: parseGraphDateTime', () => {
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it('reads an offset-less UTC dateTime as UTC even when the process runs in Los Angeles', () => {
    // Prepare: Node re-reads TZ on assignment; prove it took effect, or this test could not fail.
    process.env.TZ = 'America/Los_Angeles';
    expect(new Date('2026-03-15T12:00:00').getTime()).not.toBe(Date.UTC(2026, 2, 15, 12));
    // Act
    const ms = parseGraphDateTime({ dateTime: '2026-03-15T12:00:00.0000000', timeZone: 'UTC' });
    // Assess
    expect(ms).toBe(Date.UTC(2026, 2, 15, 12));
  });

  it.each([
    ['Pacific Standard Time', Date.UTC(2026, 2, 15, 19)],
    ['America/New_York', Date.UTC(2026, 2, 15, 16)],
    [null, Date.UTC(2026, 2, 15, 12)],
  ])('reads the wall time in zone %j', (timeZone, expected) => {
    // Act
    const ms = parseGraphDateTime({ dateTime: '2026-03-15T12:00:00.0000000', timeZone });
    // Assess
    expect(ms).toBe(expected);
  });

  it('keeps seven-digit fractions to the millisecond', () => {
    // Act
    const ms = parseGraphDateTime({ dateTime: '2026-03-15T12:00:00.1234567', timeZone: 'UTC' });
    // Assess
    expect(ms).toBe(Date.UTC(2026, 2, 15, 12, 0, 0, 123));
  });

  it.each([
    [{ dateTime: '2026-03-15T12:00:00', timeZone: 'Customized Time Zone' }, 'UnsupportedTimeZone'],
    [{ dateTime: 'yesterday', timeZone: 'UTC' }, 'InvalidDateTime'],
  ])('rejects %j', (value, code) => {
    // Act & Assess
    expect(() => parseGraphDateTime(value)).toThrow(expect.objectContaining({ name: 'ProviderError', code }));
  });
});

describe('Function: toCalendarEntry', () => {
  it('maps an all-day entry with its dates as written', () => {
    // Act
    const entry = toCalendarEntry({
      id: 'a',
      showAs: 'oof',
      isAllDay: true,
      isCancelled: false,
      start: { dateTime: '2026-03-17T00:00:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2026-03-18T00:00:00.0000000', timeZone: 'UTC' },
    });
    // Assess
    expect(entry).toEqual({
      id: 'a',
      start: Date.UTC(2026, 2, 17),
      end: Date.UTC(2026, 2, 18),
      availability: 'busy',
      isCancelled: false,
      isAllDay: true,
      allDay: { startDate: '2026-03-17', endDate: '2026-03-18' },
    });
  });

  it('reads the transactionId as the booking key', () => {
    // Act
    const entry = toCalendarEntry({
      transactionId: 'key-1',
      showAs: 'workingElsewhere',
      start: { dateTime: '2026-03-17T10:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-03-17T11:00:00', timeZone: 'UTC' },
    });
    // Assess
    expect(entry).toMatchObject({ bookingKey: 'key-1', availability: 'free' });
    expect(entry).not.toHaveProperty('transactionId');
  });

  it('rejects an event without an end as an InvalidEvent', () => {
    // Act
    const reading = () => toCalendarEntry({ start: { dateTime: '2026-03-17T00:00:00', timeZone: 'UTC' } });
    // Assess
    expect(reading).toThrow('Microsoft Graph returned an event without start or end');
    expect(reading).toThrow(expect.objectContaining({ name: 'ProviderError', code: 'InvalidEvent' }));
  });

  it.each([
    [{ dateTime: '2026-03-17T00:00:00', timeZone: 'Customized Time Zone' }, 'a time zone we cannot map'],
    [{ dateTime: 'tomorrow', timeZone: 'UTC' }, 'an unreadable dateTime'],
  ])('rejects an event whose start Graph wrote as %j, saying why', (start, why) => {
    // Prepare
    const end = { dateTime: '2026-03-17T01:00:00', timeZone: 'UTC' };
    // Act & Assess
    expect(() => toCalendarEntry({ start, end })).toThrow(`Microsoft Graph returned ${why}`);
  });
});

describe('Function: toAvailability', () => {
  it.each([
    ['free', 'free'],
    ['WorkingElsewhere', 'free'],
    ['Tentative', 'tentative'],
    ['busy', 'busy'],
    ['oof', 'busy'],
    ['unknown', 'busy'],
    ['somethingNew', 'busy'],
    [null, 'busy'],
  ])('maps showAs %j to %s', (value, expected) => {
    // Act & Assess
    expect(toAvailability(value)).toBe(expected);
  });
});

describe('Function: toGraphEventBody', () => {
  const event: NewCalendarEvent = {
    subject: 'Showing – 12 Elm St',
    bodyText: 'Caller: Jane <jane@x.com>\nNotes: "R&D"',
    location: '12 Elm St',
    start: Date.UTC(2026, 2, 16, 17),
    end: Date.UTC(2026, 2, 16, 17, 30),
    timeZone: 'America/Los_Angeles',
    attendee: { name: 'Jane Doe', email: 'jane@example.com' },
    bookingKey: 'txn-1',
  };

  it('writes times as UTC wall times, an escaped HTML body, the attendee, busy and the key as transactionId', () => {
    // Act
    const body = toGraphEventBody(event);
    // Assess
    expect(body).toEqual({
      subject: 'Showing – 12 Elm St',
      body: { contentType: 'HTML', content: 'Caller: Jane &lt;jane@x.com&gt;<br>Notes: &quot;R&amp;D&quot;' },
      start: { dateTime: '2026-03-16T17:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-03-16T17:30:00', timeZone: 'UTC' },
      location: { displayName: '12 Elm St' },
      attendees: [{ type: 'required', emailAddress: { address: 'jane@example.com', name: 'Jane Doe' } }],
      showAs: 'busy',
      transactionId: 'txn-1',
    });
  });

  it('invites nobody when the caller gave no email, and omits an absent location', () => {
    // Act
    const body = toGraphEventBody({ ...event, attendee: { name: 'Jane', email: '' }, location: undefined });
    // Assess
    expect(body).not.toHaveProperty('attendees');
    expect(body).not.toHaveProperty('location');
  });

  it('patches only what changed', () => {
    // Act
    const patch = toGraphEventPatch({ subject: 'New' });
    const moved = toGraphEventPatch({ start: Date.UTC(2026, 2, 16, 18) });
    // Assess
    expect(patch).toEqual({ subject: 'New' });
    expect(moved).toEqual({ start: { dateTime: '2026-03-16T18:00:00', timeZone: 'UTC' } });
  });

  it('escapes every HTML-significant character', () => {
    // Act & Assess
    expect(textToHtml(`<script>alert('x')</script>`)).toBe('&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;');
  });
});
