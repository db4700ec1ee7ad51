/**
 * Test doubles for the Google adapters: a fake fetch routed by method and path, Google JSON fixtures, an RS256
 * id_token signer with its JWKS, and a connection with sealed credentials. Store, cipher and clock are Microsoft's.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { vi } from 'vitest';
import { CalendarClient } from '../../../functions/adapters/google/calendar-client';
import { serializeCredentials, type GoogleCredentials } from '../../../functions/adapters/google/credentials';
import { GoogleCalendar } from '../../../functions/adapters/google/google-calendar';
import type { RoundTrip } from '../../../functions/adapters/shared/http-retry';
import type { AccessTokenSource } from '../../../functions/adapters/google/token-source';
import { CREDENTIALS_PURPOSE } from '../../../functions/contract/credentials';
import type { CalendarConnection } from '../../../functions/domain/ports';
import { json, manualClock, type testCipher } from '../microsoft/helpers';

export { json, manualClock, memoryStore, testCipher } from '../microsoft/helpers';

const EVENTS = fileURLToPath(new URL('../../events/google/', import.meta.url));

/** A Google JSON fixture from test/events/google (a fresh copy each time). */
export function fixture<T extends object = Record<string, any>>(name: string): T {
  return JSON.parse(readFileSync(`${EVENTS}${name}.json`, 'utf8')) as T;
}

/** A Google error envelope response from a fixture (error-*.json), with its status. */
export function googleError(name: string, headers: Record<string, string> = {}): Response {
  const body = fixture<{ error: { code: number } }>(name);
  return json(body.error.code, body, headers);
}

export interface SeenRequest {
  method: string;
  url: URL;
  /** "METHOD /path" (no host, no query). */
  key: string;
  headers: Headers;
  body?: string;
  /** The form fields of a form-encoded body. */
  form: Record<string, string>;
  /** The parsed JSON body, when it is JSON. */
  json?: any;
}

type Reply = Response | Error | ((request: SeenRequest) => Response | Promise<Response>);

/**
 * fetch routed by "METHOD /path": each route answers from its script (one reply per call, the last one repeats);
 * an unknown route answers 404 notFound. Every request is recorded.
 */
export function googleFetch(routes: Record<string, Reply | Reply[]> = {}) {
  const table = new Map<string, Reply[]>(
    Object.entries(routes).map(([key, reply]) => [key, Array.isArray(reply) ? reply : [reply]]),
  );
  const requests: SeenRequest[] = [];
  // Replies used per route since its script was set.
  const used = new Map<string, number>();
  const fakeFetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    const body = typeof init?.body === 'string' ? init.body : undefined;
    const headers = new Headers(init?.headers);
    const isJson = headers.get('content-type')?.includes('json') && body !== undefined;
    const request: SeenRequest = {
      method,
      url,
      key: `${method} ${url.pathname}`,
      headers,
      body,
      form: headers.get('content-type')?.includes('x-www-form-urlencoded')
        ? Object.fromEntries(new URLSearchParams(body ?? ''))
        : {},
      json: isJson ? JSON.parse(body!) : undefined,
    };
    const seen = used.get(request.key) ?? 0;
    used.set(request.key, seen + 1);
    requests.push(request);
    const script = table.get(request.key);
    if (!script) return googleError('error-not-found');
    const reply = script[Math.min(seen, script.length - 1)]!;
    if (reply instanceof Error) throw reply;
    if (typeof reply === 'function') return reply(request);
    return reply.clone();
  }) as typeof globalThis.fetch;
  /** Sets (or replaces) one route's script. */
  const on = (key: string, ...replies: Reply[]) => {
    table.set(key, replies);
    used.delete(key);
  };
  const to = (key: string) => requests.filter((r) => r.key === key);
  return { fetch: fakeFetch, requests, on, to };
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

