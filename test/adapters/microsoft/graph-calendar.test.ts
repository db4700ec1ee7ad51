import { describe, expect, it } from 'vitest';
import { GraphCalendar } from '../../../functions/adapters/microsoft/graph-calendar';
import { GraphClient } from '../../../functions/adapters/microsoft/graph-client';
import { NotFoundError } from '../../../functions/domain/errors';
import type { NewCalendarEvent } from '../../../functions/domain/types';
import { fakeTokens, fixture, json, manualClock, scriptedFetch } from './helpers';

const BASE = 'https://graph.microsoft.com/v1.0';
const RANGE = { start: Date.UTC(2026, 2, 15), end: Date.UTC(2026, 2, 22) };

function setup(...replies: Parameters<typeof scriptedFetch>) {
  const time = manualClock();
  const http = scriptedFetch(...replies);
  const graph = new GraphClient({
    baseUrl: BASE,
    tokens: fakeTokens().tokens,
    fetch: http.fetch,
    clock: time.clock,
    sleep: time.sleep,
  });
  return { calendar: new GraphCalendar(graph), http, deadline: { at: time.state.now + 10_000 } };
}

const EVENT: NewCalendarEvent = {
  subject: 'Property showing – 12 Elm St',
  bodyText: 'Booked by voice agent',
  location: '12 Elm St',
  start: Date.UTC(2026, 2, 16, 17),
  end: Date.UTC(2026, 2, 16, 17, 30),
  timeZone: 'America/Los_Angeles',
  attendee: { name: 'Jane Doe', email: 'jane@example.com' },
  transactionId: 'b7d7f0f4-2c4e-5d0a-9a57-1c2f3e4d5a6b',
};

