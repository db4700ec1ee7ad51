import { describe, expect, it, vi } from 'vitest';
import { GraphClient } from '../../../functions/adapters/microsoft/graph-client';
import { ConcurrencyGate } from '../../../functions/adapters/shared/concurrency-gate';
import { DEFAULT_RETRY } from '../../../functions/adapters/shared/retry';
import { ProviderError, ProviderUnavailableError } from '../../../functions/domain/errors';
import {
  GRAPH_TEST_BASE as BASE,
  fakeTokens,
  fixture,
  json,
  manualClock,
  scriptedFetch,
  graphHarness as setup,
} from './helpers';

const throttled = (retryAfter?: string) =>
  json(429, fixture('too-many-requests'), retryAfter === undefined ? {} : { 'Retry-After': retryAfter });

/** Transient server and gateway failures, as Graph (or the gateway in front of it) sends them. */
const TRANSIENT: Array<[number, () => Response]> = [
  [500, () => json(500, { error: { code: 'generalException', message: 'General exception while processing.' } })],
  // A gateway answers with its own HTML page, not a Graph envelope.
  [
    502,
    () =>
      new Response('<html><body>502 Bad Gateway</body></html>', {
        status: 502,
        headers: { 'content-type': 'text/html' },
      }),
  ],
  [503, () => json(503, fixture('service-unavailable'))],
  [504, () => json(504, fixture('gateway-timeout'))],
];

