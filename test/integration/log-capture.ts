/** Captures what the test process writes (the handlers log in-process), to check that no secret reached the logs. */
import { expect } from 'vitest';
import type { LocalApp } from '../../local/app';

/** Tees process.stdout and process.stderr from now on; `text()` is everything written since, `stop()` unhooks. */
export function captureOutput() {
  const logged: string[] = [];
  const restores: Array<() => void> = [];
  for (const stream of [process.stdout, process.stderr]) {
    const original = stream.write;
    const write = original.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      logged.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
    restores.push(() => { stream.write = original; });
  }
  return { text: () => logged.join(''), stop: () => restores.forEach((restore) => restore()) };
}

/** Asserts the output is not empty and holds none of the app's secrets, and no token, auth code or state. */
export function expectNoSecretsIn(output: string, app: LocalApp): void {
  expect(output.length).toBeGreaterThan(0);
  for (const secret of [app.env.VAPI_SECRET, app.env.ADMIN_TOKEN, app.env.INVITE_SIGNING_KEY, app.env.LOCAL_TOKEN_KEY]) {
    expect(output).not.toContain(secret);
  }
  expect(output).not.toMatch(/access_token|refresh_token|code=|state=|v1\.eyJ|client_secret|sandbox-client-secret/);
}
