import { describe, expect, it } from 'vitest';
import { toAvailability } from '../../../functions/adapters/google/event-mapping';
import { CAL, calendarHarness as setup, fixture, googleError, json } from './helpers';

const EVENTS = `GET ${CAL}/calendars/primary/events`;
const at = (iso: string) => Date.parse(iso);
const RANGE = { start: at('2026-03-16T04:00:00Z'), end: at('2026-03-21T04:00:00Z') };

describe('Class: GoogleCalendar', () => {
  describe('Method: listEntries', () => {
    it('asks for expanded, live events overlapping the range, 2500 a page, following nextPageToken', async () => {
      // Prepare
      const pages = [json(200, fixture('events-page-1')), json(200, fixture('events-page-2'))];
      const { calendar, http, deadline } = setup({ [EVENTS]: pages });
      // Act
      await calendar.listEntries('primary', RANGE, deadline());
      // Assess
      const [first, second] = http.requests.map((r) => Object.fromEntries(r.url.searchParams));
      expect(first).toEqual({
        singleEvents: 'true',
        timeMin: '2026-03-16T04:00:00Z',
        timeMax: '2026-03-21T04:00:00Z',
        maxResults: '2500',
        showDeleted: 'false',
      });
      expect(second).toEqual({ ...first, pageToken: 'CigKGjBmNGJ2cmQ0' });
      expect(http.requests).toHaveLength(2);
    });

    it('maps every kind of event by the busy rules (cancelled ones left out)', async () => {
      // Prepare
      const pages = [json(200, fixture('events-page-1')), json(200, fixture('events-page-2'))];
      const { calendar, deadline } = setup({ [EVENTS]: pages });
      // Act
      const entries = await calendar.listEntries('primary', RANGE, deadline());
      // Assess
      const timed = (id: string, start: string, end: string, availability: string) => ({
        id,
        start: at(start),
        end: at(end),
        availability,
        isCancelled: false,
        isAllDay: false,
      });
      expect(entries).toEqual([
        timed('evdefault', '2026-03-16T14:00:00Z', '2026-03-16T14:30:00Z', 'busy'),
        timed('evtransparent', '2026-03-16T15:00:00Z', '2026-03-16T16:00:00Z', 'free'),
        timed('evooo', '2026-03-17T16:00:00Z', '2026-03-17T22:00:00Z', 'busy'),
        {
          id: 'evworkinglocation',
          start: at('2026-03-16T04:00:00Z'),
          end: at('2026-03-17T04:00:00Z'),
          availability: 'free',
          isCancelled: false,
          isAllDay: true,
          allDay: { startDate: '2026-03-16', endDate: '2026-03-17' },
        },
        timed('evdeclined', '2026-03-16T19:00:00Z', '2026-03-16T20:00:00Z', 'free'),
        timed('evtentative', '2026-03-16T16:00:00Z', '2026-03-16T17:00:00Z', 'tentative'),
        timed('evaccepted', '2026-03-16T20:00:00Z', '2026-03-16T21:00:00Z', 'busy'),
        {
          ...timed('a1b2c3d4e5f6g7h8i9j0k1l2m3r0', '2026-03-18T14:00:00Z', '2026-03-18T14:30:00Z', 'busy'),
          bookingKey: '0b7c1e2a-9f3d-5c41-a2b8-6d5e4f3a2b1c',
        },
        // An offset-less dateTime is read in its own zone (London is still on GMT on 18 March).
        timed('evzoned', '2026-03-18T09:00:00Z', '2026-03-18T10:00:00Z', 'busy'),
        {
          id: 'evallday',
          start: at('2026-03-19T04:00:00Z'),
          end: at('2026-03-21T04:00:00Z'),
          availability: 'busy',
          isCancelled: false,
          isAllDay: true,
          allDay: { startDate: '2026-03-19', endDate: '2026-03-21' },
        },
      ]);
    });

    it('reads all-day dates as local days of the calendar zone across DST (Santiago, 7 Sep 2025)', async () => {
      // Prepare: Chile springs forward at midnight, so 7 September starts at 01:00 (-03:00) and lasts 23 hours.
      const { calendar, deadline } = setup({ [EVENTS]: json(200, fixture('events-santiago-dst')) });
      const range = { start: at('2025-09-06T04:00:00Z'), end: at('2025-09-08T03:00:00Z') };
      // Act
      const [changeDay, dayBefore] = await calendar.listEntries('primary', range, deadline());
      // Assess
      expect(changeDay).toMatchObject({
        start: at('2025-09-07T04:00:00Z'),
        end: at('2025-09-08T03:00:00Z'),
        isAllDay: true,
        allDay: { startDate: '2025-09-07', endDate: '2025-09-08' },
        availability: 'busy',
      });
      expect(changeDay!.end - changeDay!.start).toBe(23 * 3_600_000);
      expect(dayBefore).toMatchObject({ start: at('2025-09-06T04:00:00Z'), end: at('2025-09-07T04:00:00Z') });
    });

    it('encodes the calendar id in the path', async () => {
      // Prepare
      const path = `GET ${CAL}/calendars/c_0f3e9a%40group.calendar.google.com/events`;
      const { calendar, http, deadline } = setup({ [path]: json(200, { timeZone: 'UTC', items: [] }) });
      // Act
      const entries = await calendar.listEntries('c_0f3e9a@group.calendar.google.com', RANGE, deadline());
      // Assess
      expect(entries).toEqual([]);
      expect(http.requests).toHaveLength(1);
    });

    it.each([
      ['items that are not a list', { items: { id: 'x' } }],
      ['a page that is not an object', 'just text'],
    ])('refuses a page with %s (never read as a free calendar)', async (_what, body) => {
      // Prepare
      const { calendar, deadline } = setup({ [EVENTS]: json(200, body) });
      // Act
      const listing = calendar.listEntries('primary', RANGE, deadline());
      // Assess
      await expect(listing).rejects.toMatchObject({ name: 'ProviderError', code: 'InvalidPage' });
    });

    it('lets a failure through (a calendar that cannot be read is not free)', async () => {
      // Prepare
      const { calendar, deadline } = setup({ [EVENTS]: googleError('error-forbidden-non-organizer') });
      // Act
      const listing = calendar.listEntries('primary', RANGE, deadline());
      // Assess
      await expect(listing).rejects.toMatchObject({ code: 'forbiddenForNonOrganizer' });
    });
  });
});

describe('Function: toAvailability', () => {
  it.each([
    [{}, 'busy'],
    [{ eventType: 'birthday' }, 'busy'],
    [{ eventType: 'birthday', transparency: 'transparent' }, 'free'],
    [{ eventType: 'outOfOffice', transparency: 'transparent' }, 'busy'],
    [{ eventType: 'workingLocation', transparency: 'opaque' }, 'free'],
    [{ attendees: [{ email: 'other@example.com', responseStatus: 'declined' }] }, 'busy'],
    [{ attendees: [{ self: true, responseStatus: 'needsAction' }] }, 'busy'],
    [{ attendees: [{ self: true, responseStatus: 'tentative' }], transparency: 'transparent' }, 'free'],
  ])('maps %j to %s', (event, expected) => {
    // Act
    const availability = toAvailability(event);
    // Assess
    expect(availability).toBe(expected);
  });
});
