import { describe, expect, it } from 'vitest';
import { DEFAULT_CALENDAR_ID } from '../../../functions/domain/ports';
import type { NewCalendarEvent } from '../../../functions/domain/types';
import { GraphCalendar } from '../../../functions/adapters/microsoft/graph-calendar';
import { GraphClient } from '../../../functions/adapters/microsoft/graph-client';
import { calendarHarness as setup, fakeTokens, fixture, json, scriptedFetch } from './helpers';

const SHOWINGS = 'AAMk/Showings=';
const EVENT: NewCalendarEvent = {
  subject: 'Property showing – 12 Elm St',
  bodyText: 'Booked by voice agent',
  start: Date.UTC(2026, 2, 16, 17),
  end: Date.UTC(2026, 2, 16, 17, 30),
  timeZone: 'America/Los_Angeles',
  attendee: { name: 'Jane Doe', email: 'jane@example.com' },
  bookingKey: 'b7d7f0f4-2c4e-5d0a-9a57-1c2f3e4d5a6b',
  online: true,
};
const JOIN_URL = fixture<{ onlineMeeting: { joinUrl: string } }>('event-created-online').onlineMeeting.joinUrl;
const providers = (...allowed: string[]) =>
  json(200, { ...fixture<object>('calendar-online-providers'), allowedOnlineMeetingProviders: allowed });

