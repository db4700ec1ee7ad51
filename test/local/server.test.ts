import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { createLocalServer, type LambdaHandler, type LocalRoute } from '../../local/server';

const servers: Server[] = [];

/** Starts the local server on a free port with the given routes; closed after each test. */
async function serve(routes: LocalRoute[], isReady = () => true): Promise<string> {
  const server = createLocalServer({ routes, isReady });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/** A GET /fake route backed by `handler`. */
const fakeRoute = (handler: LambdaHandler, timeoutMs = 1_000): LocalRoute => ({
  method: 'GET',
  path: '/fake',
  functionName: 'fake',
  timeoutMs,
  handler,
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(async () => {
  await Promise.all(
    servers.splice(0).map((server) => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    }),
  );
});

describe('Function: createLocalServer', () => {
  describe('Lambda timeout', () => {
    it('answers 500 Internal Server Error, like API Gateway, once a never-settling handler times out', async () => {
      // Prepare
      const base = await serve([fakeRoute(() => new Promise(() => undefined), 200)]);
      const started = Date.now();

      // Act
      const res = await fetch(`${base}/fake`, { signal: AbortSignal.timeout(5_000) });

      // Assess
      const elapsed = Date.now() - started;
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ message: 'Internal Server Error' });
      expect(elapsed).toBeGreaterThanOrEqual(190);
      expect(elapsed).toBeLessThan(1_000);
    });

    it('discards a result that arrives after the timeout, including a late rejection', async () => {
      // Prepare
      let settled = 0;
      const late =
        (outcome: 'resolve' | 'reject'): LambdaHandler =>
        async () => {
          await sleep(250);
          settled += 1;
          if (outcome === 'reject') throw new Error('too late to matter');
          return { statusCode: 200, body: 'late' };
        };
      const base = await serve([
        fakeRoute(late('resolve'), 100),
        { ...fakeRoute(late('reject'), 100), method: 'POST' },
      ]);

      // Act
      const resolved = await fetch(`${base}/fake`);
      const rejected = await fetch(`${base}/fake`, { method: 'POST' });
      await sleep(300);

      // Assess: both answered by the timeout, and both handlers
      // did finish later (vitest fails on an unhandled rejection).
      expect([resolved.status, rejected.status]).toEqual([500, 500]);
      expect(await resolved.json()).toEqual({ message: 'Internal Server Error' });
      expect(settled).toBe(2);
    });

    it('passes through a result that arrives within the timeout', async () => {
      // Prepare
      const base = await serve([
        fakeRoute(
          async (event, context) => ({
            statusCode: 201,
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ route: event.routeKey, remainingOk: context.getRemainingTimeInMillis() > 0 }),
          }),
          1_000,
        ),
      ]);

      // Act
      const res = await fetch(`${base}/fake`);

      // Assess
      expect(res.status).toBe(201);
      expect(await res.json()).toEqual({ route: 'GET /fake', remainingOk: true });
    });
  });

  describe('routing', () => {
    it.each([
      ['an unknown path', 'GET', '/nowhere'],
      ['a known path with another method', 'POST', '/fake'],
      ['a known path with a trailing slash', 'GET', '/fake/'],
    ])(
      'answers 404 Not Found for %s, as an HTTP API without a $default route does, with the reason',
      async (_case, method, path) => {
        // Prepare
        let calls = 0;
        const base = await serve([
          fakeRoute(async () => {
            calls += 1;
            return { statusCode: 200 };
          }),
        ]);

        // Act
        const res = await fetch(`${base}${path}`, { method });

        // Assess
        expect(res.status).toBe(404);
        expect(await res.json()).toEqual({
          message: 'Not Found',
          error: `No route for ${method} ${path}. The routes are GET /fake, and GET /health.`,
        });
        expect(res.headers.get('allow')).toBeNull();
        expect(calls).toBe(0);
      },
    );
  });

  describe('/health', () => {
    it('answers 503 until the app is ready, then 200', async () => {
      // Prepare
      let ready = false;
      const base = await serve([], () => ready);

      // Act
      const before = await fetch(`${base}/health`);
      ready = true;
      const after = await fetch(`${base}/health`);

      // Assess
      expect(before.status).toBe(503);
      expect(await before.json()).toEqual({ status: 'starting' });
      expect(after.status).toBe(200);
      expect(await after.json()).toEqual({ status: 'ok' });
    });
  });
});
