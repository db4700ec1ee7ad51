/** Captures what the test process writes (the handlers log in-process), to check that no secret reached the logs. */
import { format } from 'node:util';
import { expect } from 'vitest';
import type { LocalApp } from '../../local/app';

/** One structured log record (a Powertools Logger line, parsed). */
export type LogEntry = Record<string, unknown>;

const CONSOLE_METHODS = ['log', 'info', 'warn', 'error', 'debug'] as const;

/**
 * Tees process.stdout, process.stderr and the global console from now on; `text()` is everything written since,
 * `entries()` the JSON records among it, `stop()` unhooks. Both sinks are needed: Powertools Logger writes through its
 * own Console on process.stdout, or through the global console when POWERTOOLS_DEV is set (as vitest.config.ts does,
 * so vitest can hold back the logs of passing tests). A console call that itself reaches process.stdout (outside
 * vitest) is recorded once.
 */
export function captureOutput() {
  const logged: string[] = [];
  const restores: Array<() => void> = [];
  let inConsole = false;
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write;
    const write = original.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      if (!inConsole) logged.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restores.push(() => {
      stream.write = original;
    });
  }
  for (const method of CONSOLE_METHODS) {
    const original = console[method];
    console[method] = (...args: unknown[]) => {
      logged.push(`${format(...args)}\n`);
      inConsole = true;
      try {
        original.apply(console, args);
      } finally {
        inConsole = false;
      }
    };
    restores.push(() => {
      console[method] = original;
    });
  }
  return {
    text: () => logged.join(''),
    entries: () => logged.flatMap(records),
    stop: () => {
      for (const restore of restores.splice(0).reverse()) restore();
    },
  };
}

/**
 * The JSON objects in one captured chunk: a whole chunk is one record when pretty-printed (POWERTOOLS_DEV indents
 * it over many lines); otherwise each line may be one.
 */
function records(chunk: string): LogEntry[] {
  const whole = parseObject(chunk);
  if (whole) return [whole];
  return chunk
    .split('\n')
    .map(parseObject)
    .filter((entry): entry is LogEntry => entry !== undefined);
}

function parseObject(text: string): LogEntry | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('{')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as LogEntry) : undefined;
  } catch {
    return undefined;
  }
}

/** Asserts the output is not empty and holds none of the app's secrets, and no token, auth code or state. */
export function expectNoSecretsIn(output: string, app: LocalApp): void {
  expect(output.length).toBeGreaterThan(0);
  const { VAPI_SECRET, ADMIN_TOKEN, INVITE_SIGNING_KEY, LOCAL_TOKEN_KEY } = app.env;
  for (const secret of [VAPI_SECRET, ADMIN_TOKEN, INVITE_SIGNING_KEY, LOCAL_TOKEN_KEY]) {
    expect(output).not.toContain(secret);
  }
  expect(output).not.toMatch(/access_token|refresh_token|code=|state=|v1\.eyJ|client_secret|sandbox-client-secret/);
}
