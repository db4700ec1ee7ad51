import { getEventListeners } from 'node:events';
import type { Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { httpFetch, USER_AGENT } from '../../../functions/adapters/shared/https-transport';
import { localHttpServer } from './local-http-server';

type Server = Awaited<ReturnType<typeof localHttpServer>>;
let server: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('Function: httpFetch (sockets)', () => {
  it('sends a request again on a new socket when a kept-alive one turns out closed before any answer', async () => {
    // Prepare: the server drops the socket it kept alive when the next request arrives on it (as a server does that
    // timed the socket out while a Lambda sandbox was frozen), and answers on any new one.
    const answered = new Set<Socket>();
    server = await localHttpServer((req, res) => {
      if (answered.has(req.socket)) return req.socket.destroy();
      answered.add(req.socket);
      res.end(req.url);
    });
    await (await httpFetch(`${server.url}/first`)).text();
    // Act
    const response = await httpFetch(`${server.url}/second`, { method: 'POST', body: '{}' });
    // Assess
    expect(await response.text()).toBe('/second');
    expect(server.seen.map((r) => r.url)).toEqual(['/first', '/second', '/second']);
    expect(server.sockets.size).toBe(2);
  });

  it('sends that retry on an unpooled socket: every idle socket of the pool may be as stale', async () => {
    // Prepare: two sockets kept alive by two concurrent requests; the server drops any socket it answered before.
    const answered = new Set<Socket>();
    server = await localHttpServer((req, res) => {
      if (answered.has(req.socket)) return req.socket.destroy();
      answered.add(req.socket);
      setTimeout(() => res.end(req.url), 20);
    });
    await Promise.all([httpFetch(`${server.url}/a`), httpFetch(`${server.url}/b`)]);
    // Act
    const response = await httpFetch(`${server.url}/c`);
    // Assess
    expect(await response.text()).toBe('/c');
    expect(server.sockets.size).toBe(3);
  });

  it('leaves no abort listener on a signal it was given, answered or failed', async () => {
    // Prepare: one long-lived signal for many requests, as a deadline is
    server = await localHttpServer((req, res) => (req.url === '/fail' ? req.socket.destroy() : res.end('ok')));
    const { signal } = new AbortController();
    // Act
    for (let i = 0; i < 5; i++) await (await httpFetch(`${server.url}/ok`, { signal })).text();
    await httpFetch(`${server.url}/fail`, { signal }).catch(() => undefined);
    // Assess
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
  });

  it('does not send again when a new socket fails: that is a network error for the caller', async () => {
    // Prepare
    server = await localHttpServer((req) => req.socket.destroy());
    // Act
    const failure = await httpFetch(`${server.url}/once`).catch((error: unknown) => error);
    // Assess
    expect((failure as { code?: string }).code).toBe('ECONNRESET');
    expect(server.seen).toHaveLength(1);
  });

  it(`names the app in User-Agent ("${USER_AGENT}") unless the caller gives one`, async () => {
    // Prepare
    server = await localHttpServer((_req, res) => res.end());
    // Act
    await httpFetch(`${server.url}/a`);
    await httpFetch(`${server.url}/b`, { headers: { 'User-Agent': 'msal-node' } });
    // Assess
    expect(server.seen.map((r) => r.headers['user-agent'])).toEqual([USER_AGENT, 'msal-node']);
  });
});
