/**
 * End to end against the sandbox Microsoft emulator:
 * authorize → consent → redeem → seal → several Graph calendars.
 */
import { fileURLToPath } from 'node:url';
import { CryptoProvider } from '@azure/msal-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MsalAuthorizationClient } from '../../../functions/adapters/microsoft/authorization-client';
import {
  MicrosoftCalendarAccess,
  type ProviderRequestEvent,
} from '../../../functions/adapters/microsoft/calendar-access';
import { CREDENTIALS_PURPOSE } from '../../../functions/contract/credentials';
import { ReconnectRequiredError } from '../../../functions/domain/errors';
import { type CalendarConnection, DEFAULT_CALENDAR_ID } from '../../../functions/domain/ports';
import type { NewCalendarEvent, ProviderCalendar } from '../../../functions/domain/types';
import { createMicrosoftEmulator, loadSandboxCalendar, type MicrosoftEmulator } from '../../../local/sandbox/microsoft';
import { connection, memoryStore, testCipher } from './helpers';

const APP = { clientId: 'client-int', tenantId: 'common', clientSecret: 'int-secret' };
const REDIRECT = 'https://api.example/auth/callback';
const FILE = fileURLToPath(new URL('../../events/sandbox/several-calendars.json', import.meta.url));
const MARCH_4 = { start: Date.UTC(2026, 2, 4), end: Date.UTC(2026, 2, 5, 12) };
const deadline = () => ({ at: Date.now() + 10_000 });
const EVENT: NewCalendarEvent = {
  subject: 'Showing – 1 Test Rd',
  bodyText: 'Caller <Jane>',
  start: Date.UTC(2026, 2, 5, 17),
  end: Date.UTC(2026, 2, 5, 17, 30),
  timeZone: 'America/Los_Angeles',
  attendee: { name: 'Jane', email: 'jane@example.com' },
  bookingKey: 'key-int-1',
};

