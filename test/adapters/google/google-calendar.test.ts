import { describe, expect, it } from 'vitest';
import { GoogleCalendar } from '../../../functions/adapters/google/google-calendar';
import { NotFoundError, ProviderError } from '../../../functions/domain/errors';
import { CAL, calendarHarness as setup, fixture, googleError, json } from './helpers';

const EVENT = `${CAL}/calendars/primary/events/ev1`;
const LIST = `GET ${CAL}/users/me/calendarList`;

describe('Class: GoogleCalendar', () => {
  describe('Method: getEvent', () => {
    it('reads the event as it is now', async () => {
      // Prepare
      const { calendar, deadline } = setup({ [`GET ${EVENT}`]: json(200, fixture('event-created')) });
      // Act
      const entry = await calendar.getEvent('primary', 'ev1', deadline());
      // Assess
      expect(entry).toEqual({
        id: 'REPLACED_BY_TEST',
        start: Date.parse('2026-03-16T14:00:00Z'),
        end: Date.parse('2026-03-16T14:30:00Z'),
        availability: 'busy',
        isCancelled: false,
        isAllDay: false,
        bookingKey: 'REPLACED_BY_TEST',
      });
    });

    it('reads a deleted event (Google keeps it as cancelled) with isCancelled', async () => {
      // Prepare
      const cancelled = { ...fixture('event-created'), id: 'ev1', status: 'cancelled' };
      const { calendar, deadline } = setup({ [`GET ${EVENT}`]: json(200, cancelled) });
      // Act
      const entry = await calendar.getEvent('primary', 'ev1', deadline());
      // Assess
      expect(entry).toMatchObject({ id: 'ev1', isCancelled: true });
    });

    it.each([
      ['404', 'error-not-found'],
      ['410', 'error-deleted'],
    ])('is undefined on %s', async (_status, name) => {
      // Prepare
      const { calendar, deadline } = setup({ [`GET ${EVENT}`]: googleError(name) });
      // Act
      const entry = await calendar.getEvent('primary', 'ev1', deadline());
      // Assess
      expect(entry).toBeUndefined();
    });

    it("reads an all-day event in the calendar's zone (one calendars.get per calendar)", async () => {
      // Prepare
      const allDay = { id: 'ev1', status: 'confirmed', start: { date: '2026-03-19' }, end: { date: '2026-03-20' } };
      const { calendar, http, deadline } = setup({
        [`GET ${EVENT}`]: json(200, allDay),
        [`GET ${CAL}/calendars/primary`]: json(200, fixture('calendar-primary')),
      });
      // Act
      const first = await calendar.getEvent('primary', 'ev1', deadline());
      await calendar.getEvent('primary', 'ev1', deadline());
      // Assess
      expect(first).toMatchObject({
        start: Date.parse('2026-03-19T04:00:00Z'),
        end: Date.parse('2026-03-20T04:00:00Z'),
        isAllDay: true,
      });
      expect(http.to(`GET ${CAL}/calendars/primary`)).toHaveLength(1);
    });

    it('asks for the zone again after a failed read of it', async () => {
      // Prepare
      const allDay = { id: 'ev1', status: 'confirmed', start: { date: '2026-03-19' }, end: { date: '2026-03-20' } };
      const { calendar, deadline } = setup({
        [`GET ${EVENT}`]: json(200, allDay),
        [`GET ${CAL}/calendars/primary`]: [
          googleError('error-forbidden-non-organizer'),
          json(200, fixture('calendar-primary')),
        ],
      });
      // Act
      const first = calendar.getEvent('primary', 'ev1', deadline());
      await expect(first).rejects.toMatchObject({ status: 403 });
      const second = await calendar.getEvent('primary', 'ev1', deadline());
      // Assess
      expect(second).toMatchObject({ start: Date.parse('2026-03-19T04:00:00Z'), isAllDay: true });
    });

    it('lets a refusal other than 404 or 410 through', async () => {
      // Prepare
      const { calendar, deadline } = setup({ [`GET ${EVENT}`]: googleError('error-forbidden-non-organizer') });
      // Act
      const reading = calendar.getEvent('primary', 'ev1', deadline());
      // Assess
      await expect(reading).rejects.toMatchObject({ name: 'CalendarApiError', status: 403 });
    });

    it('refuses an empty answer', async () => {
      // Prepare
      const { calendar, deadline } = setup({ [`GET ${EVENT}`]: json(200) });
      // Act
      const reading = calendar.getEvent('primary', 'ev1', deadline());
      // Assess
      await expect(reading).rejects.toBeInstanceOf(ProviderError);
      await expect(reading).rejects.toMatchObject({
        message: 'Google Calendar returned an empty event',
        code: 'InvalidEvent',
      });
    });
  });

  describe('Method: listEntries (unreadable page)', () => {
    it('names events.list in the error', async () => {
      // Prepare
      const { calendar, deadline } = setup({ [`GET ${CAL}/calendars/primary/events`]: json(200, { items: 'x' }) });
      // Act
      const listing = calendar.listEntries('primary', { start: 0, end: 86_400_000 }, deadline());
      // Assess
      await expect(listing).rejects.toThrow('Google Calendar events.list answered a page of an unexpected shape');
    });
  });

  describe('Method: keepAlive', () => {
    it('redeems the refresh token', async () => {
      // Prepare
      const { calendar, auth, deadline } = setup();
      // Act
      await calendar.keepAlive(deadline());
      // Assess
      expect(auth.calls).toEqual([true]);
    });
  });

  describe('Method: updateEvent', () => {
    it('patches only the given fields, with sendUpdates=all', async () => {
      // Prepare
      const { calendar, http, deadline } = setup({ [`PATCH ${EVENT}`]: json(200, fixture('event-created')) });
      const changes = {
        start: Date.parse('2026-03-17T19:00:00Z'),
        end: Date.parse('2026-03-17T19:30:00Z'),
        timeZone: 'America/New_York',
      };
      // Act
      await calendar.updateEvent('primary', 'ev1', changes, deadline());
      // Assess
      const [patch] = http.requests;
      expect(Object.fromEntries(patch!.url.searchParams)).toEqual({ sendUpdates: 'all' });
      expect(patch!.json).toEqual({
        start: { dateTime: '2026-03-17T19:00:00Z', timeZone: 'America/New_York' },
        end: { dateTime: '2026-03-17T19:30:00Z', timeZone: 'America/New_York' },
      });
    });

    it('sends the whole attendee list and the plain-text description', async () => {
      // Prepare
      const { calendar, http, deadline } = setup({ [`PATCH ${EVENT}`]: json(200, {}) });
      // Act
      await calendar.updateEvent(
        'primary',
        'ev1',
        { bodyText: 'a\nb', attendee: { name: 'Jane', email: 'jane@example.com' } },
        deadline(),
      );
      // Assess
      expect(http.requests[0]!.json).toEqual({
        description: 'a\nb',
        attendees: [{ email: 'jane@example.com', displayName: 'Jane' }],
      });
    });

    it.each([
      ['404', 'error-not-found'],
      ['410', 'error-deleted'],
    ])('throws NotFoundError on %s', async (_status, name) => {
      // Prepare
      const { calendar, deadline } = setup({ [`PATCH ${EVENT}`]: googleError(name) });
      // Act
      const updating = calendar.updateEvent('primary', 'ev1', { subject: 'x' }, deadline());
      // Assess
      await expect(updating).rejects.toBeInstanceOf(NotFoundError);
    });
  });

  describe('Method: cancelEvent', () => {
    it('deletes with sendUpdates=all (attendees get the cancellation)', async () => {
      // Prepare
      const { calendar, http, deadline } = setup({ [`DELETE ${EVENT}`]: json(204) });
      // Act
      await calendar.cancelEvent('primary', 'ev1', deadline(), 'The showing is cancelled.');
      // Assess
      expect(http.requests).toHaveLength(1);
      expect(Object.fromEntries(http.requests[0]!.url.searchParams)).toEqual({ sendUpdates: 'all' });
    });

    it.each([
      ['404', 'error-not-found'],
      ['410 (deleted before)', 'error-deleted'],
    ])('counts %s as cancelled', async (_status, name) => {
      // Prepare
      const { calendar, deadline } = setup({ [`DELETE ${EVENT}`]: googleError(name) });
      // Act
      const cancelling = calendar.cancelEvent('primary', 'ev1', deadline());
      // Assess
      await expect(cancelling).resolves.toBeUndefined();
    });

    it('lets a permanent refusal through', async () => {
      // Prepare
      const { calendar, deadline } = setup({ [`DELETE ${EVENT}`]: googleError('error-forbidden-non-organizer') });
      // Act
      const cancelling = calendar.cancelEvent('primary', 'ev1', deadline());
      // Assess
      await expect(cancelling).rejects.toMatchObject({ code: 'forbiddenForNonOrganizer' });
    });
  });

  describe('Method: listCalendars', () => {
    it("reads every page; only the account's own calendars count as its own (not a colleague's)", async () => {
      // Prepare
      const pages = [json(200, fixture('calendar-list-page-1')), json(200, fixture('calendar-list-page-2'))];
      const { calendar, http, deadline } = setup({ [LIST]: pages });
      // Act
      const calendars = await calendar.listCalendars(deadline());
      // Assess
      expect(calendars).toEqual([
        { id: 'pat@example.com', name: 'pat@example.com', isDefault: true, canEdit: true, shared: false },
        {
          id: 'c_0f3e9a@group.calendar.google.com',
          name: 'Showings (Elm St)',
          isDefault: false,
          canEdit: true,
          shared: false,
        },
        {
          id: 'en.usa#holiday@group.v.calendar.google.com',
          name: 'Holidays in United States',
          isDefault: false,
          canEdit: false,
          shared: true,
        },
        { id: 'sam@example.com', name: 'sam@example.com', isDefault: false, canEdit: true, shared: true },
        { id: 'lee@example.com', name: 'lee@example.com', isDefault: false, canEdit: false, shared: true },
        {
          id: 'c_77aa21@group.calendar.google.com',
          name: "Lee's showings",
          isDefault: false,
          canEdit: true,
          shared: true,
        },
      ]);
      expect(http.requests.map((r) => Object.fromEntries(r.url.searchParams))).toEqual([
        { maxResults: '250' },
        { maxResults: '250', pageToken: 'EjYKKzE3' },
      ]);
    });
  });

  describe('Method: getOwnerSchedule', () => {
    it("is the primary calendar's zone, without working hours", async () => {
      // Prepare
      const { calendar, deadline } = setup({
        [`GET ${CAL}/calendars/primary`]: json(200, fixture('calendar-primary')),
      });
      // Act
      const schedule = await calendar.getOwnerSchedule(deadline());
      // Assess
      expect(schedule).toEqual({ timeZone: 'America/New_York' });
    });

    it('leaves out a zone it does not know', async () => {
      // Prepare
      const primary = { ...fixture('calendar-primary'), timeZone: 'Mars/Olympus_Mons' };
      const { calendar, deadline } = setup({ [`GET ${CAL}/calendars/primary`]: json(200, primary) });
      // Act
      const schedule = await calendar.getOwnerSchedule(deadline());
      // Assess
      expect(schedule).toEqual({});
    });
  });

  describe('Method: getAccount', () => {
    it("is the connection's verified account, without a round trip", async () => {
      // Prepare
      const { calendar, http, deadline } = setup();
      // Act
      const account = await calendar.getAccount(deadline());
      // Assess
      expect(account).toEqual({ accountId: '110169484474386276334', email: 'pat@example.com' });
      expect(http.requests).toHaveLength(0);
    });

    it("gives the account's name when the connection has one", async () => {
      // Prepare
      const { client, deadline } = setup();
      const calendar = new GoogleCalendar(client, { accountId: 'sub-1', email: 'pat@example.com', name: 'Pat Lee' });
      // Act
      const account = await calendar.getAccount(deadline());
      // Assess
      expect(account).toEqual({ accountId: 'sub-1', email: 'pat@example.com', name: 'Pat Lee' });
    });

    it('refuses a connection without an account address', async () => {
      // Prepare
      const { client, deadline } = setup();
      const calendar = new GoogleCalendar(client, { accountId: 'sub-1', email: '' });
      // Act
      const reading = calendar.getAccount(deadline());
      // Assess
      await expect(reading).rejects.toBeInstanceOf(ProviderError);
      await expect(reading).rejects.toMatchObject({
        message: 'The Google connection has no account address',
        code: 'InvalidConnection',
      });
    });
  });
});