describe('Class: GraphCalendar', () => {
  describe('Method: listEntries', () => {
    it('asks calendarView for the UTC range with $select and $top=500 in one round trip', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(json(200, fixture('calendar-view-page-2')));
      // Act
      const entries = await calendar.listEntries(RANGE, deadline);
      // Assess
      expect(http.requests).toHaveLength(1);
      const { url } = http.requests[0]!;
      expect(url.pathname).toBe('/v1.0/me/calendarView');
      expect(url.searchParams.get('startDateTime')).toBe('2026-03-15T00:00:00Z');
      expect(url.searchParams.get('endDateTime')).toBe('2026-03-22T00:00:00Z');
      expect(url.searchParams.get('$select')).toBe('subject,start,end,showAs,isAllDay,isCancelled,type,transactionId');
      expect(url.searchParams.get('$top')).toBe('500');
      expect(entries).toEqual([
        {
          id: 'AAMkAGI1-evt-3=',
          start: Date.UTC(2026, 2, 19, 15),
          end: Date.UTC(2026, 2, 19, 15, 45),
          showAs: 'tentative',
          isCancelled: true,
          isAllDay: false,
        },
      ]);
    });

    it('follows @odata.nextLink until it is absent', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(
        json(200, fixture('calendar-view-page-1')),
        json(200, fixture('calendar-view-page-2')),
      );
      // Act
      const entries = await calendar.listEntries(RANGE, deadline);
      // Assess
      expect(http.requests).toHaveLength(2);
      expect(http.requests[1]!.url.href).toBe(
        fixture<{ '@odata.nextLink': string }>('calendar-view-page-1')['@odata.nextLink'],
      );
      expect(entries.map((e) => e.id)).toEqual(['AAMkAGI1-evt-1=', 'AAMkAGI1-evt-2=', 'AAMkAGI1-evt-3=']);
      expect(entries[1]).toMatchObject({ isAllDay: true, allDay: { startDate: '2026-03-17', endDate: '2026-03-18' } });
    });

    it('stops a nextLink chain that never ends', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(json(200, fixture('calendar-view-page-1')));
      // Act
      const listing = calendar.listEntries(RANGE, deadline);
      // Assess
      await expect(listing).rejects.toMatchObject({ code: 'TooManyPages' });
      expect(http.requests).toHaveLength(20);
    });
  });

  describe('Method: createEvent', () => {
    it('POSTs the event in UTC, with attendee and transactionId, and returns its id', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(json(201, fixture('event-created')));
      // Act
      const created = await calendar.createEvent(EVENT, deadline);
      // Assess
      const request = http.requests[0]!;
      const body = JSON.parse(request.body!);
      expect(created).toEqual({ id: 'AAMkADAAABIGYDZAAA=' });
      expect(request.method).toBe('POST');
      expect(request.url.pathname).toBe('/v1.0/me/events');
      expect(request.headers.get('content-type')).toBe('application/json');
      expect(body.start).toEqual({ dateTime: '2026-03-16T17:00:00', timeZone: 'UTC' });
      expect(body.attendees).toEqual([
        { type: 'required', emailAddress: { address: 'jane@example.com', name: 'Jane Doe' } },
      ]);
      expect(body).toMatchObject({
        transactionId: EVENT.transactionId,
        showAs: 'busy',
        location: { displayName: '12 Elm St' },
      });
    });

    it('retries a 503 because the transactionId makes the POST idempotent', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(
        json(503, fixture('service-unavailable')),
        json(201, fixture('event-created')),
      );
      // Act
      const created = await calendar.createEvent(EVENT, deadline);
      // Assess
      expect(created.id).toBe('AAMkADAAABIGYDZAAA=');
      expect(http.requests).toHaveLength(2);
    });

    it('replays a duplicate transactionId to the event id Graph names', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(json(400, fixture('duplicate-transaction-with-id')));
      // Act
      const created = await calendar.createEvent(EVENT, deadline);
      // Assess
      expect(created).toEqual({ id: 'AAMkExisting-0001=' });
      expect(http.requests).toHaveLength(1);
    });

    it.each([400, 409])('replays a duplicate transactionId (%i) by finding the event with $filter', async (status) => {
      // Prepare
      const found = { value: [{ id: 'AAMkFound=', transactionId: EVENT.transactionId }] };
      const { calendar, http, deadline } = setup(json(status, fixture('duplicate-transaction')), json(200, found));
      // Act
      const created = await calendar.createEvent(EVENT, deadline);
      // Assess
      expect(created).toEqual({ id: 'AAMkFound=' });
      expect(http.requests[1]!.url.searchParams.get('$filter')).toBe(`transactionId eq '${EVENT.transactionId}'`);
    });

    it('falls back to the event window in calendarView when $filter is refused', async () => {
      // Prepare
      const window = { value: [{ id: 'AAMkOther=' }, { id: 'AAMkWindow=', transactionId: EVENT.transactionId }] };
      const { calendar, http, deadline } = setup(
        json(409, fixture('duplicate-transaction')),
        json(400, { error: { code: 'ErrorInvalidProperty' } }),
        json(200, window),
      );
      // Act
      const created = await calendar.createEvent(EVENT, deadline);
      // Assess
      const lookup = http.requests[2]!.url;
      expect(created).toEqual({ id: 'AAMkWindow=' });
      expect(lookup.pathname).toBe('/v1.0/me/calendarView');
      expect(lookup.searchParams.get('startDateTime')).toBe('2026-03-16T16:59:00Z');
      expect(lookup.searchParams.get('endDateTime')).toBe('2026-03-16T17:31:00Z');
    });

    it('rethrows the duplicate error when no event carries the transactionId', async () => {
      // Prepare
      const { calendar, deadline } = setup(json(400, fixture('duplicate-transaction')), json(200, { value: [] }));
      // Act
      const creating = calendar.createEvent(EVENT, deadline);
      // Assess
      await expect(creating).rejects.toMatchObject({
        name: 'DuplicateTransactionError',
        code: 'ErrorDuplicateTransactionId',
      });
    });
  });

  describe('Methods: getOwnerSchedule, getProfile', () => {
    it('returns the mailbox time zone and working hours in IANA terms', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(json(200, fixture('mailbox-settings')));
      // Act
      const schedule = await calendar.getOwnerSchedule(deadline);
      // Assess
      expect(http.requests[0]!.url.pathname).toBe('/v1.0/me/mailboxSettings');
      expect(schedule.timeZone).toBe('America/Los_Angeles');
      expect(schedule.working).toMatchObject({
        timeZone: 'America/Los_Angeles',
        week: { monday: [{ start: '08:00', end: '17:00' }] },
      });
      expect(schedule).not.toHaveProperty('language');
    });

    it('returns the profile with a null mail kept null', async () => {
      // Prepare
      const { calendar, deadline } = setup(json(200, fixture('me')));
      // Act
      const me = await calendar.getProfile(deadline);
      // Assess
      expect(me).toEqual({
        id: '87d349ed-44d7-43e1-9a83-5f2406dee5bd',
        displayName: 'Adele Vance',
        mail: null,
        userPrincipalName: 'AdeleV@contoso.com',
      });
    });
  });

  describe('Methods: getEvent, updateEvent, deleteEvent', () => {
    it('reads one event by its encoded id', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(json(200, fixture('event-created')));
      // Act
      const event = await calendar.getEvent('AAMk/ADA=', deadline);
      // Assess
      expect(http.requests[0]!.url.pathname).toBe('/v1.0/me/events/AAMk%2FADA%3D');
      expect(event).toMatchObject({
        id: 'AAMk/ADA=',
        start: Date.UTC(2026, 2, 16, 17),
        transactionId: 'b7d7f0f4-2c4e-5d0a-9a57-1c2f3e4d5a6b',
      });
    });

    it('PATCHes only the changed fields', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(json(200, fixture('event-created')));
      // Act
      const [start, end] = [Date.UTC(2026, 2, 16, 18), Date.UTC(2026, 2, 16, 18, 30)];
      await calendar.updateEvent('e1', { start, end, timeZone: 'America/Los_Angeles' }, deadline);
      // Assess
      expect(http.requests[0]!.method).toBe('PATCH');
      expect(JSON.parse(http.requests[0]!.body!)).toEqual({
        start: { dateTime: '2026-03-16T18:00:00', timeZone: 'UTC' },
        end: { dateTime: '2026-03-16T18:30:00', timeZone: 'UTC' },
      });
    });

    it('treats deleting an event that is already gone as done, but reports a missing one on read', async () => {
      // Prepare
      const { calendar, deadline } = setup(json(404, fixture('item-not-found')));
      // Act
      const deleting = calendar.deleteEvent('gone', deadline);
      const reading = calendar.getEvent('gone', deadline);
      // Assess
      await expect(deleting).resolves.toBeUndefined();
      await expect(reading).rejects.toBeInstanceOf(NotFoundError);
    });
  });
});
