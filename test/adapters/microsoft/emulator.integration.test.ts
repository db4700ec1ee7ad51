/** End to end against the sandbox Microsoft emulator: authorize → consent → redeem → seal → Graph calendar. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CryptoProvider } from '@azure/msal-node';
import { createMicrosoftEmulator, type MicrosoftEmulator } from '../../../local/sandbox/microsoft';
import { MsalAuthorizationClient } from '../../../functions/adapters/microsoft/authorization-client';
import {
  MicrosoftCalendarAccess,
  type ProviderRequestEvent,
} from '../../../functions/adapters/microsoft/calendar-access';
import { CREDENTIALS_PURPOSE as TOKEN_CACHE_PURPOSE } from '../../../functions/contract/credentials';
import { ReconnectRequiredError } from '../../../functions/domain/errors';
import type { ManagerConnection } from '../../../functions/domain/ports';
import { connection, memoryStore, testCipher } from './helpers';

const APP = { clientId: 'client-int', tenantId: 'common', clientSecret: 'int-secret' };
const REDIRECT = 'https://api.example/auth/callback';
const deadline = () => ({ at: Date.now() + 10_000 });

describe('Integration: Microsoft adapters against the emulator', () => {
  let emulator: MicrosoftEmulator;
  let server: { baseUrl: string; close(): Promise<void> };
  let connected: ManagerConnection;
  const cipher = testCipher();
  const db = memoryStore();
  const trips: ProviderRequestEvent[] = [];
  const access = () =>
    new MicrosoftCalendarAccess({
      microsoft: { ...APP, loginBaseUrl: `${server.baseUrl}/login`, graphBaseUrl: `${server.baseUrl}/graph/v1.0` },
      store: db.store,
      cipher,
      onRequest: (event) => trips.push(event),
      sleep: async () => undefined,
    });

  beforeAll(async () => {
    emulator = createMicrosoftEmulator({ clientId: APP.clientId, clientSecret: APP.clientSecret });
    server = await emulator.listen();
  });
  afterAll(async () => server?.close());

  it('connects: authorize URL → consent → redeemCode → sealed cache on the connection', async () => {
    // Prepare
    const auth = new MsalAuthorizationClient({ ...APP, loginBaseUrl: `${server.baseUrl}/login` });
    const { verifier, challenge } = await new CryptoProvider().generatePkceCodes();
    // Act
    const url = await auth.buildAuthorizeUrl({
      state: 'st-1',
      codeChallenge: challenge,
      nonce: 'nonce-1',
      redirectUri: REDIRECT,
    });
    const redirect = new URL(await emulator.consent(url));
    const grant = await auth.redeemCode(
      { code: redirect.searchParams.get('code')!, codeVerifier: verifier, nonce: 'nonce-1', redirectUri: REDIRECT },
      deadline(),
    );
    connected = connection({
      homeAccountId: grant.homeAccountId,
      account: grant.username,
      tokenCache: await cipher.seal(grant.tokenCache, { managerId: 'mgr-1', purpose: TOKEN_CACHE_PURPOSE }),
    });
    await db.store.put(connected);
    // Assess
    expect(url.startsWith(`${server.baseUrl}/login/common/oauth2/v2.0/authorize?`)).toBe(true);
    expect(redirect.searchParams.get('state')).toBe('st-1');
    expect(grant.homeAccountId).toMatch(/^[\w-]+\.[\w-]+$/);
  });

  it('lists calendar entries in one Graph round trip with the cached token', async () => {
    // Prepare
    trips.length = 0;
    const calendar = access().forConnection(connected);
    const now = Date.now();
    // Act
    const entries = await calendar.listEntries({ start: now, end: now + 14 * 86_400_000 }, deadline());
    // Assess
    expect(trips.map((t) => `${t.service} ${t.path}`)).toEqual(['graph /me/calendarView']);
    expect(entries.length).toBeGreaterThan(0);
    for (const entry of entries) expect(entry.end).toBeGreaterThan(entry.start);
    expect(entries.some((e) => e.isAllDay && e.allDay)).toBe(true);
  });

  it('reads the mailbox, creates an event and replays the same transactionId to the same id', async () => {
    // Prepare
    const calendar = access().forConnection(connected);
    const event = {
      subject: 'Showing – 1 Test Rd',
      bodyText: 'Caller <Jane>',
      start: Date.UTC(2026, 3, 1, 17),
      end: Date.UTC(2026, 3, 1, 17, 30),
      timeZone: 'America/Los_Angeles',
      attendee: { name: 'Jane', email: 'jane@example.com' },
      transactionId: 'txn-int-1',
    };
    // Act
    const schedule = await calendar.getOwnerSchedule(deadline());
    const created = await calendar.createEvent(event, deadline());
    const replayed = await calendar.createEvent(event, deadline());
    const conflicting = await calendar.createEvent({ ...event, subject: 'Different' }, deadline());
    const read = await calendar.getEvent(created.id, deadline());
    // Assess
    expect(schedule.timeZone).toBeTruthy();
    expect(replayed.id).toBe(created.id);
    expect(conflicting.id).toBe(created.id);
    expect(read.start).toBe(Date.UTC(2026, 3, 1, 17));
  });

  it('retries a throttled calendarView after Retry-After', async () => {
    // Prepare
    trips.length = 0;
    emulator.faults.add({ route: 'calendarView', code: 'TooManyRequests', retryAfter: '0' });
    const now = Date.now();
    // Act
    await access()
      .forConnection(connected)
      .listEntries({ start: now, end: now + 86_400_000 }, deadline());
    // Assess
    expect(trips.filter((t) => t.service === 'graph').map((t) => t.status)).toEqual([429, 200]);
  });

  it('asks for a reconnect once the grant is revoked and the access token has expired', async () => {
    // Prepare
    trips.length = 0;
    emulator.revokeGrants();
    emulator.advanceClock(2 * 3_600_000);
    const now = Date.now();
    // Act
    const listing = access()
      .forConnection((await db.store.get('mgr-1'))!)
      .listEntries({ start: now, end: now + 86_400_000 }, deadline());
    // Assess
    await expect(listing).rejects.toBeInstanceOf(ReconnectRequiredError);
    // msal still trusts its cached token; Graph's 401 forces one refresh, which the revoked grant refuses.
    expect(trips.map((t) => `${t.service} ${t.status}`)).toEqual(['graph 401', 'login 400']);
  });
});
