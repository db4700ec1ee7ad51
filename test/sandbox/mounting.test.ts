import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createMicrosoftEmulator, demoCalendar, type MicrosoftEmulator } from '../../local/sandbox/microsoft';
import { CLIENT_ID, REDIRECT_URI, SCOPES, authorizeUrl, pkce } from './helpers';

const PREFIX = '/_sandbox';

/** An app-like server that hands /_sandbox/* to the emulator and answers everything else itself. */
async function mount(emulator: MicrosoftEmulator): Promise<{ server: Server; origin: string; appHits: string[] }> {
  const appHits: string[] = [];
  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    const relative = url.startsWith(`${PREFIX}/`) ? url.slice(PREFIX.length) : url;
    void emulator.handle(req, res, relative).then((served) => {
      if (served) return;
      appHits.push(url);
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('app');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, appHits };
}

describe('emulator mounted in another server', () => {
  let server: Server | undefined;

  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('serves its paths under the prefix and declines the app’s own paths', async () => {
    // Prepare
    const emulator = createMicrosoftEmulator({ clientId: CLIENT_ID });
    const mounted = await mount(emulator);
    server = mounted.server;

    // Act
    const app = await fetch(`${mounted.origin}/status`);
    const calendar = await fetch(`${mounted.origin}${PREFIX}/calendar`);

    // Assess
    expect(await app.text()).toBe('app');
    expect(mounted.appHits).toEqual(['/status']);
    expect(((await calendar.json()) as { user: { mail: string } }).user.mail).toBe('demo.manager@contoso.example');
  });

  async function signInAt(emulator: MicrosoftEmulator, base: string): Promise<string> {
    const { verifier, challenge } = pkce();
    const code =
      new URL(await emulator.consent(authorizeUrl({ code_challenge: challenge }))).searchParams.get('code') ?? '';
    const res = await fetch(`${base}/login/common/oauth2/v2.0/token`, {
      method: 'POST',
      body: new URLSearchParams({
        client_id: CLIENT_ID,
        grant_type: 'authorization_code',
        code,
        code_verifier: verifier,
        redirect_uri: REDIRECT_URI,
        scope: SCOPES.join(' '),
      }),
    });
    return ((await res.json()) as { access_token: string }).access_token;
  }

  async function firstPage(base: string, token: string): Promise<{ value: unknown[]; '@odata.nextLink': string }> {
    const res = await fetch(
      `${base}/graph/v1.0/me/calendarView?startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-03-31T00:00:00Z&$top=2`,
      { headers: { Authorization: `Bearer ${token}` } },
    );
    return (await res.json()) as { value: unknown[]; '@odata.nextLink': string };
  }

  it('derives nextLinks from the mount point when no base URL is configured', async () => {
    // Prepare
    const now = Date.parse('2026-03-04T18:00:00Z');
    const emulator = createMicrosoftEmulator({ calendar: demoCalendar(now), clock: () => now });
    const mounted = await mount(emulator);
    server = mounted.server;
    const base = `${mounted.origin}${PREFIX}`;
    const token = await signInAt(emulator, base);

    // Act
    const body = await firstPage(base, token);
    const next = await fetch(body['@odata.nextLink'], { headers: { Authorization: `Bearer ${token}` } });

    // Assess
    expect(body.value).toHaveLength(2);
    expect(body['@odata.nextLink'].startsWith(`${base}/graph/v1.0/me/calendarView?`)).toBe(true);
    expect(next.status).toBe(200);
  });

  it('writes nextLinks under the configured base URL', async () => {
    // Prepare
    const now = Date.parse('2026-03-04T18:00:00Z');
    const emulator = createMicrosoftEmulator({
      calendar: demoCalendar(now),
      clock: () => now,
      baseUrl: 'http://localhost:3000/_sandbox/',
    });
    const mounted = await mount(emulator);
    server = mounted.server;
    const base = `${mounted.origin}${PREFIX}`;
    const token = await signInAt(emulator, base);

    // Act
    const body = await firstPage(base, token);

    // Assess
    expect(body['@odata.nextLink'].startsWith('http://localhost:3000/_sandbox/graph/v1.0/me/calendarView?')).toBe(true);
  });
});
