/**
 * The "it happened, but the answer was late or lost" faults both emulators share: a write is carried out at once,
 * and what the client hears leaves later (or never), as when a provider commits a create and then times out.
 */
import { type IncomingMessage, ServerResponse } from 'node:http';

/** Waits `ms` (no timer for 0). */
export async function pause(ms: number | undefined): Promise<void> {
  if (ms) await new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Holds back everything written to `res` until the returned release is called. Node puts a response's head on the
 * wire with its first body bytes, so deferring end() defers the whole answer; a client that gave up meanwhile is
 * left alone.
 */
export function holdAnswer(res: ServerResponse): () => void {
  const end = res.end;
  let held: unknown[] | undefined;
  res.end = ((...args: unknown[]) => {
    held = args;
    return res;
  }) as ServerResponse['end'];
  return () => {
    res.end = end;
    if (held && !res.destroyed) (end as (...args: unknown[]) => ServerResponse).apply(res, held);
  };
}

/**
 * Carries a request out into a response nobody reads, so its side effect lands; resolves with the status it would
 * have answered. `renderError` writes an error the handler threw into that response (false: not one it knows).
 */
export async function carryOut(
  req: IncomingMessage,
  run: (res: ServerResponse) => void | Promise<void>,
  renderError: (res: ServerResponse, error: unknown) => boolean,
): Promise<number> {
  const lost = new ServerResponse(req);
  try {
    await run(lost);
  } catch (error) {
    if (!renderError(lost, error)) throw error;
  }
  return lost.statusCode;
}
