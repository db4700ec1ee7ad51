import { gzipSync, deflateRawSync, deflateSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { httpFetch, MAX_BODY_BYTES, UnreadableAnswerError } from '../../../functions/adapters/shared/https-transport';
import { localHttpServer } from './local-http-server';

type Server = Awaited<ReturnType<typeof localHttpServer>>;
let server: Server | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('Function: httpFetch', () => {
  it('answers status, headers by any case and the body; sends our headers lower-cased, with gzip', async () => {
    // Prepare
    server = await localHttpServer((_req, res) => {
      res.writeHead(201, { 'Content-Type': 'application/json', 'Request-Id': 'r-1', 'Set-Cookie': ['a=1', 'b=2'] });
      res.end('{"id":"e-1"}');
    });
    // Act
    const response = await httpFetch(`${server.url}/v1.0/me/events?$top=1`, {
      method: 'POST',
      headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' },
      body: '{"subject":"Meeting ☎"}',
    });
    // Assess
    expect([response.status, response.ok]).toEqual([201, true]);
    expect([response.headers.get('request-id'), response.headers.get('REQUEST-ID')]).toEqual(['r-1', 'r-1']);
    expect(response.headers.get('set-cookie')).toBe('a=1, b=2');
    expect(response.headers.get('retry-after')).toBeNull();
    expect(Object.fromEntries(response.headers.entries())).toMatchObject({ 'request-id': 'r-1' });
    expect(await response.json()).toEqual({ id: 'e-1' });
    const [seen] = server.seen;
    expect([seen?.method, seen?.url, seen?.body]).toEqual([
      'POST',
      '/v1.0/me/events?$top=1',
      '{"subject":"Meeting ☎"}',
    ]);
    expect(seen?.headers).toMatchObject({
      authorization: 'Bearer t',
      'content-type': 'application/json',
      'accept-encoding': 'gzip, deflate',
      'content-length': String(Buffer.byteLength('{"subject":"Meeting ☎"}')),
    });
  });

  it('sends a URLSearchParams body form-encoded, with fetch’s Content-Type unless one is given', async () => {
    // Prepare
    server = await localHttpServer((_req, res) => res.end());
    const form = new URLSearchParams({ grant_type: 'refresh_token', scope: 'a b' });
    // Act
    await httpFetch(`${server.url}/token`, { method: 'POST', body: form });
    await httpFetch(`${server.url}/token`, { method: 'POST', body: form, headers: { 'Content-Type': 'text/x' } });
    // Assess
    expect(server.seen.map((r) => [r.body, r.headers['content-type']])).toEqual([
      ['grant_type=refresh_token&scope=a+b', 'application/x-www-form-urlencoded;charset=UTF-8'],
      ['grant_type=refresh_token&scope=a+b', 'text/x'],
    ]);
  });

  it('sends an empty POST with Content-Length 0 (as fetch does), a GET without one, neither chunked', async () => {
    // Prepare
    server = await localHttpServer((_req, res) => res.end());
    // Act
    await httpFetch(`${server.url}/me/events/e-1/cancel`, { method: 'POST' });
    await httpFetch(`${server.url}/me/events`);
    // Assess
    expect(server.seen.map((r) => [r.headers['content-length'], r.headers['transfer-encoding']])).toEqual([
      ['0', undefined],
      [undefined, undefined],
    ]);
  });

  it.each([
    ['gzip', 'gzip', gzipSync],
    ['zlib-wrapped deflate', 'deflate', deflateSync],
    ['raw deflate', 'deflate', deflateRawSync],
  ])('decompresses a %s body', async (_name, encoding, compress) => {
    // Prepare
    const body = JSON.stringify({ value: Array.from({ length: 200 }, (_, i) => ({ id: `event-${i}` })) });
    server = await localHttpServer((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': encoding });
      res.end(compress(Buffer.from(body)));
    });
    // Act
    const response = await httpFetch(server.url);
    // Assess
    expect(await response.text()).toBe(body);
  });

  it('answers a 4xx as a response, not an error, with ok false', async () => {
    // Prepare
    server = await localHttpServer((_req, res) => {
      res.writeHead(429, { 'Retry-After': '2' });
      res.end('{"error":{"code":"ApplicationThrottled"}}');
    });
    // Act
    const response = await httpFetch(server.url);
    // Assess
    expect([response.status, response.ok, response.headers.get('Retry-After')]).toEqual([429, false, '2']);
    expect(await response.text()).toContain('ApplicationThrottled');
  });

  it('reuses one socket for sequential requests (keep-alive)', async () => {
    // Prepare
    server = await localHttpServer((_req, res) => res.end('ok'));
    // Act
    await (await httpFetch(`${server.url}/a`)).text();
    await (await httpFetch(`${server.url}/b`)).text();
    // Assess
    expect(server.seen).toHaveLength(2);
    expect(server.seen[0]?.socket).toBe(server.seen[1]?.socket);
    expect(server.sockets.size).toBe(1);
  });

  it('rejects a body over MAX_BODY_BYTES once decompressed', async () => {
    // Prepare
    const bomb = gzipSync(Buffer.alloc(MAX_BODY_BYTES + 1));
    server = await localHttpServer((_req, res) => {
      res.writeHead(200, { 'Content-Encoding': 'gzip' });
      res.end(bomb);
    });
    // Act
    const failure = await httpFetch(server.url).catch((error: unknown) => error);
    // Assess
    expect(failure).toBeInstanceOf(UnreadableAnswerError);
    expect((failure as UnreadableAnswerError).code).toBe('BODY_TOO_LARGE');
  });

  it('sends a string body with no Content-Type unless the caller names one', async () => {
    // Prepare
    server = await localHttpServer((_req, res) => res.end());
    // Act
    await httpFetch(`${server.url}/events`, { method: 'PATCH', body: '{"subject":"x"}' });
    // Assess
    expect(server.seen[0]?.headers['content-type']).toBeUndefined();
  });

  it('refuses a protocol other than http: and https:, and sends https: over TLS', async () => {
    // Prepare: a port nobody listens on any more
    server = await localHttpServer(() => {});
    const port = new URL(server.url).port;
    await server.close();
    server = undefined;
    // Act
    const ftp = await httpFetch(`ftp://127.0.0.1:${port}/file`).catch((e: unknown) => e);
    const https = await httpFetch(new URL(`https://127.0.0.1:${port}/`)).catch((e: unknown) => e);
    // Assess
    expect(ftp).toEqual(new TypeError('unsupported protocol ftp:'));
    expect((https as { code?: string }).code).toBe('ECONNREFUSED');
  });
});

describe('Function: httpFetch (a kept-alive socket lost mid-answer)', () => {
  it('does not send again once an answer began: the request was received, a resend could repeat it', async () => {
    // Prepare: the second request on the kept-alive socket gets a head and half a body, then a reset
    const answered = new Set<unknown>();
    server = await localHttpServer((req, res) => {
      if (!answered.has(req.socket)) {
        answered.add(req.socket);
        res.end(req.url);
        return;
      }
      res.writeHead(200, { 'Content-Length': '100' });
      res.write('{"value":[');
      setTimeout(() => req.socket.destroy(), 20);
    });
    await (await httpFetch(`${server.url}/first`)).text();
    // Act
    const failure = await httpFetch(`${server.url}/second`, { method: 'POST', body: '{}' }).catch((e: unknown) => e);
    // Assess
    expect(failure).toMatchObject({ code: 'ECONNRESET', message: 'aborted' });
    expect(server.seen.map((r) => r.url)).toEqual(['/first', '/second']);
  });
});