describe('Integration: Microsoft adapters against the emulator', () => {
  let emulator: MicrosoftEmulator;
  let server: { baseUrl: string; close(): Promise<void> };
  let connected: CalendarConnection;
  let calendars: ProviderCalendar[];
  const cipher = testCipher();
  const db = memoryStore();
  const trips: ProviderRequestEvent[] = [];
  const auth = () => new MsalAuthorizationClient({ ...APP, loginBaseUrl: `${server.baseUrl}/login` });
  const open = async () =>
    new MicrosoftCalendarAccess({
      microsoft: { ...APP, loginBaseUrl: `${server.baseUrl}/login`, graphBaseUrl: `${server.baseUrl}/graph/v1.0` },
      store: db.store,
      cipher,
      onRequest: (event) => trips.push(event),
      sleep: async () => undefined,
    }).open('mgr-1', (await db.store.get('mgr-1'))!.connections[0]!);
  const idOf = (name: string) => calendars.find((c) => c.name === name)!.id;

  /** Authorize (with the expected account as hint) → consent → redeem; the grant. */
  async function signIn(withhold?: string[]) {
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    const url = await auth().buildAuthorizeUrl({
      state: 'st-1',
      codeChallenge: challenge,
      nonce: 'nonce-1',
      redirectUri: REDIRECT,
      loginHint: 'pat@contoso.example',
    });
    const redirect = new URL(await emulator.consent(url, withhold ? { withhold } : {}));
    const code = redirect.searchParams.get('code')!;
    const grant = await auth().redeemCode(
      { code, codeVerifier: verifier, nonce: 'nonce-1', redirectUri: REDIRECT },
      deadline(),
    );
    return { url, redirect, grant };
  }

  beforeAll(async () => {
    emulator = createMicrosoftEmulator({
      clientId: APP.clientId,
      clientSecret: APP.clientSecret,
      calendar: loadSandboxCalendar(FILE),
    });
    server = await emulator.listen();
  });
  afterAll(async () => server?.close());

  it('connects: login_hint on the authorize URL, all scopes granted, connection credentials sealed', async () => {
    // Act
    const { url, redirect, grant } = await signIn();
    connected = connection({
      accountId: grant.account.accountId,
      account: grant.account.email,
      credentials: await cipher.seal(grant.credentials, { managerId: 'mgr-1', purpose: CREDENTIALS_PURPOSE }),
    });
    await db.store.save({ managerId: 'mgr-1', connections: [connected], revision: 0 }, undefined);
    // Assess
    expect(url.startsWith(`${server.baseUrl}/login/common/oauth2/v2.0/authorize?`)).toBe(true);
    expect(new URL(url).searchParams.get('login_hint')).toBe('pat@contoso.example');
    expect(redirect.searchParams.get('state')).toBe('st-1');
    expect(grant.account).toEqual({
      accountId: expect.stringMatching(/^[\w-]+\.[\w-]+$/),
      email: 'pat@contoso.example',
      name: 'Pat Manager',
    });
    expect(auth().missingScopes(grant.grantedScopes)).toEqual([]);
  });

  it('says which scopes are missing when the manager refused one', async () => {
    // Act
    const { grant } = await signIn(['Calendars.ReadWrite']);
    // Assess
    expect(auth().missingScopes(grant.grantedScopes)).toEqual(['Calendars.ReadWrite']);
  });

  it('reads the account, its calendars (shared ones marked) and the owner schedule', async () => {
    // Prepare
    trips.length = 0;
    const calendar = await open();
    // Act
    const [account, listed, schedule] = await Promise.all([
      calendar.getAccount(deadline()),
      calendar.listCalendars(deadline()),
      calendar.getOwnerSchedule(deadline()),
    ]);
    calendars = listed;
    // Assess
    expect(account).toEqual({ accountId: connected.accountId, email: 'pat@contoso.example', name: 'Pat Manager' });
    expect(listed.map((c) => [c.name, c.isDefault, c.canEdit, c.shared])).toEqual([
      ['Calendar', true, true, false],
      ['Showings', false, true, false],
      ['Maintenance crew', false, false, true],
      ['Team leave', false, true, true],
    ]);
    expect(schedule.timeZone).toBe('America/Los_Angeles');
    expect(trips.filter((t) => t.service === 'graph' && t.path === '/me')).toHaveLength(1);
  });

  it("lists each calendar's own entries, the default one under its id and under 'default' alike", async () => {
    // Prepare
    trips.length = 0;
    const calendar = await open();
    // Act
    const byDefault = await calendar.listEntries(DEFAULT_CALENDAR_ID, MARCH_4, deadline());
    const byId = await calendar.listEntries(idOf('Calendar'), MARCH_4, deadline());
    const showings = await calendar.listEntries(idOf('Showings'), MARCH_4, deadline());
    const crew = await calendar.listEntries(idOf('Maintenance crew'), MARCH_4, deadline());
    // Assess
    expect(trips.map((t) => `${t.service} ${t.path}`)[0]).toBe('graph /me/calendar/calendarView');
    expect(byDefault.map((e) => e.id)).toEqual(['default-showing']);
    expect(byId).toEqual(byDefault);
    expect(showings).toEqual([
      expect.objectContaining({ id: 'open-house', availability: 'busy', bookingKey: 'txn-shared-key' }),
    ]);
    expect(crew).toEqual([expect.objectContaining({ id: 'boiler', availability: 'tentative' })]);
  });

  it('creates an event in Showings and replays the same booking key to the same id', async () => {
    // Prepare
    const calendar = await open();
    // Act
    const created = await calendar.createEvent(idOf('Showings'), EVENT, deadline());
    const replayed = await calendar.createEvent(idOf('Showings'), EVENT, deadline());
    const conflicting = await calendar.createEvent(idOf('Showings'), { ...EVENT, subject: 'Different' }, deadline());
    const entries = await calendar.listEntries(idOf('Showings'), { start: EVENT.start, end: EVENT.end }, deadline());
    // Assess
    expect(replayed.id).toBe(created.id);
    expect(conflicting.id).toBe(created.id);
    expect(entries).toEqual([expect.objectContaining({ id: created.id, start: EVENT.start, bookingKey: 'key-int-1' })]);
    const dump = emulator.dump();
    expect(dump.calendars!.find((c) => c.name === 'Showings')!.events.map((e) => e.id)).toContain(created.id);
    expect(dump.events.map((e) => e.id)).not.toContain(created.id);
  });

  it('moves and cancels a booking (the attendee gets the comment), deletes one the manager only attends', async () => {
    // Prepare
    const calendar = await open();
    const showings = idOf('Showings');
    const { id } = await calendar.createEvent(showings, { ...EVENT, bookingKey: 'key-int-2' }, deadline());
    const invited = emulator.addEvent(
      {
        subject: 'Invited',
        start: { dateTime: '2026-03-06T10:00:00', timeZone: 'UTC' },
        end: { dateTime: '2026-03-06T11:00:00', timeZone: 'UTC' },
        isOrganizer: false,
      },
      'Showings',
    );
    // Act
    await calendar.updateEvent(
      showings,
      id,
      { start: EVENT.start + 3_600_000, end: EVENT.end + 3_600_000 },
      deadline(),
    );
    const moved = await calendar.getEvent(showings, id, deadline());
    await calendar.cancelEvent(showings, id, deadline(), 'Cancelled by phone.');
    await calendar.cancelEvent(showings, id, deadline());
    await calendar.cancelEvent(showings, invited, deadline());
    await calendar.cancelEvent(showings, invited, deadline());
    // Assess
    const events = emulator.dump().calendars!.find((c) => c.name === 'Showings')!.events;
    expect(moved).toMatchObject({ id, start: EVENT.start + 3_600_000, end: EVENT.end + 3_600_000 });
    expect(await calendar.getEvent(showings, id, deadline())).toBeUndefined();
    expect(events.find((e) => e.id === id || e.id === invited)).toBeUndefined();
    expect(emulator.notices.filter((n) => n.eventId === id)).toEqual([
      expect.objectContaining({ kind: 'update', to: ['jane@example.com'] }),
      expect.objectContaining({ kind: 'cancellation', to: ['jane@example.com'], comment: 'Cancelled by phone.' }),
    ]);
  });

  it('books an online showing with a Teams link that survives a move (the PATCH sends no body)', async () => {
    // Prepare
    const calendar = await open();
    const showings = idOf('Showings');
    // Act
    const created = await calendar.createEvent(
      showings,
      { ...EVENT, bookingKey: 'key-int-3', online: true },
      deadline(),
    );
    const replayed = await calendar.createEvent(
      showings,
      { ...EVENT, bookingKey: 'key-int-3', online: true },
      deadline(),
    );
    await calendar.updateEvent(
      showings,
      created.id,
      { start: EVENT.start + 7_200_000, end: EVENT.end + 7_200_000 },
      deadline(),
    );
    // Assess
    const stored = emulator
      .dump()
      .calendars!.find((c) => c.name === 'Showings')!
      .events.find((e) => e.id === created.id);
    expect(created.joinUrl).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    expect(replayed).toEqual(created);
    expect(stored).toMatchObject({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' });
    expect(stored?.start.dateTime).toBe('2026-03-05T19:00:00');
  });

  it('retries a throttled calendarView after Retry-After', async () => {
    // Prepare
    trips.length = 0;
    emulator.faults.add({ route: 'calendarView', code: 'TooManyRequests', retryAfter: '0' });
    // Act
    await (await open()).listEntries(idOf('Showings'), MARCH_4, deadline());
    // Assess
    expect(trips.filter((t) => t.service === 'graph').map((t) => t.status)).toEqual([429, 200]);
  });

  it('asks for a reconnect when Graph denies the mailbox (403 ErrorAccessDenied)', async () => {
    // Prepare
    emulator.faults.add({ route: 'calendars', code: 'ErrorAccessDenied' });
    // Act
    const listing = (await open()).listCalendars(deadline());
    // Assess
    await expect(listing).rejects.toBeInstanceOf(ReconnectRequiredError);
  });

  it('asks for a reconnect once the grant is revoked and the access token has expired', async () => {
    // Prepare
    trips.length = 0;
    emulator.revokeGrants();
    emulator.advanceClock(2 * 3_600_000);
    // Act
    const listing = (await open()).listEntries(DEFAULT_CALENDAR_ID, MARCH_4, deadline());
    // Assess
    await expect(listing).rejects.toBeInstanceOf(ReconnectRequiredError);
    // msal still trusts its cached token; Graph's 401 forces one refresh, which the revoked grant refuses.
    expect(trips.map((t) => `${t.service} ${t.status}`)).toEqual(['graph 401', 'login 400']);
  });
});
