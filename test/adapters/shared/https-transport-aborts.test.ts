import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { afterEach, describe, expect, it } from 'vitest';
import { fetchOnce, transportOf } from '../../../functions/adapters/shared/http-retry';
import { httpFetch } from '../../../functions/adapters/shared/https-transport';
import { MsalNetworkClient } from '../../../functions/adapters/microsoft/network-client';
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

  it('rejects with the abort’s reason mid-body, and the next request still goes through', async () => {
    // Prepare
    server = await halfBody('stall');
    const controller = new AbortController();
    const reading = headArrived();
    // Act
    const pending = httpFetch(server.url, { signal: controller.signal }).catch((e: unknown) => e);
    await reading;
    controller.abort();
    const failure = await pending;
    await server.close();
    server = await localHttpServer((_req, res) => res.end('after'));
    const next = await httpFetch(server.url);
    // Assess
    expect((failure as Error).name).toBe('AbortError');
    expect(await next.text()).toBe('after');
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

describe('The default transport under its callers', () => {
  it('fetchOnce reports a timeout as timedOut, a refused connection as not', async () => {
    // Prepare
    server = await localHttpServer(() => {});
    const transport = transportOf({ retry: { perAttemptTimeoutMs: 50, minAttemptMs: 1, marginMs: 0 } });
    const deadline = { at: Date.now() + 10_000 };
    const outcomes: string[] = [];
    // Act
    const stalled = await fetchOnce(transport, new URL(server.url), { method: 'GET' }, deadline, (e) =>
      outcomes.push(e.outcome),
    );
    const { url } = server;
    await server.close();
    server = undefined;
    const refused = await fetchOnce(transport, new URL(url), { method: 'GET' }, deadline, (e) =>
      outcomes.push(e.outcome),
    );
    // Assess
    expect([stalled, refused].map((o) => 'timedOut' in o && o.timedOut)).toEqual([true, false]);
    expect(outcomes).toEqual(['timeout', 'network-error']);
  });

  it('MsalNetworkClient answers a stalled token endpoint with msal’s "Request timeout"', async () => {
    // Prepare
    server = await localHttpServer(() => {});
    const outcomes: string[] = [];
    const client = new MsalNetworkClient({ timeoutMs: 50, onRequest: (e) => outcomes.push(e.outcome) });
    // Act
    const failure = await client.sendPostRequestAsync(`${server.url}/t/oauth2/v2.0/token`).catch((e: unknown) => e);
    // Assess
    expect((failure as Error).message).toContain('Request timeout');
    expect(outcomes).toEqual(['timeout']);
  });
});
