/** microsoftCalendars over real HTTP to a local stand-in for login and Graph: the secret it refreshes with, metrics. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { microsoftCalendars } from '../../../functions/adapters/microsoft/calendar-module';
import type { ProviderShared } from '../../../functions/domain/ports';
import { connected, deadline } from './connected';

const TOKENS = { token_type: 'Bearer', expires_in: 3599, access_token: 'at-secret-2', refresh_token: 'rt-secret-2' };

/** Answers the token endpoint and the two Graph reads of listCalendars; records the refresh forms. */
async function standIn() {
  const forms: Array<Record<string, string>> = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      const path = new URL(request.url ?? '/', 'http://x').pathname;
      if (path.endsWith('/oauth2/v2.0/token')) forms.push(Object.fromEntries(new URLSearchParams(body)));
      const answer = path.endsWith('/token')
        ? TOKENS
        : path.endsWith('/me')
          ? { id: 'oid-1', mail: 'adele@contoso.com' }
          : { value: [{ id: 'c1', name: 'Calendar', canEdit: true }] };
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { forms, server, base };
}

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function setup(metrics?: ProviderShared['metrics']) {
  const stand = await standIn();
  server = stand.server;
  const { db, cipher, row } = await connected({ expiresIn: 120 });
  const shared: ProviderShared = {
    connections: db.store,
    cipher,
    secrets: { get: vi.fn(async () => 'secret-now') },
    log: { warn: vi.fn(), error: vi.fn() },
    clock: Date.now,
    metrics,
  };
  const config = microsoftCalendars.readConfig({
    MICROSOFT_CLIENT_ID: 'client-1',
    MICROSOFT_CLIENT_SECRET: 'secret-now',
    MICROSOFT_TENANT_ID: 'tid-1',
    MICROSOFT_LOGIN_BASE_URL: `${stand.base}/_login`,
    GRAPH_BASE_URL: `${stand.base}/graph/v1.0`,
  })!;
  const access = await microsoftCalendars.createAccess(config, shared);
  return { forms: stand.forms, calendar: access.open('mgr-1', row) };
}

describe('Module: microsoftCalendars', () => {
  it('refreshes a stale token with the secret the shared source holds, and times each round trip', async () => {
    // Prepare
    const metrics = { duration: vi.fn(), count: vi.fn() };
    const { forms, calendar } = await setup(metrics);
    // Act
    const calendars = await calendar.listCalendars(deadline());
    // Assess
    expect(calendars.map((c) => c.id)).toEqual(['c1']);
    expect(forms.map((form) => [form.grant_type, form.client_secret])).toEqual([['refresh_token', 'secret-now']]);
    const operations = metrics.duration.mock.calls.map(([name, , dimensions]) => [name, dimensions]);
    expect(operations).toEqual(
      expect.arrayContaining([
        ['ProviderRequestDuration', { provider: 'microsoft', operation: 'token' }],
        ['ProviderRequestDuration', { provider: 'microsoft', operation: 'calendars' }],
      ]),
    );
  });

  it('works without metrics', async () => {
    // Prepare
    const { calendar } = await setup();
    // Act
    const calendars = await calendar.listCalendars(deadline());
    // Assess
    expect(calendars.map((c) => c.id)).toEqual(['c1']);
  });
});
