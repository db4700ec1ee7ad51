import { describe, expect, it } from 'vitest';
import { ReconnectRequiredError } from '../../../functions/domain/errors';
import { calendarHarness as setup, fixture, json } from './helpers';

describe('Class: GraphCalendar', () => {
  describe('Method: getOwnerSchedule', () => {
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
  });

  describe('Method: getAccount', () => {
    it("keeps the connection's account id and falls back to the sign-in name if the mailbox has no mail", async () => {
      // Prepare
      const { calendar, http, deadline } = setup(json(200, fixture('me')));
      // Act
      const account = await calendar.getAccount(deadline);
      // Assess
      expect(http.requests[0]!.url.searchParams.get('$select')).toBe('id,displayName,mail,userPrincipalName');
      expect(account).toEqual({ accountId: 'oid-1.tid-1', email: 'AdeleV@contoso.com', name: 'Adele Vance' });
    });

    it('prefers the SMTP address and leaves out a missing name', async () => {
      // Prepare
      const { calendar, deadline } = setup(json(200, { id: 'x', mail: 'adele@contoso.com', userPrincipalName: 'a@b' }));
      // Act
      const account = await calendar.getAccount(deadline);
      // Assess
      expect(account).toEqual({ accountId: 'oid-1.tid-1', email: 'adele@contoso.com' });
    });

    it('refuses a profile without any address', async () => {
      // Prepare
      const { calendar, deadline } = setup(json(200, { id: 'x', mail: null, userPrincipalName: null }));
      // Act
      const reading = calendar.getAccount(deadline);
      // Assess
      await expect(reading).rejects.toMatchObject({
        name: 'ProviderError',
        message: 'Microsoft Graph returned a profile without an address',
        code: 'InvalidProfile',
      });
    });

    it('trims the sign-in name it falls back to', async () => {
      // Prepare
      const { calendar, deadline } = setup(
        json(200, { id: 'x', mail: ' ', userPrincipalName: ' AdeleV@contoso.com ' }),
      );
      // Act
      const account = await calendar.getAccount(deadline);
      // Assess
      expect(account.email).toBe('AdeleV@contoso.com');
    });

    it('passes on a failed profile read and asks again on the next call', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(json(403, fixture('access-denied')), json(200, fixture('me')));
      // Act
      const failed = await calendar.getAccount(deadline).catch((e: unknown) => e);
      const account = await calendar.getAccount(deadline);
      // Assess
      expect(failed).toBeInstanceOf(ReconnectRequiredError);
      expect(account.email).toBe('AdeleV@contoso.com');
      expect(http.requests).toHaveLength(2);
    });
  });

  describe('Method: listCalendars', () => {
    it('pages through /me/calendars; shared = owned by another address, case-insensitively', async () => {
      // Prepare
      const { calendar, http, deadline } = setup((request) =>
        request.url.pathname === '/v1.0/me'
          ? json(200, fixture('me'))
          : json(200, fixture(request.url.searchParams.has('$skip') ? 'calendars-page-2' : 'calendars-page-1')),
      );
      // Act
      const calendars = await calendar.listCalendars(deadline);
      // Assess
      const paths = http.requests.map((r) => r.url.pathname).sort();
      expect(paths).toEqual(['/v1.0/me', '/v1.0/me/calendars', '/v1.0/me/calendars']);
      expect(http.requests.find((r) => r.url.pathname === '/v1.0/me/calendars')!.url.searchParams.get('$select')).toBe(
        'id,name,isDefaultCalendar,canEdit,owner',
      );
      expect(calendars).toEqual([
        { id: 'AAMkCal-default=', name: 'Calendar', isDefault: true, canEdit: true, shared: false },
        { id: 'AAMkCal-showings=', name: 'Showings', isDefault: false, canEdit: true, shared: false },
        { id: 'AAMkCal-team=', name: 'Team leave', isDefault: false, canEdit: false, shared: true },
        { id: 'AAMkCal-holidays=', name: 'United States holidays', isDefault: false, canEdit: false, shared: false },
      ]);
    });

    it('reads the profile once for the account and the calendars together', async () => {
      // Prepare
      const { calendar, http, deadline } = setup((request) =>
        json(200, request.url.pathname === '/v1.0/me' ? fixture('me') : fixture('calendars-page-2')),
      );
      // Act
      await Promise.all([calendar.getAccount(deadline), calendar.listCalendars(deadline)]);
      // Assess
      expect(http.requests.filter((r) => r.url.pathname === '/v1.0/me')).toHaveLength(1);
    });

    it("counts an owner address equal to the connected address as the account's own", async () => {
      // Prepare
      const item = { id: 'c1', name: 'Mine', canEdit: true, owner: { address: 'ADELE@contoso.com' } };
      const { calendar, deadline } = setup((request) =>
        json(200, request.url.pathname === '/v1.0/me' ? fixture('me') : { value: [item] }),
      );
      // Act
      const [listed] = await calendar.listCalendars(deadline);
      // Assess
      expect(listed).toMatchObject({ id: 'c1', shared: false, isDefault: false });
    });

    it("names a calendar without a name 'Calendar', and refuses one without an id", async () => {
      // Prepare
      const calendars = (value: unknown[]) =>
        setup((request) => json(200, request.url.pathname === '/v1.0/me' ? fixture('me') : { value }));
      const unnamed = calendars([{ id: 'c1', name: ' ', canEdit: true }]);
      const anonymous = calendars([{ name: 'Mine' }]);
      // Act
      const [listed] = await unnamed.calendar.listCalendars(unnamed.deadline);
      const listing = anonymous.calendar.listCalendars(anonymous.deadline);
      // Assess
      expect(listed).toMatchObject({ id: 'c1', name: 'Calendar' });
      await expect(listing).rejects.toMatchObject({
        name: 'ProviderError',
        message: 'Microsoft Graph returned a calendar without an id',
        code: 'InvalidCalendar',
      });
    });

    it('asks for a reconnect when the mailbox is denied (403 ErrorAccessDenied)', async () => {
      // Prepare
      const { calendar, deadline } = setup(json(403, fixture('access-denied')));
      // Act
      const listing = calendar.listCalendars(deadline);
      // Assess
      await expect(listing).rejects.toBeInstanceOf(ReconnectRequiredError);
    });
  });
});
