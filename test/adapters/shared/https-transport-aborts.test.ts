import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { httpFetch } from '../../../functions/adapters/shared/https-transport';
import { localHttpServer } from './local-http-server';

type Server = Awaited<ReturnType<typeof localHttpServer>>;
let server: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const SECRET_QUERY = '?code=SECRET-CODE&access_token=SECRET-TOKEN';

/** A server that sends the head and half a body, then stalls (or drops the connection). */
const halfBody = (then: 'stall' | 'drop') =>
  localHttpServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': '100' });
    res.write('{"value":[');
    if (then === 'drop') setTimeout(() => res.socket?.destroy(), 20);
  });

/** Resolves once a client response's head has arrived (node:http's channel): the body is being read. */
function headArrived(): Promise<void> {
  return new Promise((resolve) => {
    const onHead = () => {
      unsubscribe('http.client.response.finish', onHead);
      resolve();
    };
    subscribe('http.client.response.finish', onHead);
  });
}

/** Every text an error shows: message, stack, own fields and its causes. */
function everything(error: unknown): string {
  const parts: string[] = [];
  for (let e = error as Error | undefined; e; e = e.cause as Error | undefined) {
    parts.push(String(e), e.stack ?? '', JSON.stringify(e, Object.getOwnPropertyNames(e)));
  }
  return parts.join('\n');
}

describe('Function: httpFetch (aborts, timeouts, failures)', () => {
  it('rejects an aborted signal with AbortError before sending anything', async () => {
    // Prepare
    server = await localHttpServer((_req, res) => res.end());
    const controller = new AbortController();
    controller.abort();
    // Act
    const failure = await httpFetch(server.url, { signal: controller.signal }).catch((e: unknown) => e);
    // Assess
    expect((failure as Error).name).toBe('AbortError');
    expect(server.seen).toHaveLength(0);
  });

  it('rejects with TimeoutError when AbortSignal.timeout fires before the answer', async () => {
    // Prepare
    server = await localHttpServer(() => {});
    // Act
    const failure = await httpFetch(server.url, { signal: AbortSignal.timeout(50) }).catch((e: unknown) => e);
    // Assess
    expect(failure).toBeInstanceOf(Error);
    expect((failure as Error).name).toBe('TimeoutError');
  });

  it('rejects with the abort’s reason mid-body, and the next request goes out on a new socket', async () => {
    // Prepare: the first answer stalls half-way; the second is whole.
    server = await localHttpServer((req, res) => {
      if (req.url === '/stall') {
        res.writeHead(200, { 'Content-Length': '100' });
        res.write('{"value":[');
      } else res.end('after');
    });
    const controller = new AbortController();
    const reading = headArrived();
    // Act
    const pending = httpFetch(`${server.url}/stall`, { signal: controller.signal }).catch((e: unknown) => e);
    await reading;
    controller.abort();
    const failure = await pending;
    const next = await httpFetch(`${server.url}/next`);
    // Assess: the half-read socket went back to no pool.
    expect((failure as Error).name).toBe('AbortError');
    expect(await next.text()).toBe('after');
    expect(server.seen.map((r) => r.url)).toEqual(['/stall', '/next']);
    expect(server.seen[0]?.socket).not.toBe(server.seen[1]?.socket);
    const aborted = server.seen[0]!.socket;
    if (!aborted.destroyed)
      await Promise.race([new Promise((resolve) => aborted.once('close', resolve)), sleep(1_000)]);
    expect(aborted.destroyed).toBe(true);
  });

  it('times out a stalled body with TimeoutError', async () => {
    // Prepare
    server = await halfBody('stall');
    // Act
    const failure = await httpFetch(server.url, { signal: AbortSignal.timeout(100) }).catch((e: unknown) => e);
    // Assess
    expect((failure as Error).name).toBe('TimeoutError');
  });

  it('rejects a dropped connection as a network error, naming neither the path nor the query', async () => {
    // Prepare
    server = await halfBody('drop');
    // Act
    const failure = await httpFetch(`${server.url}/oauth2/v2.0/token${SECRET_QUERY}`).catch((e: unknown) => e);
    // Assess
    expect(failure).toBeInstanceOf(Error);
    expect(['AbortError', 'TimeoutError']).not.toContain((failure as Error).name);
    expect(everything(failure)).not.toMatch(/SECRET|oauth2/);
  });

  it('rejects a refused connection without the URL’s query', async () => {
    // Prepare
    server = await localHttpServer(() => {});
    const { url } = server;
    await server.close();
    server = undefined;
    // Act
    const failure = await httpFetch(`${url}/token${SECRET_QUERY}`).catch((e: unknown) => e);
    // Assess
    expect((failure as { code?: string }).code).toBe('ECONNREFUSED');
    expect(everything(failure)).not.toContain('SECRET');
  });
});