describe('Class: GraphClient', () => {
  describe('Method: send (request shape)', () => {
    it('sends bearer auth, both Prefer values and JSON accept, with a timeout signal', async () => {
      // Prepare
      const { client, http, deadline } = setup(json(200, { id: 'me' }));
      // Act
      const body = await client.send<{ id: string }>(
        { method: 'GET', path: '/me', query: { $select: 'id' } },
        deadline(),
      );
      // Assess
      const [request] = http.requests;
      expect(body).toEqual({ id: 'me' });
      expect(request!.url.href).toBe(`${BASE}/me?$select=id`);
      expect(request!.headers.get('authorization')).toBe('Bearer at-secret-1');
      expect(request!.headers.get('prefer')).toContain('outlook.timezone="UTC"');
      expect(request!.headers.get('prefer')).toContain('IdType="ImmutableId"');
      expect(request!.headers.get('accept')).toBe('application/json');
      expect(request!.signal).toBeInstanceOf(AbortSignal);
    });

    it('resolves undefined for 204 No Content', async () => {
      // Prepare
      const { client, deadline } = setup(json(204));
      // Act
      const body = await client.send({ method: 'DELETE', path: '/me/events/x' }, deadline());
      // Assess
      expect(body).toBeUndefined();
    });

    it('refuses a nextLink on another origin (the bearer token would follow it)', async () => {
      // Prepare
      const { client, http, deadline } = setup(json(200, {}));
      // Act
      const sending = client.send({ method: 'GET', path: 'https://evil.example/v1.0/me/calendarView' }, deadline());
      // Assess
      await expect(sending).rejects.toMatchObject({ name: 'ProviderError', code: 'UntrustedLink' });
      expect(http.requests).toHaveLength(0);
    });
  });

  describe('Method: send (retries)', () => {
    it('waits the Retry-After seconds after a 429 before the next attempt', async () => {
      // Prepare
      const { client, http, time, deadline } = setup(throttled('2'), json(200, { ok: true }));
      const started = time.state.now;
      // Act
      const body = await client.send({ method: 'GET', path: '/me' }, deadline());
      // Assess
      expect(body).toEqual({ ok: true });
      expect(http.requests).toHaveLength(2);
      expect(time.state.sleeps).toEqual([2_000]);
      expect(time.state.now - started).toBeGreaterThanOrEqual(2_000);
    });

    it.each([
      ['0.5', 500],
      ['0', 0],
    ])('honours a Retry-After of %s', async (header, expectedMs) => {
      // Prepare
      const { client, time, deadline } = setup(throttled(header), json(200, {}));
      // Act
      await client.send({ method: 'GET', path: '/me' }, deadline());
      // Assess
      expect(time.state.sleeps).toEqual([expectedMs]);
    });

    it.each(TRANSIENT)('retries a %i with backoff and returns the 200 that follows', async (_status, failure) => {
      // Prepare
      const { client, http, time, deadline } = setup(failure(), json(200, { ok: 1 }));
      // Act
      const body = await client.send({ method: 'GET', path: '/me' }, deadline());
      // Assess
      expect(body).toEqual({ ok: 1 });
      expect(http.requests).toHaveLength(2);
      expect(time.state.sleeps).toEqual([DEFAULT_RETRY.baseMs]);
    });

    it('fails fast without sleeping when Retry-After exceeds the remaining budget', async () => {
      // Prepare
      const { client, http, time, deadline } = setup(throttled('30'), json(200, {}));
      // Act
      const sending = client.send({ method: 'GET', path: '/me' }, deadline(5_000));
      // Assess
      await expect(sending).rejects.toBeInstanceOf(ProviderUnavailableError);
      expect(time.state.sleeps).toEqual([]);
      expect(http.requests).toHaveLength(1);
    });

    it.each(TRANSIENT)(
      'makes at most 3 attempts on a repeated %i, each backoff within [0, cap], then reports unavailable',
      async (status, failure) => {
        // Prepare
        const { client, http, time, deadline } = setup(failure());
        // Act
        const sending = client.send({ method: 'GET', path: '/me' }, deadline(60_000));
        // Assess
        await expect(sending).rejects.toBeInstanceOf(ProviderUnavailableError);
        await expect(sending).rejects.toMatchObject({ cause: { status } });
        expect(http.requests).toHaveLength(3);
        expect(time.state.sleeps).toHaveLength(2);
        for (const ms of time.state.sleeps) {
          expect(ms).toBeGreaterThanOrEqual(0);
          expect(ms).toBeLessThanOrEqual(DEFAULT_RETRY.capMs);
        }
      },
    );

    it.each(TRANSIENT)('does not retry a %i when the backoff would outlive the deadline', async (_status, failure) => {
      // Prepare: 600 ms allow one attempt, but not a 250 ms backoff plus margin and a minimal second attempt.
      const { client, http, time, deadline } = setup(failure(), json(200, {}));
      // Act
      const sending = client.send({ method: 'GET', path: '/me' }, deadline(600));
      // Assess
      await expect(sending).rejects.toThrow(/retry would outlive the deadline/);
      expect(http.requests).toHaveLength(1);
      expect(time.state.sleeps).toEqual([]);
    });

    it('retries network errors and timeouts of idempotent requests', async () => {
      // Prepare
      const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      const { client, http, events, deadline } = setup(new TypeError('fetch failed'), timeout, json(200, { ok: 2 }));
      // Act
      const body = await client.send({ method: 'GET', path: '/me' }, deadline());
      // Assess
      expect(body).toEqual({ ok: 2 });
      expect(http.requests).toHaveLength(3);
      expect(events.map((e) => e.outcome)).toEqual(['network-error', 'timeout', 'response']);
    });

    it.each(TRANSIENT)('does not retry a POST without a transactionId after a %i', async (_status, failure) => {
      // Prepare
      const { client, http, deadline } = setup(failure(), json(201, { id: 'e' }));
      // Act
      const sending = client.send({ method: 'POST', path: '/me/events', body: { subject: 'x' } }, deadline());
      // Assess
      await expect(sending).rejects.toBeInstanceOf(ProviderUnavailableError);
      expect(http.requests).toHaveLength(1);
    });

    it('does not retry a POST whose network outcome is unknown unless it is idempotent', async () => {
      // Prepare
      const plain = setup(new TypeError('socket hang up'), json(201, { id: 'e' }));
      const keyed = setup(new TypeError('socket hang up'), json(201, { id: 'e' }));
      // Act
      const failed = plain.client.send({ method: 'POST', path: '/me/events', body: {} }, plain.deadline());
      const created = await keyed.client.send(
        { method: 'POST', path: '/me/events', body: {}, idempotent: true },
        keyed.deadline(),
      );
      // Assess
      await expect(failed).rejects.toBeInstanceOf(ProviderUnavailableError);
      expect(plain.http.requests).toHaveLength(1);
      expect(created).toEqual({ id: 'e' });
      expect(keyed.http.requests).toHaveLength(2);
    });

    it('refreshes the token once on 401 and retries with the new one', async () => {
      // Prepare
      const { client, http, auth, time, deadline } = setup(json(401, fixture('invalid-token')), json(200, { ok: 3 }));
      // Act
      const body = await client.send({ method: 'GET', path: '/me' }, deadline());
      // Assess
      expect(body).toEqual({ ok: 3 });
      expect(auth.calls).toEqual([false, true]);
      expect(http.requests.map((r) => r.headers.get('authorization'))).toEqual([
        'Bearer at-secret-1',
        'Bearer at-secret-2',
      ]);
      expect(time.state.sleeps).toEqual([]);
    });

    it('gives up after a second 401 without leaking the token', async () => {
      // Prepare
      const { client, http, deadline } = setup(json(401, fixture('invalid-token')));
      // Act
      const error = await client.send({ method: 'GET', path: '/me' }, deadline()).catch((e: unknown) => e);
      // Assess
      expect(error).toBeInstanceOf(ProviderError);
      expect(error).toMatchObject({ status: 401, code: 'InvalidAuthenticationToken' });
      expect(http.requests).toHaveLength(2);
      expect(String((error as Error).message)).not.toContain('at-secret');
    });

    it('does not start an attempt once the deadline is spent', async () => {
      // Prepare
      const { client, http, deadline } = setup(json(200, {}));
      // Act
      const sending = client.send({ method: 'GET', path: '/me' }, deadline(100));
      // Assess
      await expect(sending).rejects.toBeInstanceOf(ProviderUnavailableError);
      expect(http.requests).toHaveLength(0);
    });

    it('reports each round trip with path (no query), status and attempt', async () => {
      // Prepare
      const { client, events, deadline } = setup(throttled('0'), json(200, {}));
      // Act
      await client.send({ method: 'GET', path: '/me/calendarView', query: { startDateTime: 'x' } }, deadline());
      // Assess
      expect(events).toEqual([
        expect.objectContaining({
          method: 'GET',
          path: '/me/calendarView',
          status: 429,
          attempt: 0,
          outcome: 'response',
        }),
        expect.objectContaining({
          method: 'GET',
          path: '/me/calendarView',
          status: 200,
          attempt: 1,
          outcome: 'response',
        }),
      ]);
    });
  });

  describe('Method: send (outcome of a failed write)', () => {
    it('says the outcome is unknown when the answer to a write was lost (timeout, 5xx), at any attempt', async () => {
      // Prepare: a POST that times out, then is throttled until the attempts run out
      const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      const lost = setup(timeout, throttled('0'), throttled('0'));
      const failed = setup(...TRANSIENT.slice(0, 3).map(([, reply]) => reply()));
      const request = { method: 'POST' as const, path: '/me/events', body: {}, idempotent: true };
      // Act
      const unknown = await lost.client.send(request, lost.deadline()).catch((e: unknown) => e);
      const fiveHundred = await failed.client.send(request, failed.deadline()).catch((e: unknown) => e);
      // Assess
      expect(unknown).toBeInstanceOf(ProviderUnavailableError);
      expect((unknown as ProviderUnavailableError).outcomeUnknown).toBe(true);
      expect((fiveHundred as ProviderUnavailableError).outcomeUnknown).toBe(true);
    });

    it('says the outcome is known when every answer was a refusal (429) or the request was a read', async () => {
      // Prepare
      const throttledPost = setup(throttled('0'), throttled('0'), throttled('0'));
      const timeout = () => new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      const read = setup(timeout(), timeout(), timeout());
      // Act
      const refused = await throttledPost.client
        .send({ method: 'POST', path: '/me/events', body: {}, idempotent: true }, throttledPost.deadline())
        .catch((e: unknown) => e);
      const unread = await read.client.send({ method: 'GET', path: '/me' }, read.deadline()).catch((e: unknown) => e);
      // Assess
      expect((refused as ProviderUnavailableError).outcomeUnknown).toBe(false);
      expect((unread as ProviderUnavailableError).outcomeUnknown).toBe(false);
    });
  });

  describe('Method: send (paths, refusals and what a failure says)', () => {
    it('puts a path without a leading slash under the base, and reports the base itself as /', async () => {
      // Prepare
      const { client, http, events, deadline } = setup(json(200, {}));
      // Act
      await client.send({ method: 'GET', path: 'me/events' }, deadline());
      await client.send({ method: 'GET', path: BASE }, deadline());
      // Assess
      expect(http.requests.map((r) => r.url.href)).toEqual([`${BASE}/me/events`, BASE]);
      expect(events.map((e) => e.path)).toEqual(['/me/events', '/']);
    });

    it('names a link to another origin as such', async () => {
      // Prepare
      const { client, deadline } = setup(json(200, {}));
      // Act
      const sending = client.send({ method: 'GET', path: 'https://evil.example/v1.0/me' }, deadline());
      // Assess
      await expect(sending).rejects.toThrow('Microsoft Graph returned a link to another origin');
    });

    it('keeps the network failure as the cause of a lost write, whose outcome is unknown', async () => {
      // Prepare
      const hangUp = new TypeError('socket hang up');
      const { client, deadline } = setup(hangUp);
      // Act
      const error = await client.send({ method: 'POST', path: '/me/events', body: {} }, deadline()).catch((e) => e);
      // Assess
      expect(error).toBeInstanceOf(ProviderUnavailableError);
      expect(error).toMatchObject({ message: 'Microsoft Graph POST /me/events: network error', outcomeUnknown: true });
      expect((error as Error).cause).toBe(hangUp);
    });

    it('fails a request with no time left for an attempt, freeing its slot and logging the failure', async () => {
      // Prepare
      const time = manualClock();
      const gate = new ConcurrencyGate(4);
      const log = { warn: vi.fn() };
      const http = scriptedFetch(json(200, {}));
      const client = new GraphClient({
        baseUrl: BASE,
        tokens: fakeTokens().tokens,
        fetch: http.fetch,
        clock: time.clock,
        sleep: time.sleep,
        slots: gate.lane('adele'),
        log,
      });
      // Act
      const errors: unknown[] = [];
      for (let i = 0; i < 5; i++) {
        errors.push(
          await client.send({ method: 'GET', path: '/me' }, { at: time.state.now + 100 }).catch((e: Error) => e),
        );
      }
      // Assess
      expect(errors.map((e) => (e as Error).message)).toEqual(
        Array(5).fill('Microsoft Graph GET /me: deadline reached'),
      );
      expect(gate.inFlight('adele')).toBe(0);
      expect(http.requests).toHaveLength(0);
      expect(log.warn).toHaveBeenLastCalledWith('Microsoft Graph call failed', {
        method: 'GET',
        path: '/me',
        status: undefined,
        attempts: 0,
        error: 'ProviderUnavailableError',
        code: undefined,
        requestId: undefined,
        clientRequestId: expect.any(String),
      });
    });
  });

  describe('Method: refreshTokens', () => {
    it('asks the token source for a fresh token, however fresh the cached one is', async () => {
      // Prepare
      const { client, auth, http, deadline } = setup(json(200, {}));
      // Act
      await client.refreshTokens(deadline());
      // Assess
      expect(auth.calls).toEqual([true]);
      expect(http.requests).toHaveLength(0);
    });
  });
});
