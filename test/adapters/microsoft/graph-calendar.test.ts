import { describe, expect, it } from 'vitest';
import { NotFoundError, ReconnectRequiredError } from '../../../functions/domain/errors';
import { DEFAULT_CALENDAR_ID } from '../../../functions/domain/ports';
import type { NewCalendarEvent } from '../../../functions/domain/types';
import { GraphCalendar } from '../../../functions/adapters/microsoft/graph-calendar';
import { calendarHarness as setup, fixture, graphHarness, json } from './helpers';

const RANGE = { start: Date.UTC(2026, 2, 15), end: Date.UTC(2026, 2, 22) };
const SHOWINGS = 'AAMk/Showings=';

const EVENT: NewCalendarEvent = {
  subject: 'Property showing – 12 Elm St',
  bodyText: 'Booked by voice agent',
  location: '12 Elm St',
  start: Date.UTC(2026, 2, 16, 17),
  end: Date.UTC(2026, 2, 16, 17, 30),
  timeZone: 'America/Los_Angeles',
  attendee: { name: 'Jane Doe', email: 'jane@example.com' },
  bookingKey: 'b7d7f0f4-2c4e-5d0a-9a57-1c2f3e4d5a6b',
};

describe('Class: GraphCalendar', () => {
  describe('Method: listEntries', () => {
    it('reads the default calendar in one /me/calendar/calendarView call: UTC range, $select, $top=500', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(json(200, fixture('calendar-view-page-2')));
      // Act
      const entries = await calendar.listEntries(DEFAULT_CALENDAR_ID, RANGE, deadline);
      // Assess
      expect(http.requests).toHaveLength(1);
      const { url } = http.requests[0]!;
      expect(url.pathname).toBe('/v1.0/me/calendar/calendarView');
      expect(url.searchParams.get('startDateTime')).toBe('2026-03-15T00:00:00Z');
      expect(url.searchParams.get('endDateTime')).toBe('2026-03-22T00:00:00Z');
      expect(url.searchParams.get('$select')).toBe('subject,start,end,showAs,isAllDay,isCancelled,type,transactionId');
      expect(url.searchParams.get('$top')).toBe('500');
      expect(entries).toEqual([
        {
          id: 'AAMkAGI1-evt-3=',
          start: Date.UTC(2026, 2, 19, 15),
          end: Date.UTC(2026, 2, 19, 15, 45),
          availability: 'tentative',
          isCancelled: true,
          isAllDay: false,
        },
      ]);
    });

    it('reads another calendar under its own encoded id', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(json(200, fixture('calendar-view-page-2')));
      // Act
      await calendar.listEntries(SHOWINGS, RANGE, deadline);
      // Assess
      expect(http.requests[0]!.url.pathname).toBe('/v1.0/me/calendars/AAMk%2FShowings%3D/calendarView');
    });

    it('follows @odata.nextLink until it is absent, out of office counting as busy', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(
        json(200, fixture('calendar-view-page-1')),
        json(200, fixture('calendar-view-page-2')),
      );
      // Act
      const entries = await calendar.listEntries(SHOWINGS, RANGE, deadline);
      // Assess
      expect(http.requests).toHaveLength(2);
      expect(http.requests[1]!.url.href).toBe(
        fixture<{ '@odata.nextLink': string }>('calendar-view-page-1')['@odata.nextLink'],
      );
      expect(entries.map((e) => e.id)).toEqual(['AAMkAGI1-evt-1=', 'AAMkAGI1-evt-2=', 'AAMkAGI1-evt-3=']);
      expect(entries[1]).toMatchObject({
        availability: 'busy',
        isAllDay: true,
        allDay: { startDate: '2026-03-17', endDate: '2026-03-18' },
      });
    });

    it('stops a nextLink chain that never ends', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(json(200, fixture('calendar-view-page-1')));
      // Act
      const listing = calendar.listEntries(DEFAULT_CALENDAR_ID, RANGE, deadline);
      // Assess
      await expect(listing).rejects.toMatchObject({ code: 'TooManyPages' });
      expect(http.requests).toHaveLength(20);
    });

    it('asks for a reconnect when Graph denies the mailbox (403 ErrorAccessDenied), logging its ids', async () => {
      // Prepare
      const denied = json(403, fixture('access-denied'), { 'request-id': 'graph-req-1' });
      const { calendar, log, deadline } = setup(denied);
      // Act
      const listing = calendar.listEntries(SHOWINGS, RANGE, deadline);
      // Assess
      await expect(listing).rejects.toBeInstanceOf(ReconnectRequiredError);
      expect(log.warn).toHaveBeenCalledWith(
        'Microsoft Graph call failed',
        expect.objectContaining({ status: 403, code: 'ErrorAccessDenied', requestId: 'graph-req-1' }),
      );
    });
  });

  describe('Method: createEvent', () => {
    it('POSTs to /me/events for the default calendar, in UTC, with the attendee and the booking key', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(json(201, fixture('event-created')));
      // Act
      const created = await calendar.createEvent(DEFAULT_CALENDAR_ID, EVENT, deadline);
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
        transactionId: EVENT.bookingKey,
        showAs: 'busy',
        location: { displayName: '12 Elm St' },
      });
    });

    it("POSTs to another calendar's own events collection", async () => {
      // Prepare
      const { calendar, http, deadline } = setup(json(201, fixture('event-created')));
      // Act
      await calendar.createEvent(SHOWINGS, EVENT, deadline);
      // Assess
      expect(http.requests[0]!.url.pathname).toBe('/v1.0/me/calendars/AAMk%2FShowings%3D/events');
    });

    it('retries a 503 because the booking key makes the POST idempotent', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(
        json(503, fixture('service-unavailable')),
        json(201, fixture('event-created')),
      );
      // Act
      const created = await calendar.createEvent(DEFAULT_CALENDAR_ID, EVENT, deadline);
      // Assess
      expect(created.id).toBe('AAMkADAAABIGYDZAAA=');
      expect(http.requests).toHaveLength(2);
    });

    it('replays a duplicate transactionId to the event id Graph names', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(json(400, fixture('duplicate-transaction-with-id')));
      // Act
      const created = await calendar.createEvent(SHOWINGS, EVENT, deadline);
      // Assess
      expect(created).toEqual({ id: 'AAMkExisting-0001=' });
      expect(http.requests).toHaveLength(1);
    });

    it.each([
      [400, DEFAULT_CALENDAR_ID, '/v1.0/me/events'],
      [409, SHOWINGS, '/v1.0/me/calendars/AAMk%2FShowings%3D/events'],
    ])('replays a duplicate (%i) by finding the event with $filter in that calendar', async (status, id, path) => {
      // Prepare
      const found = { value: [{ id: 'AAMkFound=', transactionId: EVENT.bookingKey }] };
      const { calendar, http, deadline } = setup(json(status, fixture('duplicate-transaction')), json(200, found));
      // Act
      const created = await calendar.createEvent(id, EVENT, deadline);
      // Assess
      const lookup = http.requests[1]!.url;
      expect(created).toEqual({ id: 'AAMkFound=' });
      expect(lookup.pathname).toBe(path);
      expect(lookup.searchParams.get('$filter')).toBe(`transactionId eq '${EVENT.bookingKey}'`);
      expect(http.requests).toHaveLength(2);
    });

    it("looks in the event's window when $filter answers but finds no event with the booking key", async () => {
      // Prepare
      const window = { value: [{ id: 'AAMkWindow=', transactionId: EVENT.bookingKey }] };
      const { calendar, http, deadline } = setup(
        json(400, fixture('duplicate-transaction')),
        json(200, { value: [] }),
        json(200, window),
      );
      // Act
      const created = await calendar.createEvent(SHOWINGS, EVENT, deadline);
      // Assess
      expect(created).toEqual({ id: 'AAMkWindow=' });
      expect(http.requests[2]!.url.pathname).toBe('/v1.0/me/calendars/AAMk%2FShowings%3D/calendarView');
    });

    it('refuses a created event that came back without an id', async () => {
      // Prepare
      const { calendar, deadline } = setup(json(201, {}));
      // Act
      const creating = calendar.createEvent(SHOWINGS, EVENT, deadline);
      // Assess
      await expect(creating).rejects.toMatchObject({
        name: 'ProviderError',
        message: 'Microsoft Graph created an event without an id',
        status: 201,
        code: 'InvalidEvent',
      });
    });

    it("falls back to the event's window in that calendar's view when $filter is refused, quietly", async () => {
      // Prepare
      const window = { value: [{ id: 'AAMkOther=' }, { id: 'AAMkWindow=', transactionId: EVENT.bookingKey }] };
      const { calendar, http, log, deadline } = setup(
        json(409, fixture('duplicate-transaction')),
        json(400, { error: { code: 'ErrorInvalidProperty' } }),
        json(200, window),
      );
      // Act
      const created = await calendar.createEvent(SHOWINGS, EVENT, deadline);
      // Assess
      const lookup = http.requests[2]!.url;
      expect(created).toEqual({ id: 'AAMkWindow=' });
      expect(lookup.pathname).toBe('/v1.0/me/calendars/AAMk%2FShowings%3D/calendarView');
      expect(lookup.searchParams.get('startDateTime')).toBe('2026-03-16T16:59:00Z');
      expect(lookup.searchParams.get('endDateTime')).toBe('2026-03-16T17:31:00Z');
      expect(log.warn).not.toHaveBeenCalled();
    });

    it('rethrows the duplicate error when no event carries the booking key', async () => {
      // Prepare
      const { calendar, deadline } = setup(json(400, fixture('duplicate-transaction')), json(200, { value: [] }));
      // Act
      const creating = calendar.createEvent(DEFAULT_CALENDAR_ID, EVENT, deadline);
      // Assess
      await expect(creating).rejects.toMatchObject({
        name: 'DuplicateTransactionError',
        code: 'ErrorDuplicateTransactionId',
      });
    });
  });

  describe('Method: updateEvent', () => {
    it('PATCHes only the changed fields of the event, by its encoded id', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(json(200, fixture('event-created')));
      const [start, end] = [Date.UTC(2026, 2, 16, 18), Date.UTC(2026, 2, 16, 18, 30)];
      // Act
      await calendar.updateEvent(SHOWINGS, 'AAMk/ADA=', { start, end, timeZone: 'America/Los_Angeles' }, deadline);
      // Assess
      expect(http.requests[0]!.method).toBe('PATCH');
      expect(http.requests[0]!.url.pathname).toBe('/v1.0/me/events/AAMk%2FADA%3D');
      expect(JSON.parse(http.requests[0]!.body!)).toEqual({
        start: { dateTime: '2026-03-16T18:00:00', timeZone: 'UTC' },
        end: { dateTime: '2026-03-16T18:30:00', timeZone: 'UTC' },
      });
    });

    it('reports an event that is gone as NotFoundError', async () => {
      // Prepare
      const { calendar, deadline } = setup(json(404, fixture('item-not-found')));
      // Act
      const updating = calendar.updateEvent(DEFAULT_CALENDAR_ID, 'gone', { subject: 'x' }, deadline);
      // Assess
      await expect(updating).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('Method: keepAlive', () => {
    it('redeems the refresh token, however fresh the access token is, without a Graph call', async () => {
      // Prepare
      const { client, auth, http, deadline } = graphHarness(json(200, {}));
      const calendar = new GraphCalendar(client, { accountId: 'oid-1.tid-1', address: 'adele@contoso.com' });
      // Act
      await calendar.keepAlive(deadline());
      // Assess
      expect(auth.calls).toEqual([true]);
      expect(http.requests).toHaveLength(0);
    });
  });
});
