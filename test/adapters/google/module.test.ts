import { afterEach, describe, expect, it, vi } from 'vitest';
import { GoogleCalendarAccess, type GoogleRequestEvent } from '../../../functions/adapters/google/calendar-access';
import { serializeCredentials } from '../../../functions/adapters/google/credentials';
import { googleModule } from '../../../functions/adapters/google/module';
import { GoogleTokenEndpoint } from '../../../functions/adapters/google/token-endpoint';
import { ProviderUnavailableError, ReconnectRequiredError } from '../../../functions/domain/errors';
import type { ProviderShared } from '../../../functions/domain/ports';
import {
  CAL,
  credentials,
  fixture,
  googleError,
  googleClaims,
  googleFetch,
  idTokenSigner,
  json,
  MANAGER,
  manualClock,
  memoryStore,
  sealedConnection,
  testCipher,
} from './helpers';
import { MemoryMetrics } from '../../fakes/metrics';
import type { HttpFetch } from '../../../functions/adapters/shared/https-transport';

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
  GOOGLE_ACCOUNTS_BASE_URL: ROOT,
  GOOGLE_OAUTH2_BASE_URL: ROOT,
  GOOGLE_API_BASE_URL: ROOT,
};

function shared(): ProviderShared & { secrets: { get: ReturnType<typeof vi.fn> } } {
  return {
    connections: memoryStore().store,
    cipher: testCipher(),
    secrets: { get: vi.fn(async () => 'app-secret') },
    log: { warn: vi.fn(), error: vi.fn() },
    clock: Date.now,
  };
}

afterEach(() => {
  transport.fetch = undefined;
});

describe('Object: googleModule', () => {
  it('offers Google Calendar: sign-in origin, no working hours; reads its secret at cold start if given', async () => {
    // Prepare
    const deps = shared();
    const config = googleModule.readConfig(ENV)!;
    // Act
    const { plugin, access } = await googleModule.create(config, deps);
    // Assess
    expect(googleModule.id).toBe('google');
    expect(deps.secrets.get).toHaveBeenCalledWith('googleClientSecret');
    expect(plugin).toMatchObject({
      id: 'google',
      label: 'Google Calendar',
      authorizeOrigin: 'http://localhost:3000',
      readsWorkingHours: false,
    });
    expect(typeof plugin.revoke).toBe('function');
    expect(access).toBeInstanceOf(GoogleCalendarAccess);
  });

  it('never reads a secret in a function given the client id alone (sign-in page and revoke only)', async () => {
    // Prepare
    const deps = shared();
    // Act
    await googleModule.create(googleModule.readConfig({ GOOGLE_CLIENT_ID: 'c' })!, deps);
    // Assess
    expect(deps.secrets.get).not.toHaveBeenCalled();
  });

  it("uses accounts.google.com's origin by default", async () => {
    // Act
    const { plugin } = await googleModule.create(
      googleModule.readConfig({ GOOGLE_CLIENT_ID: 'c', GOOGLE_CLIENT_SECRET: 's' })!,
      shared(),
    );
    // Assess
    expect(plugin.authorizeOrigin).toBe('https://accounts.google.com');
  });

  it('revokes the refresh token form-encoded; an already dead token counts as revoked', async () => {
    // Prepare
    const http = googleFetch({
      'POST /_sandbox/google/revoke': [json(200, {}), json(400, fixture('revoke-invalid-token'))],
    });
    transport.fetch = http.fetch;
    const { plugin } = await googleModule.create(googleModule.readConfig(ENV)!, shared());
    const plaintext = serializeCredentials(credentials(Date.now()));
    // Act
    await plugin.revoke!(plaintext, { at: Date.now() + 5_000 });
    await plugin.revoke!(plaintext, { at: Date.now() + 5_000 });
    // Assess
    expect(http.requests.map((r) => r.form)).toEqual([{ token: '1//rt-secret-1' }, { token: '1//rt-secret-1' }]);
    expect(http.requests[0]!.url.search).toBe('');
  });
});

describe('Object: googleModule (sign-in)', () => {
  it('redeems a code with the client id, the secret from the SecretSource and the shared clock', async () => {
    // Prepare
    const now = Date.UTC(2026, 2, 15, 12);
    const signer = idTokenSigner('kid-module');
    const idToken = signer.sign(googleClaims(now, { aud: 'client-1', azp: 'client-1' }));
    const http = googleFetch({
      'POST /_sandbox/google/token': json(200, { ...fixture('token-code'), id_token: idToken }),
      'GET /_sandbox/google/oauth2/v3/certs': signer.jwks(),
    });
    transport.fetch = http.fetch;
    const deps = { ...shared(), clock: () => now };
    const { plugin } = await googleModule.create(googleModule.readConfig(ENV)!, deps);
    const redeem = { code: '4/0Ab-code', codeVerifier: 'v'.repeat(43), nonce: 'nonce-1', redirectUri: 'https://a/cb' };
    // Act
    const grant = await plugin.authorization.redeemCode(redeem, { at: now + 5_000 });
    // Assess
    expect(grant.account.email).toBe('pat@example.com');
    expect(http.to('POST /_sandbox/google/token')[0]!.form).toMatchObject({
      client_id: 'client-1',
      client_secret: 'app-secret',
    });
  });
});

