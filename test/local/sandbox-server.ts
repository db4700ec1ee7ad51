/** A local server with only the sandboxes mounted (no DynamoDB, no handlers), and sign-in helpers for both. */
import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createSandboxes, type Sandboxes } from '../../local/sandboxes';
import { createLocalServer } from '../../local/server';

export interface SandboxServer {
  base: string;
  sandboxes: Sandboxes;
  close(): Promise<void>;
}

/** Starts the server as `npm start` mounts the sandboxes, with `given` as the environment. */
export async function startSandboxServer(
  given: Record<string, string> = {},
  random?: () => number,
): Promise<SandboxServer> {
  let sandboxes: Sandboxes | undefined;
  const server = createLocalServer({
    routes: [],
    isReady: () => true,
    sandbox: (req, res, path) => (sandboxes ? sandboxes.handle(req, res, path) : Promise.resolve(false)),
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const base = `http://localhost:${port}`;
  sandboxes = createSandboxes({ given, port, baseUrl: base, loginHost: 'localhost', random });
  const close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { base, sandboxes, close };
}

/** A repeatable dice: the given rolls, in order, over and over. */
export function rolls(...values: number[]): () => number {
  let next = 0;
  return () => values[next++ % values.length]!;
}

/** Sends JSON (or nothing) to a path of the server; returns status, headers and the parsed body. */
export async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: any }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

function pkce() {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** Signs in to the Microsoft sandbox as the app does; returns a Graph access token. */
export async function microsoftToken(run: SandboxServer): Promise<string> {
  const { verifier, challenge } = pkce();
  const redirectUri = `${run.base}/calendar/auth/callback`;
  const scope = 'Calendars.ReadWrite MailboxSettings.Read User.Read openid profile offline_access';
  const query = new URLSearchParams({
    client_id: 'sandbox-client-id',
    redirect_uri: redirectUri,
    response_type: 'code',
    scope,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const url = `https://login.microsoftonline.com/common/oauth2/v2.0/authorize?${query}`;
  const code = new URL(await run.sandboxes.microsoft!.consent(url)).searchParams.get('code') ?? '';
  const form = { client_id: 'sandbox-client-id', client_secret: 'sandbox-client-secret', code, scope };
  const res = await fetch(`${run.base}/_sandbox/login/common/oauth2/v2.0/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      ...form,
      grant_type: 'authorization_code',
      code_verifier: verifier,
      redirect_uri: redirectUri,
    }),
  });
  return String(((await res.json()) as { access_token: string }).access_token);
}

/** Signs in to the Google sandbox as the app does; returns a Calendar access token. */
export async function googleToken(run: SandboxServer): Promise<string> {
  const { verifier, challenge } = pkce();
  const clientId = 'sandbox-google-client-id.apps.googleusercontent.com';
  const redirectUri = `${run.base}/calendar/auth/callback`;
  const query = new URLSearchParams({
    client_id: clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid email https://www.googleapis.com/auth/calendar.events',
    access_type: 'offline',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    state: 'st',
  });
  const url = `https://accounts.google.com/o/oauth2/v2/auth?${query}`;
  const code = new URL(await run.sandboxes.google!.consent(url)).searchParams.get('code') ?? '';
  const res = await fetch(`${run.base}/_sandbox/google/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: redirectUri,
      client_id: clientId,
      client_secret: 'sandbox-google-client-secret',
    }),
  });
  return String(((await res.json()) as { access_token: string }).access_token);
}
