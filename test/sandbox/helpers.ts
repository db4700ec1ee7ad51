/** Shared helpers for the emulator tests: a running emulator, PKCE, a direct token grab, and Graph calls. */
import { createHash, randomBytes } from 'node:crypto';
import type { INetworkModule, NetworkResponse } from '@azure/msal-node';
import {
  createMicrosoftEmulator,
  type MicrosoftEmulator,
  type MicrosoftEmulatorOptions,
} from '../../local/sandbox/microsoft';

export const CLIENT_ID = '11111111-2222-3333-4444-555555555555';
export const CLIENT_SECRET = 'sandbox-secret';
export const REDIRECT_URI = 'http://localhost:3000/auth/callback';
export const SCOPES = ['Calendars.ReadWrite', 'MailboxSettings.Read', 'User.Read'];

export interface Running {
  emulator: MicrosoftEmulator;
  baseUrl: string;
  close(): Promise<void>;
}

/** An emulator listening on a random port, with the test client registered. */
export async function startEmulator(opts: MicrosoftEmulatorOptions = {}): Promise<Running> {
  const emulator = createMicrosoftEmulator({ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, ...opts });
  const { baseUrl, close } = await emulator.listen(0);
  return { emulator, baseUrl, close };
}

/** A PKCE verifier and its S256 challenge. */
export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url');
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') };
}

/** An authorize URL as msal would build it (real host; the emulator only reads path and query). */
export function authorizeUrl(params: Record<string, string>): string {
  const query = new URLSearchParams({
    client_id: CLIENT_ID,
    redirect_uri: REDIRECT_URI,
    response_type: 'code',
    scope: [...SCOPES, 'openid', 'profile', 'offline_access'].join(' '),
    code_challenge_method: 'S256',
    ...params,
  });
  return `https://login.microsoftonline.com/common/oauth2/v2.0/authorize?${query}`;
}

/** POSTs a form to the emulator's token endpoint and returns status and JSON body. */
export async function postToken(
  baseUrl: string,
  form: Record<string, string>,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const res = await fetch(`${baseUrl}/login/common/oauth2/v2.0/token?client-request-id=test`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded;charset=utf-8' },
    body: new URLSearchParams({ client_id: CLIENT_ID, client_secret: CLIENT_SECRET, ...form }),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Consents and redeems a code; returns the token response body. */
export async function signIn(run: Running, extra: Record<string, string> = {}): Promise<Record<string, unknown>> {
  const { verifier, challenge } = pkce();
  const redirect = new URL(await run.emulator.consent(authorizeUrl({ code_challenge: challenge, ...extra })));
  const code = redirect.searchParams.get('code') ?? '';
  const { status, body } = await postToken(run.baseUrl, {
    grant_type: 'authorization_code',
    code,
    code_verifier: verifier,
    redirect_uri: REDIRECT_URI,
    scope: SCOPES.join(' '),
  });
  if (status !== 200) throw new Error(`sign-in failed: ${JSON.stringify(body)}`);
  return body;
}

/** Calls Graph on the emulator. */
export async function graph(
  run: Running,
  token: string,
  path: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<Response> {
  const url = path.startsWith('http') ? path : `${run.baseUrl}/graph/v1.0${path}`;
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

/**
 * An msal INetworkModule that sends login.microsoftonline.com traffic to the emulator (test-only twin of the app's).
 */
export function emulatorNetworkClient(loginBase: string): INetworkModule {
  const send = async <T>(
    method: string,
    url: string,
    options?: { headers?: Record<string, string>; body?: string },
  ): Promise<NetworkResponse<T>> => {
    const target = url.replace(/^https:\/\/login\.microsoftonline\.com/, loginBase);
    const res = await fetch(target, {
      method,
      headers: options?.headers,
      body: method === 'POST' ? (options?.body ?? '') : undefined,
    });
    const headers: Record<string, string> = {};
    res.headers.forEach((value, key) => {
      headers[key] = value;
    });
    return { headers, body: (await res.json()) as T, status: res.status };
  };
  return {
    sendGetRequestAsync: (url, options) => send('GET', url, options),
    sendPostRequestAsync: (url, options) => send('POST', url, options),
  };
}
