/**
 * The bench's HTTP client for the local app: connect a manager, build VAPI tool calls, POST them to the webhook.
 * Small copies of test/integration/harness.ts helpers, because that file imports vitest (connect-steps.ts does not).
 */
import type { LocalApp } from '../../local/app';
import { CookieBrowser, finishAtCallback, startAtProvider } from '../../test/integration/connect-steps';

/** Connects a manager's sandbox calendar end to end: the invite page, its button, the programmatic "Accept". */
export async function connect(app: LocalApp, managerId?: string): Promise<void> {
  const browser = new CookieBrowser();
  const { authorizeUrl } = await startAtProvider(browser, app.inviteLink(managerId));
  const { result } = await finishAtCallback(browser, await app.emulator!.consent(authorizeUrl));
  if (result.status !== 200) throw new Error(`auth result answered ${result.status}: ${result.body.slice(0, 200)}`);
}

/** Connects a manager's Google sandbox calendar end to end: "Google Calendar", then the programmatic "Allow". */
export async function googleConnect(app: LocalApp, managerId?: string): Promise<void> {
  const browser = new CookieBrowser();
  const { authorizeUrl } = await startAtProvider(browser, app.inviteLink(managerId), 'Google Calendar');
  const { result } = await finishAtCallback(browser, await app.googleEmulator!.consent(authorizeUrl));
  if (result.status !== 200) throw new Error(`auth result answered ${result.status}: ${result.body.slice(0, 200)}`);
}

let counter = 0;

/** How many tool calls have been built so far (the bench numbers its callers with it). */
export const toolCallCount = () => counter;

/** A VAPI tool-calls message with one call. */
export function toolCall(name: string, args: unknown) {
  counter += 1;
  return {
    message: {
      type: 'tool-calls',
      timestamp: Date.now(),
      // A number per call: one number may book only a few viewings a day (MAX_BOOKINGS_PER_CALLER_PER_DAY).
      call: { id: `bench-call-${counter}`, customer: { number: `+1555${String(counter).padStart(7, '0')}` } },
      toolCallList: [{ id: `bench-tc-${counter}`, type: 'function', function: { name, arguments: args } }],
    },
  };
}

/** POSTs to the webhook with the VAPI secret; returns status, parsed JSON and the client-side duration. */
export async function webhook(app: LocalApp, body: unknown) {
  const started = performance.now();
  const res = await fetch(`${app.baseUrl}/vapi/webhook`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-vapi-secret': app.env.VAPI_SECRET! },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  const ms = performance.now() - started;
  return {
    status: res.status,
    json: text ? (JSON.parse(text) as { results?: Array<{ result?: string; error?: string }> }) : undefined,
    ms,
  };
}

/** The parsed `result` JSON (or the `error`) of the first tool call in a webhook answer. */
export function firstResult(answer: { json?: { results?: Array<{ result?: string; error?: string }> } }): {
  result?: Record<string, unknown>;
  error?: string;
} {
  const first = answer.json?.results?.[0];
  if (!first) return { error: 'no results in the answer' };
  return {
    result: first.result ? (JSON.parse(first.result) as Record<string, unknown>) : undefined,
    error: first.error,
  };
}
