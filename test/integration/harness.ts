/** Drives the local app over HTTP the way VAPI and a manager's browser do. */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, inject } from 'vitest';
import { startLocalApp, type LocalApp, type LocalAppOptions } from '../../local/app';
import type { GoogleSandboxFile } from '../../local/sandbox/google';
import type { SandboxCalendarFile } from '../../local/sandbox/microsoft';
import { CookieBrowser, finishAtCallback, startAtProvider } from './connect-steps';
import { captureOutput } from './log-capture';

/** The integration calendar fixture: an Eastern-time mailbox open 08:00–20:00 every day, no events. */
export function fixtureCalendar(): SandboxCalendarFile {
  return JSON.parse(readFileSync(new URL('../events/integration/calendar.json', import.meta.url), 'utf8'));
}

/** A Google sandbox file of test/events/google-sandbox/ (calendars this repo's emulator serves in tests). */
export function googleFixture(name: string): GoogleSandboxFile {
  return JSON.parse(readFileSync(new URL(`../events/google-sandbox/${name}.json`, import.meta.url), 'utf8'));
}

/** Starts the app on a random port against the shared DynamoDB Local. */
export function startApp(
  env: Record<string, string> = {},
  calendar = fixtureCalendar(),
  options: Pick<LocalAppOptions, 'bundles' | 'sandboxLoginHost' | 'googleCalendar'> = {},
): Promise<LocalApp> {
  return startLocalApp({
    port: 0,
    dynamoEndpoint: inject('dynamoEndpoint'),
    calendar,
    tablePrefix: `it-${process.pid}-${Date.now()}`,
    env,
    ...options,
  });
}

/** GET without following redirects; returns status, location, body and Set-Cookie values. */
export async function get(url: string, headers: Record<string, string> = {}) {
  const res = await fetch(url, { redirect: 'manual', headers });
  return {
    status: res.status,
    location: res.headers.get('location') ?? '',
    cookies: res.headers.getSetCookie(),
    headers: res.headers,
    body: await res.text(),
  };
}

/** The name=value part of a Set-Cookie header. */
export const cookiePair = (setCookie: string) => setCookie.split(';')[0]!;

/** The providers' buttons on "Connect your calendar". */
export const PROVIDER_BUTTON = { microsoft: 'Microsoft 365', google: 'Google Calendar' } as const;
export type SandboxProvider = keyof typeof PROVIDER_BUTTON;

/**
 * Starts the connect flow from an invite link (its page, then the provider's button): the sign-in URL, cookies.
 */
export async function beginConnect(app: LocalApp, managerId?: string, provider: SandboxProvider = 'microsoft') {
  const browser = new CookieBrowser();
  const { authorizeUrl } = await startAtProvider(browser, app.inviteLink(managerId), PROVIDER_BUTTON[provider]);
  return { authorizeUrl, cookie: browser.cookieHeader(), browser };
}

/** The sandbox's programmatic consent ("Accept" / "Allow") of a provider. */
export function consentOf(app: LocalApp, provider: SandboxProvider) {
  const emulator = provider === 'google' ? app.googleEmulator : app.emulator;
  if (!emulator) throw new Error(`no ${provider} sandbox in this app`);
  return (url: string, opts?: { deny?: boolean; withhold?: string[] }) => emulator.consent(url, opts);
}

/** Connects a manager's sandbox calendar end to end (the programmatic consent), through to the result page. */
export async function connect(app: LocalApp, managerId?: string, provider: SandboxProvider = 'microsoft') {
  const { authorizeUrl, cookie, browser } = await beginConnect(app, managerId, provider);
  const callbackUrl = await consentOf(app, provider)(authorizeUrl);
  const { result } = await finishAtCallback(browser, callbackUrl);
  if (result.status !== 200) throw new Error(`the result page answered ${result.status}: ${result.body}`);
  return { callbackUrl, cookie, page: result.body, browser };
}

/** Status of a manager, with the admin token. */
export async function status(app: LocalApp, managerId = app.env.DEFAULT_MANAGER_ID!) {
  const res = await get(`${app.baseUrl}/calendar/auth/status?manager=${encodeURIComponent(managerId)}`, {
    authorization: `Bearer ${app.env.ADMIN_TOKEN}`,
  });
  return JSON.parse(res.body) as Record<string, unknown>;
}

let counter = 0;

/** A VAPI tool-calls message with one call. */
export function toolCall(
  name: string,
  args: unknown,
  opts: { id?: string; callId?: string; phoneNumberId?: string; customer?: string } = {},
) {
  counter += 1;
  return {
    message: {
      type: 'tool-calls',
      timestamp: Date.now(),
      call: {
        id: opts.callId ?? `call-${counter}`,
        phoneNumberId: opts.phoneNumberId,
        customer: { number: opts.customer ?? '+15550001111' },
      },
      toolCallList: [{ id: opts.id ?? `tc-${counter}`, type: 'function', function: { name, arguments: args } }],
    },
  };
}

/** POSTs to the webhook with the VAPI secret; returns status and parsed JSON. */
export async function webhook(
  app: LocalApp,
  body: unknown,
  headers: Record<string, string> = { 'x-vapi-secret': app.env.VAPI_SECRET! },
) {
  const res = await fetch(`${app.baseUrl}/vapi/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined, text };
}

/** The parsed `result` JSON (or the `error`) of the first tool call in a webhook answer. */
export function firstResult(answer: { json: { results: Array<{ result?: string; error?: string }> } }) {
  const first = answer.json.results[0]!;
  return { result: first.result ? JSON.parse(first.result) : undefined, error: first.error };
}

/**
 * One connected app for a test file: output is captured from before boot (for the no-secrets check), the app runs
 * with DEBUG logs and the default manager connected, and both are stopped after the file. `app()` is set in beforeAll.
 */
export function useConnectedApp(env: Record<string, string> = {}) {
  const logs = captureOutput();
  const booted: { app?: LocalApp } = {};
  beforeAll(async () => {
    booted.app = await startApp({ POWERTOOLS_LOG_LEVEL: 'DEBUG', ...env });
    await connect(booted.app);
  });
  afterAll(async () => {
    await booted.app?.stop();
    logs.stop();
  });
  return { app: () => booted.app!, logs };
}
