/** Shared helpers for the Google emulator tests: a running emulator, PKCE, a sign-in, Calendar calls, fixtures. */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  createGoogleEmulator,
  type GoogleEmulator,
  type GoogleEmulatorOptions,
  type GoogleSandboxFile,
  parseGoogleSandboxFile,
} from '../../../local/sandbox/google';

export const CLIENT_ID = '1234567890-sandbox.apps.googleusercontent.com';
export const CLIENT_SECRET = 'GOCSPX-sandbox-secret';
export const REDIRECT_URI = 'http://localhost:3000/google/callback';
export const EVENTS_SCOPE = 'https://www.googleapis.com/auth/calendar.events';
export const FREEBUSY_SCOPE = 'https://www.googleapis.com/auth/calendar.freebusy';
export const SCOPES = ['openid', 'email', EVENTS_SCOPE, FREEBUSY_SCOPE];
export const FIXTURES = join(import.meta.dirname, '../../events/sandbox/google');

export interface Running {
  emulator: GoogleEmulator;
  baseUrl: string;
  close(): Promise<void>;
}

/** An emulator listening on a random port, with the test client registered. */
export async function startEmulator(opts: GoogleEmulatorOptions = {}): Promise<Running> {
  const emulator = createGoogleEmulator({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...opts });
  const { baseUrl, close } = await emulator.listen(0);
  return { emulator, baseUrl, close };
}

/** A fixture file, validated. */
export function fixture(name: string): GoogleSandboxFile {
  return parseGoogleSandboxFile(readFileSync(join(FIXTURES, name), 'utf8'), name);
}

/** A PKCE verifier and its S256 challenge. */
export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** An authorize URL as an app would build it (Google's real host; the emulator reads only path and query). */
export function authorizeUrl(params: Record<string, string>): string {
  const query = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: SCOPES.join(' '),
    access_type: 'offline',
    code_challenge_method: 'S256',
    state: 'st-1',
    ...params,
  });
  return `https://accounts.google.com/o/oauth2/v2/auth?${query}`;
}

/** POSTs a form to /token and returns status and JSON body. */
export async function postToken(
  baseUrl: string,
  form: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${baseUrl}/token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8', ...headers },
    body: new URLSearchParams(form),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Consents (Allow) and returns the code and its verifier. */
export async function codeFor(
  run: Running,
  extra: Record<string, string> = {},
  withhold: string[] = [],
): Promise<{ code: string; verifier: string; redirect: URL }> {
  const { verifier, challenge } = pkce();
  const redirect = new URL(
    await run.emulator.consent(authorizeUrl({ code_challenge: challenge, ...extra }), { withhold }),
  );
  return { code: redirect.searchParams.get('code') ?? '', verifier, redirect };
}

/** The form that redeems a code. */
export function codeForm(code: string, verifier: string): Record<string, string> {
  return {
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    redirect_uri: REDIRECT_URI,
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
  };
}

/** Consents and redeems a code; returns the token response body. */
export async function signIn(run: Running, extra: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const { code, verifier } = await codeFor(run, { prompt: 'consent', ...extra });
  const { status, body } = await postToken(run.baseUrl, codeForm(code, verifier));
  if (status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
  return body;
}

/** An access token for the emulator (signs in with the given scopes). */
export async function accessToken(run: Running, scopes: string[] = SCOPES): Promise<string> {
  return String((await signIn(run, { scope: scopes.join(' ') })).access_token);
}

/** Calls Calendar v3 on the emulator (path below /calendar/v3, or absolute). */
export async function calendarApi(
  run: Running,
  token: string,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const url = path.startsWith('http') ? path : `${run.baseUrl}/calendar/v3${path}`;
  return fetch(url, {
    method: init.method ?? 'GET',
    headers: {
      Authorization: `Bearer ${token}`,
      ...(init.body !== undefined ? { 'Content-Type': 'application/json' } : {}),
      ...init.headers,
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

/** Calls Calendar v3 and parses the JSON body. */
export async function calendarJson<T = any>(
  run: Running,
  token: string,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: T }> {
  const res = await calendarApi(run, token, path, init);
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
}

/** The Google error envelope's first reason. */
export function reasonOf(body: any): string | undefined {
  return body?.error?.errors?.[0]?.reason;
}