describe('Class: GraphCalendar', () => {
  describe('Method: createEvent (online)', () => {
    it("reads the calendar's providers, asks for Teams and returns onlineMeeting.joinUrl", async () => {
      // Prepare
      const { calendar, http, log, deadline } = setup(
        json(200, fixture('calendar-online-providers')),
        json(201, fixture('event-created-online')),
      );
      // Act
      const created = await calendar.createEvent(SHOWINGS, EVENT, deadline);
      // Assess
      expect(created).toEqual({ id: 'AAMkADAAABIGYDZAAA=', joinUrl: JOIN_URL });
      expect(http.requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
        'GET /v1.0/me/calendars/AAMk%2FShowings%3D',
        'POST /v1.0/me/calendars/AAMk%2FShowings%3D/events',
      ]);
      expect(http.requests[0]!.url.searchParams.get('$select')).toBe('allowedOnlineMeetingProviders');
      expect(JSON.parse(http.requests[1]!.body!)).toMatchObject({
        isOnlineMeeting: true,
        onlineMeetingProvider: 'teamsForBusiness',
      });
      expect(log.warn).not.toHaveBeenCalled();
    });

    it('creates a plain event when the calendar names no providers at all', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(json(200, {}), json(201, fixture('event-created')));
      // Act
      await calendar.createEvent(DEFAULT_CALENDAR_ID, EVENT, deadline);
      // Assess
      expect(JSON.parse(http.requests[1]!.body!)).not.toHaveProperty('isOnlineMeeting');
    });

    it.each([[[]], [['skypeForConsumer']]])(
      'creates a plain event without a link on a calendar offering %j',
      async (allowed) => {
        // Prepare
        const { calendar, http, log, deadline } = setup(providers(...allowed), json(201, fixture('event-created')));
        // Act
        const created = await calendar.createEvent(DEFAULT_CALENDAR_ID, EVENT, deadline);
        // Assess
        const body = JSON.parse(http.requests[1]!.body!);
        expect(created).toEqual({ id: 'AAMkADAAABIGYDZAAA=' });
        expect(http.requests[0]!.url.pathname).toBe('/v1.0/me/calendar');
        expect(body).not.toHaveProperty('isOnlineMeeting');
        expect(body).not.toHaveProperty('onlineMeetingProvider');
        expect(log.warn).not.toHaveBeenCalled();
      },
    );

    it('warns and returns no link when Teams was allowed but Graph made none (never onlineMeetingUrl)', async () => {
      // Prepare
      const linkless = { ...fixture<{ isOnlineMeeting: boolean }>('event-created-online'), onlineMeeting: null };
      const { calendar, log, deadline } = setup(providers('teamsForBusiness'), json(201, linkless));
      // Act
      const created = await calendar.createEvent(DEFAULT_CALENDAR_ID, EVENT, deadline);
      // Assess
      expect(created).toEqual({ id: 'AAMkADAAABIGYDZAAA=' });
      expect(log.warn).toHaveBeenCalledWith('Microsoft Graph made no Teams link', {
        eventId: 'AAMkADAAABIGYDZAAA=',
        isOnlineMeeting: linkless.isOnlineMeeting,
        provider: 'teamsForBusiness',
      });
      expect(linkless.isOnlineMeeting).toBe(true);
    });

    it('creates the event without a link, and without a logger to warn, when Graph made none', async () => {
      // Prepare
      const linkless = { ...fixture('event-created-online'), onlineMeeting: null };
      const http = scriptedFetch(providers('teamsForBusiness'), json(201, linkless));
      const graph = new GraphClient({
        baseUrl: 'https://graph.microsoft.com/v1.0',
        tokens: fakeTokens().tokens,
        fetch: http.fetch,
      });
      const calendar = new GraphCalendar(graph, { accountId: 'oid-1.tid-1', address: 'adele@contoso.com' });
      // Act
      const created = await calendar.createEvent(DEFAULT_CALENDAR_ID, EVENT, { at: Date.now() + 10_000 });
      // Assess
      expect(created).toEqual({ id: 'AAMkADAAABIGYDZAAA=' });
    });

    it('returns the link of another provider but warns about it (tenant coexistence settings)', async () => {
      // Prepare
      const skype = { ...fixture('event-created-online'), onlineMeetingProvider: 'skypeForBusiness' };
      const { calendar, log, deadline } = setup(providers('teamsForBusiness'), json(201, skype));
      // Act
      const created = await calendar.createEvent(DEFAULT_CALENDAR_ID, EVENT, deadline);
      // Assess
      expect(created.joinUrl).toBe(JOIN_URL);
      expect(log.warn).toHaveBeenCalledWith(
        'Microsoft Graph made another online meeting than Teams',
        expect.objectContaining({ provider: 'skypeForBusiness' }),
      );
    });

    it('reads no calendar and asks for no meeting when the event is not online', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(json(201, fixture('event-created')));
      // Act
      await calendar.createEvent(DEFAULT_CALENDAR_ID, { ...EVENT, online: false }, deadline);
      // Assess
      expect(http.requests.map((r) => r.method)).toEqual(['POST']);
      expect(JSON.parse(http.requests[0]!.body!)).not.toHaveProperty('isOnlineMeeting');
    });

    it('returns the link on a replay found by its booking key (the same lookup selects onlineMeeting)', async () => {
      // Prepare
      const found = {
        value: [{ id: 'AAMkFound=', transactionId: EVENT.bookingKey, onlineMeeting: { joinUrl: JOIN_URL } }],
      };
      const { calendar, http, deadline } = setup(
        providers('teamsForBusiness'),
        json(400, fixture('duplicate-transaction')),
        json(200, found),
      );
      // Act
      const created = await calendar.createEvent(DEFAULT_CALENDAR_ID, EVENT, deadline);
      // Assess
      expect(created).toEqual({ id: 'AAMkFound=', joinUrl: JOIN_URL });
      expect(http.requests[2]!.url.searchParams.get('$select')).toBe('id,transactionId,onlineMeeting');
    });

    it('replays to the event id Graph names without another call (that replay goes without a link)', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(
        providers('teamsForBusiness'),
        json(400, fixture('duplicate-transaction-with-id')),
      );
      // Act
      const created = await calendar.createEvent(DEFAULT_CALENDAR_ID, EVENT, deadline);
      // Assess
      expect(created).toEqual({ id: 'AAMkExisting-0001=' });
      expect(http.requests).toHaveLength(2);
    });
  });

  describe('Method: updateEvent (online meeting)', () => {
    it('moves an event with a PATCH of start and end in UTC only, never its body (the Teams blob stays)', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(json(200, fixture('event-created-online')));
      const [start, end] = [Date.UTC(2026, 2, 17, 1, 30), Date.UTC(2026, 2, 17, 2)];
      // Act
      await calendar.updateEvent(DEFAULT_CALENDAR_ID, 'AAMkADAAABIGYDZAAA=', { start, end }, deadline);
      // Assess
      expect(http.requests).toHaveLength(1);
      expect(Object.keys(JSON.parse(http.requests[0]!.body!))).toEqual(['start', 'end']);
      expect(JSON.parse(http.requests[0]!.body!)).toEqual({
        start: { dateTime: '2026-03-17T01:30:00', timeZone: 'UTC' },
        end: { dateTime: '2026-03-17T02:00:00', timeZone: 'UTC' },
      });
    });
  });
});