/** An RSA key pair with a kid: signs id_tokens and publishes its JWKS as Google's /oauth2/v3/certs does. */
export function idTokenSigner(kid = 'kid-1') {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...publicKey.export({ format: 'jwk' }), kid, alg: 'RS256', use: 'sig' };
  const signToken = (claims: Record<string, unknown>, header: Record<string, unknown> = { alg: 'RS256', kid }) => {
    const signed = `${b64url({ typ: 'JWT', ...header })}.${b64url(claims)}`;
    return `${signed}.${sign('RSA-SHA256', Buffer.from(signed), privateKey).toString('base64url')}`;
  };
  const jwks = (...extra: unknown[]) =>
    json(200, { keys: [jwk, ...extra] }, { 'cache-control': 'public, max-age=21600, must-revalidate' });
  return { kid, jwk, sign: signToken, jwks };
}

/** The claims Google puts in an id_token for `openid email` (exp an hour after `nowMs`). */
export function googleClaims(nowMs: number, overrides: Record<string, unknown> = {}) {
  const now = Math.floor(nowMs / 1000);
  return {
    iss: 'https://accounts.google.com',
    azp: 'client-1.apps.googleusercontent.com',
    aud: 'client-1.apps.googleusercontent.com',
    sub: '110169484474386276334',
    email: 'pat@example.com',
    email_verified: true,
    at_hash: 'HK6E_P6Dh8Y93mRNtsDB1Q',
    nonce: 'nonce-1',
    iat: now,
    exp: now + 3600,
    ...overrides,
  };
}

export const MANAGER = 'mgr-1';

/** Stored credentials (access token valid until `expiresAt`). */
export function credentials(expiresAt: number, overrides: Partial<GoogleCredentials> = {}): GoogleCredentials {
  return {
    refreshToken: '1//rt-secret-1',
    accessToken: 'ya29.at-secret-1',
    accessTokenExpiresAt: expiresAt,
    scope: 'openid https://www.googleapis.com/auth/calendar.events https://www.googleapis.com/auth/calendar.readonly',
    ...overrides,
  };
}

/** A Google connection of mgr-1 with those credentials sealed by `cipher`. */
export async function sealedConnection(
  cipher: ReturnType<typeof testCipher>,
  stored: GoogleCredentials,
  overrides: Partial<CalendarConnection> = {},
): Promise<CalendarConnection> {
  return {
    connectionId: 'google-1',
    provider: 'google',
    accountId: '110169484474386276334',
    account: 'pat@example.com',
    calendars: [{ id: 'pat@example.com', name: 'pat@example.com', role: 'book', canEdit: true }],
    needsReconnect: false,
    connectedAt: '2026-03-01T00:00:00Z',
    version: 1,
    credentials: await cipher.seal(serializeCredentials(stored), { managerId: MANAGER, purpose: CREDENTIALS_PURPOSE }),
    ...overrides,
  };
}

/** An access-token source that hands out numbered tokens and records forced refreshes. */
export function fakeTokens(prefix = 'ya29.at-secret') {
  const calls: boolean[] = [];
  const tokens: AccessTokenSource = {
    getAccessToken: async (_deadline, forceRefresh = false) => {
      calls.push(forceRefresh);
      return `${prefix}-${calls.length}`;
    },
  };
  return { tokens, calls };
}

export const API = 'https://www.googleapis.com';
export const CAL = '/calendar/v3';

/** A CalendarClient and GoogleCalendar on a routed fetch, a manual clock, jitter at its ceiling, a round-trip log. */
export function calendarHarness(routes: Record<string, Reply | Reply[]> = {}) {
  const time = manualClock();
  const http = googleFetch(routes);
  const auth = fakeTokens();
  const log = { warn: vi.fn() };
  const events: RoundTrip[] = [];
  const client = new CalendarClient({
    baseUrl: `${API}${CAL}`,
    tokens: auth.tokens,
    fetch: http.fetch,
    clock: time.clock,
    sleep: time.sleep,
    random: () => 1,
    log,
    onRequest: (event) => events.push(event),
  });
  const calendar = new GoogleCalendar(client, { accountId: '110169484474386276334', email: 'pat@example.com' }, log);
  const deadline = (ms = 10_000) => ({ at: time.state.now + ms });
  return { client, calendar, time, http, auth, log, events, deadline };
}