describe('Object: googleModule (metrics)', () => {
  it('times its round trips by operation and counts a rate-limit 403 as a throttle, given metrics', async () => {
    // Prepare
    const cipher = testCipher();
    const row = await sealedConnection(cipher, credentials(Date.now() - 1_000));
    const metrics = new MemoryMetrics();
    const list = `GET /_sandbox/google${CAL}/users/me/calendarList`;
    const http = googleFetch({
      'POST /_sandbox/google/token': json(200, fixture('token-refresh')),
      [list]: [googleError('error-rate-limit', { 'retry-after': '0' }), json(200, fixture('calendar-list-page-2'))],
    });
    transport.fetch = http.fetch;
    const deps = { ...shared(), connections: memoryStore([{ managerId: MANAGER, connection: row }]).store, metrics };
    const { access } = await googleModule.create(googleModule.readConfig(ENV)!, deps);
    // Act
    await access.open(MANAGER, row).listCalendars({ at: Date.now() + 10_000 });
    // Assess
    const timed = metrics.named('ProviderRequestDuration').map((f) => f.dimensions.operation);
    expect(timed).toEqual(['token', 'calendarList', 'calendarList']);
    expect(metrics.named('ProviderThrottle')).toEqual([
      { name: 'ProviderThrottle', value: 1, dimensions: { provider: 'google', operation: 'calendarList' } },
    ]);
  });
});

describe('Class: GoogleTokenEndpoint', () => {
  describe('Method: revoke', () => {
    it.each([
      ['a 500 after retries', json(500, {})],
      ['a 401', json(401, fixture('token-invalid-client'))],
    ])('is unavailable on %s', async (_what, reply) => {
      // Prepare
      const time = manualClock();
      const http = googleFetch({ 'POST /revoke': reply });
      const endpoint = new GoogleTokenEndpoint({
        clientId: 'c',
        clientSecret: 's',
        oauth2BaseUrl: 'https://oauth2.googleapis.com',
        fetch: http.fetch,
        clock: time.clock,
        sleep: time.sleep,
      });
      // Act
      const revoking = endpoint.revoke('1//rt', { at: time.state.now + 10_000 });
      // Assess
      await expect(revoking).rejects.toBeInstanceOf(ProviderUnavailableError);
    });
  });
});

describe('Class: GoogleCalendarAccess', () => {
  /** Access over routed endpoints for a connection whose token expired; every round trip recorded. */
  async function setup() {
    const time = manualClock();
    const cipher = testCipher();
    const row = await sealedConnection(cipher, credentials(time.state.now - 1_000));
    const db = memoryStore([{ managerId: MANAGER, connection: row }]);
    const http = googleFetch({
      'POST /token': json(200, fixture('token-refresh')),
      [`GET ${CAL}/users/me/calendarList`]: json(200, fixture('calendar-list-page-2')),
    });
    const events: GoogleRequestEvent[] = [];
    const access = new GoogleCalendarAccess({
      google: {
        clientId: 'client-1',
        clientSecret: 'app-secret',
        oauth2BaseUrl: 'https://oauth2.googleapis.com',
        apiBaseUrl: 'https://www.googleapis.com',
      },
      store: db.store,
      cipher,
      fetch: http.fetch,
      clock: time.clock,
      sleep: time.sleep,
      random: () => 1,
      onRequest: (event) => events.push(event),
    });
    const deadline = () => ({ at: time.state.now + 10_000 });
    return { access, row, db, http, events, deadline };
  }

  it('refreshes once, writes back, and reports both services', async () => {
    // Prepare
    const { access, row, db, http, events, deadline } = await setup();
    const provider = access.open(MANAGER, row);
    // Act
    await provider.listCalendars(deadline());
    await provider.listCalendars(deadline());
    // Assess
    expect(http.to('POST /token')).toHaveLength(1);
    expect(http.to(`GET ${CAL}/users/me/calendarList`)[1]!.headers.get('authorization')).toBe(
      'Bearer ya29.at-secret-2',
    );
    expect(db.updates).toHaveLength(1);
    expect(events.map((e) => `${e.service} ${e.method} ${e.path} ${e.status}`)).toEqual([
      'google-token POST /token 200',
      'google-calendar GET /users/me/calendarList 200',
      'google-calendar GET /users/me/calendarList 200',
    ]);
  });

  it('asks the manager to reconnect when the grant is gone', async () => {
    // Prepare
    const { access, row, http, deadline } = await setup();
    http.on('POST /token', json(400, fixture('token-invalid-grant')));
    // Act
    const listing = access.open(MANAGER, row).listCalendars(deadline());
    // Assess
    await expect(listing).rejects.toBeInstanceOf(ReconnectRequiredError);
    expect(http.to(`GET ${CAL}/users/me/calendarList`)).toHaveLength(0);
  });

  it('refreshes after a 401 on a token it thought fresh, then succeeds', async () => {
    // Prepare
    const { access, row, http, deadline } = await setup();
    http.on(`GET ${CAL}/users/me/calendarList`, googleError('error-auth'), json(200, { items: [] }));
    const provider = access.open(MANAGER, row);
    await provider.getAccount(deadline());
    // Act
    const calendars = await provider.listCalendars(deadline());
    // Assess
    expect(calendars).toEqual([]);
    expect(http.to('POST /token')).toHaveLength(2);
  });
});
