// Google's calendar side over stored connections: the registry line, its secret, base URL and account name.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { GoogleCalendarAccess } from '../../../functions/adapters/google/calendar-access';
import { googleCalendars } from '../../../functions/adapters/google/calendar-module';
import type { HttpFetch } from '../../../functions/adapters/shared/https-transport';
import type { ProviderShared } from '../../../functions/domain/ports';
import { credentials, fixture, googleFetch, json, MANAGER, memoryStore, sealedConnection, testCipher } from './helpers';

// The module builds its clients without a fetch seam: their default transport answers from the test's fake.
const transport = vi.hoisted(() => ({ fetch: undefined as HttpFetch | undefined }));
vi.mock('../../../functions/adapters/shared/https-transport', async (original) => ({
  ...(await original<typeof import('../../../functions/adapters/shared/https-transport')>()),
  httpFetch: (url: string | URL, init?: object) => transport.fetch!(url, init),
}));

const ROOT = 'http://localhost:3000/_sandbox/google';
const ENV = {
  GOOGLE_CLIENT_ID: 'client-1',
  GOOGLE_CLIENT_SECRET: 'app-secret',
  GOOGLE_OAUTH2_BASE_URL: ROOT,
  GOOGLE_API_BASE_URL: ROOT,
};
const LIST = 'GET /_sandbox/google/calendar/v3/users/me/calendarList';

function shared(cipher = testCipher()) {
  return {
    connections: memoryStore().store,
    cipher,
    secrets: { get: vi.fn(async () => 'app-secret') },
    log: { warn: vi.fn(), error: vi.fn() },
    clock: Date.now,
  } satisfies ProviderShared;
}

afterEach(() => {
  transport.fetch = undefined;
});

describe('Object: googleCalendars', () => {
  it('reads the client secret at cold start when one is configured', async () => {
    // Prepare
    const deps = shared();
    // Act
    const access = await googleCalendars.createAccess(googleCalendars.readConfig(ENV)!, deps);
    // Assess
    expect(access).toBeInstanceOf(GoogleCalendarAccess);
    expect(deps.secrets.get).toHaveBeenCalledWith('googleClientSecret');
  });

  it('reads no secret when none is configured', async () => {
    // Prepare
    const deps = shared();
    // Act
    await googleCalendars.createAccess(googleCalendars.readConfig({ GOOGLE_CLIENT_ID: 'c' })!, deps);
    // Assess
    expect(deps.secrets.get).not.toHaveBeenCalled();
  });

  it('refreshes with the client secret, and gives the account its display name', async () => {
    // Prepare
    const deps = shared();
    const http = googleFetch({
      'POST /_sandbox/google/token': json(200, fixture('token-refresh')),
      [LIST]: json(200, { items: [] }),
    });
    transport.fetch = http.fetch;
    const row = await sealedConnection(deps.cipher, credentials(Date.now() - 1_000), { displayName: 'Pat Lee' });
    const access = await googleCalendars.createAccess(googleCalendars.readConfig(ENV)!, deps);
    const calendar = access.open(MANAGER, row);
    const deadline = { at: Date.now() + 10_000 };
    // Act
    const calendars = await calendar.listCalendars(deadline);
    const account = await calendar.getAccount(deadline);
    // Assess
    expect(calendars).toEqual([]);
    expect(http.to('POST /_sandbox/google/token')[0]!.form.client_secret).toBe('app-secret');
    expect(http.to(LIST)).toHaveLength(1);
    expect(account).toEqual({ accountId: row.accountId, email: row.account, name: 'Pat Lee' });
  });
});

describe('Class: GoogleCalendarAccess', () => {
  it('calls the API under a base URL given with trailing slashes', async () => {
    // Prepare
    const cipher = testCipher();
    const http = googleFetch({ 'GET /calendar/v3/users/me/calendarList': json(200, { items: [] }) });
    const access = new GoogleCalendarAccess({
      google: {
        clientId: 'client-1',
        clientSecret: 'app-secret',
        oauth2BaseUrl: 'https://oauth2.googleapis.com',
        apiBaseUrl: 'https://www.googleapis.com//',
      },
      store: memoryStore().store,
      cipher,
      fetch: http.fetch,
    });
    const row = await sealedConnection(cipher, credentials(Date.now() + 3_600_000));
    // Act
    const calendars = await access.open(MANAGER, row).listCalendars({ at: Date.now() + 10_000 });
    // Assess
    expect(calendars).toEqual([]);
    expect(http.requests[0]!.url.href).toBe(
      'https://www.googleapis.com/calendar/v3/users/me/calendarList?maxResults=250',
    );
  });
});
