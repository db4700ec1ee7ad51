import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createGoogleEmulator, type GoogleEmulator } from '../../../local/sandbox/google';
import { authorizeUrl, CLIENT_ID, CLIENT_SECRET, codeForm, pkce } from './helpers';

const PREFIX = '/_sandbox/google';

/** An app-like server that hands /_sandbox/google/* to the emulator and answers everything else itself. */
async function mount(emulator: GoogleEmulator): Promise<{ server: Server; origin: string; appHits: string[] }> {
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

describe('Google emulator mounted in another server', () => {
  let server: Server | undefined;
  afterEach(async () => {
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('serves its paths under the prefix and declines the app’s own', async () => {
    // Prepare
    const emulator = createGoogleEmulator({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    const mounted = await mount(emulator);
    server = mounted.server;
    const base = `${mounted.origin}${PREFIX}`;

    // Act
    const app = await fetch(`${mounted.origin}/google/callback`);
    const dump = (await (await fetch(`${base}/calendar`)).json()) as { user: { email: string } };
    const page = await fetch(
      authorizeUrl({ code_challenge: pkce().challenge }).replace('https://accounts.google.com', base),
    );
    const certs = await fetch(`${base}/oauth2/v3/certs`);

    // Assess
    expect(await app.text()).toBe('app');
    expect(mounted.appHits).toEqual(['/google/callback']);
    expect(dump.user.email).toBe('demo.manager@example.com');
    expect(await page.text()).toContain('>Allow</button>');
    expect(certs.status).toBe(200);
  });

  it('runs the code flow and a Calendar call through the mount point', async () => {
    // Prepare
    const emulator = createGoogleEmulator({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET });
    const mounted = await mount(emulator);
    server = mounted.server;
    const base = `${mounted.origin}${PREFIX}`;
    const { verifier, challenge } = pkce();
    const code = new URL(await emulator.consent(authorizeUrl({ code_challenge: challenge }))).searchParams.get('code');

    // Act
    const token = await fetch(`${base}/token`, {
      method: 'POST',
      body: new URLSearchParams(codeForm(code ?? '', verifier)),
    });
    const { access_token } = (await token.json()) as { access_token: string };
    const list = await fetch(`${base}/calendar/v3/users/me/calendarList`, {
      headers: { Authorization: `Bearer ${access_token}` },
    });

    // Assess
    expect(token.status).toBe(200);
    // The test scopes hold no calendar-list scope: Google's 403, served through the mount.
    expect(list.status).toBe(403);
  });

  it('writes its discovery endpoints under the mount point, or under the configured base URL', async () => {
    // Prepare
    const derived = await mount(createGoogleEmulator());
    const configured = createGoogleEmulator({ baseUrl: 'http://localhost:3000/_sandbox/google/' });
    const explicit = await mount(configured);
    server = derived.server;

    // Act
    const a = (await (await fetch(`${derived.origin}${PREFIX}/.well-known/openid-configuration`)).json()) as any;
    const b = (await (await fetch(`${explicit.origin}${PREFIX}/.well-known/openid-configuration`)).json()) as any;
    explicit.server.closeAllConnections();
    explicit.server.close();

    // Assess
    expect(a.token_endpoint).toBe(`${derived.origin}${PREFIX}/token`);
    expect(b.authorization_endpoint).toBe('http://localhost:3000/_sandbox/google/o/oauth2/v2/auth');
  });
});
