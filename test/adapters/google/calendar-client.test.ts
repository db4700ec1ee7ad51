import { describe, expect, it, vi } from 'vitest';
import { CalendarClient } from '../../../functions/adapters/google/calendar-client';
import { CalendarApiError } from '../../../functions/adapters/google/calendar-errors';
import { UnreadableAnswerError } from '../../../functions/adapters/shared/https-response';
import { NotFoundError, ProviderUnavailableError, ReconnectRequiredError } from '../../../functions/domain/errors';
import { API, CAL, fakeTokens, googleFetch, calendarHarness as setup, googleError, json, manualClock } from './helpers';

const LIST = `GET ${CAL}/users/me/calendarList`;
const request = { method: 'GET' as const, path: '/users/me/calendarList', query: { maxResults: '250' } };

describe('Class: CalendarClient', () => {
  describe('Method: send (request shape)', () => {
    it('sends bearer auth and JSON accept to the v3 root, and reports the round trip without query', async () => {
      // Prepare
      const { client, http, events, deadline } = setup({ [LIST]: json(200, { items: [] }) });
      // Act
      const body = await client.send(request, deadline());
      // Assess
      const [seen] = http.requests;
      expect(body).toEqual({ items: [] });
      expect(seen!.url.href).toBe(`${API}${CAL}/users/me/calendarList?maxResults=250`);
      expect(seen!.headers.get('authorization')).toBe('Bearer ya29.at-secret-1');
      expect(seen!.headers.get('accept')).toBe('application/json');
      expect(events).toEqual([
        { method: 'GET', path: '/users/me/calendarList', attempt: 0, status: 200, outcome: 'response', durationMs: 0 },
      ]);
    });

    it('sends JSON bodies and resolves undefined for 204', async () => {
      // Prepare
      const path = '/calendars/primary/events/abc';
      const { client, http, deadline } = setup({ [`PATCH ${CAL}${path}`]: json(204) });
      // Act
      const body = await client.send({ method: 'PATCH', path, body: { summary: 'x' } }, deadline());
      // Assess
      expect(body).toBeUndefined();
      expect(http.requests[0]!.headers.get('content-type')).toBe('application/json');
      expect(http.requests[0]!.json).toEqual({ summary: 'x' });
    });
  });

  describe('Method: send (throttling and outages)', () => {
    it.each([
      ['403 rateLimitExceeded', 'error-rate-limit'],
      ['403 userRateLimitExceeded', 'error-user-rate-limit'],
      ['429', 'error-too-many-requests'],
      ['503 backendError', 'error-backend'],
    ])('retries %s and then succeeds', async (_what, name) => {
      // Prepare
      const { client, http, time, deadline } = setup({ [LIST]: [googleError(name), json(200, { items: [] })] });
      // Act
      const body = await client.send(request, deadline());
      // Assess
      expect(body).toEqual({ items: [] });
      expect(http.requests).toHaveLength(2);
      expect(time.state.sleeps).toEqual([250]);
    });

    it("reports each round trip with Google's error reason, so a 403 rate limit counts as a throttle", async () => {
      // Prepare
      const { client, events, deadline } = setup({ [LIST]: [googleError('error-rate-limit'), json(200, {})] });
      // Act
      await client.send(request, deadline());
      // Assess
      expect(events.map((e) => [e.status, e.reason])).toEqual([
        [403, 'rateLimitExceeded'],
        [200, undefined],
      ]);
      expect(events[1]).not.toHaveProperty('reason');
    });

    it.each([
      ['403 rateLimitExceeded', 'error-rate-limit'],
      ['403 userRateLimitExceeded', 'error-user-rate-limit'],
      ['429', 'error-too-many-requests'],
    ])('gives up on %s as unavailable, never as a revoked grant', async (_what, name) => {
      // Prepare
      const { client, http, auth, log, deadline } = setup({ [LIST]: googleError(name) });
      // Act
      const sending = client.send(request, deadline());
      // Assess
      await expect(sending).rejects.toBeInstanceOf(ProviderUnavailableError);
      await expect(sending).rejects.not.toBeInstanceOf(ReconnectRequiredError);
      expect(http.requests).toHaveLength(3);
      expect(auth.calls).toEqual([false, false, false]);
      expect(log.warn).toHaveBeenCalledTimes(1);
      expect(log.warn).toHaveBeenCalledWith('Google Calendar call failed', {
        method: 'GET',
        path: '/users/me/calendarList',
        status: name === 'error-too-many-requests' ? 429 : 403,
        reason: name === 'error-user-rate-limit' ? 'userRateLimitExceeded' : 'rateLimitExceeded',
        attempts: 3,
        error: 'ProviderUnavailableError',
      });
    });

    it('honours Retry-After', async () => {
      // Prepare
      const throttled = googleError('error-too-many-requests', { 'Retry-After': '2' });
      const { client, time, deadline } = setup({ [LIST]: [throttled, json(200, {})] });
      // Act
      await client.send(request, deadline());
      // Assess
      expect(time.state.sleeps).toEqual([2_000]);
    });

    it('does not wait past the deadline', async () => {
      // Prepare
      const throttled = googleError('error-too-many-requests', { 'Retry-After': '30' });
      const { client, http, deadline } = setup({ [LIST]: throttled });
      // Act
      const sending = client.send(request, deadline(5_000));
      // Assess
      await expect(sending).rejects.toThrow(/retry would outlive the deadline/);
      expect(http.requests).toHaveLength(1);
    });

    it('does not retry a quota 403 (slowing down is the point), and calls it unavailable', async () => {
      // Prepare
      const { client, http, deadline } = setup({ [LIST]: googleError('error-quota') });
      // Act
      const sending = client.send(request, deadline());
      // Assess
      await expect(sending).rejects.toBeInstanceOf(ProviderUnavailableError);
      expect(http.requests).toHaveLength(1);
    });

    it('retries a network failure of a GET, and a timed-out one ends unavailable', async () => {
      // Prepare
      const timeout = Object.assign(new Error('aborted'), { name: 'TimeoutError' });
      const { client, http, events, deadline } = setup({ [LIST]: [new TypeError('fetch failed'), timeout] });
      // Act
      const sending = client.send(request, deadline());
      // Assess
      await expect(sending).rejects.toThrow(/timed out/);
      expect(http.requests).toHaveLength(3);
      expect(events.map((e) => e.outcome)).toEqual(['network-error', 'timeout', 'timeout']);
    });

    it('retries a POST only when it is idempotent (a client-supplied id)', async () => {
      // Prepare
      const path = '/calendars/primary/events';
      const { client, http, deadline } = setup({ [`POST ${CAL}${path}`]: googleError('error-backend') });
      // Act
      await expect(client.send({ method: 'POST', path, body: {} }, deadline())).rejects.toThrow();
      await expect(client.send({ method: 'POST', path, body: {}, idempotent: true }, deadline())).rejects.toThrow();
      // Assess
      expect(http.requests).toHaveLength(1 + 3);
    });
  });

  describe('Method: send (401)', () => {
    it('refreshes the token once after a 401 and retries at once', async () => {
      // Prepare
      const { client, http, auth, time, deadline } = setup({ [LIST]: [googleError('error-auth'), json(200, {})] });
      // Act
      await client.send(request, deadline());
      // Assess
      expect(auth.calls).toEqual([false, true]);
      expect(http.requests.map((r) => r.headers.get('authorization'))).toEqual([
        'Bearer ya29.at-secret-1',
        'Bearer ya29.at-secret-2',
      ]);
      expect(time.state.sleeps).toEqual([]);
    });

    it('calls a second 401 (a fresh token refused) a revoked grant', async () => {
      // Prepare
      const { client, http, auth, deadline } = setup({ [LIST]: googleError('error-auth') });
      // Act
      const sending = client.send(request, deadline());
      // Assess
      await expect(sending).rejects.toBeInstanceOf(ReconnectRequiredError);
      expect(auth.calls).toEqual([false, true]);
      expect(http.requests).toHaveLength(2);
    });

    it('still refreshes on a 401 that follows the retries of an outage', async () => {
      // Prepare
      const replies = [googleError('error-backend'), googleError('error-backend'), googleError('error-auth')];
      const { client, auth, deadline } = setup({ [LIST]: [...replies, json(200, { ok: true })] });
      // Act
      const body = await client.send(request, deadline());
      // Assess
      expect(body).toEqual({ ok: true });
      expect(auth.calls).toEqual([false, false, false, true]);
    });
  });

  describe('Method: send (final answers)', () => {
    it.each([
      ['404', 'error-not-found'],
      ['410', 'error-deleted'],
    ])('maps %s to NotFoundError without a warning', async (_status, name) => {
      // Prepare
      const { client, log, deadline } = setup({ [LIST]: googleError(name) });
      // Act
      const sending = client.send(request, deadline());
      // Assess
      await expect(sending).rejects.toBeInstanceOf(NotFoundError);
      expect(log.warn).not.toHaveBeenCalled();
    });

    it('turns a 403 insufficientPermissions (calendar access taken back) into a reconnect, not retried', async () => {
      // Prepare
      const { client, http, deadline } = setup({ [LIST]: googleError('error-insufficient-permissions') });
      // Act
      const sending = client.send(request, deadline());
      // Assess
      await expect(sending).rejects.toMatchObject({ name: 'ReconnectRequiredError' });
      expect(http.requests).toHaveLength(1);
    });

    it.each([['error-forbidden-non-organizer', 'forbiddenForNonOrganizer']])(
      'keeps a permanent 403 (%s) as a ProviderError with the reason as code',
      async (name, reason) => {
        // Prepare
        const { client, http, deadline } = setup({ [LIST]: googleError(name) });
        // Act
        const sending = client.send(request, deadline());
        // Assess
        await expect(sending).rejects.toBeInstanceOf(CalendarApiError);
        await expect(sending).rejects.toMatchObject({ status: 403, code: reason });
        expect(http.requests).toHaveLength(1);
      },
    );

    it('does not warn about a status the caller said it handles', async () => {
      // Prepare
      const path = '/calendars/primary/events';
      const { client, log, deadline } = setup({ [`POST ${CAL}${path}`]: googleError('error-duplicate') });
      // Act
      const sending = client.send({ method: 'POST', path, body: {}, idempotent: true, answers: [409] }, deadline());
      // Assess
      await expect(sending).rejects.toMatchObject({ status: 409, code: 'duplicate' });
      expect(log.warn).not.toHaveBeenCalled();
    });
  });

  describe('Method: send (outcome of a failed write)', () => {
    const INSERT = `POST ${CAL}/calendars/primary/events`;
    const insert = { method: 'POST' as const, path: '/calendars/primary/events', body: {}, idempotent: true };

    it('says the outcome is unknown when an insert was sent and its answer lost (5xx, timeout)', async () => {
      // Prepare
      const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
      const { client, deadline } = setup({
        [INSERT]: [googleError('error-backend'), timeout, googleError('error-backend')],
      });
      // Act
      const error = await client.send(insert, deadline()).catch((e: unknown) => e);
      // Assess
      expect(error).toBeInstanceOf(ProviderUnavailableError);
      expect((error as ProviderUnavailableError).outcomeUnknown).toBe(true);
    });

    it('says the outcome is known when every answer was a 429 refusal', async () => {
      // Prepare
      const tooMany = () => googleError('error-too-many-requests');
      const { client, deadline } = setup({ [INSERT]: [tooMany(), tooMany(), tooMany()] });
      // Act
      const error = await client.send(insert, deadline()).catch((e: unknown) => e);
      // Assess
      expect(error).toBeInstanceOf(ProviderUnavailableError);
      expect((error as ProviderUnavailableError).outcomeUnknown).toBe(false);
    });
  });

  describe('Method: send (base URL, path, headers)', () => {
    it('joins a base URL ending in slashes and a path without a leading one, with no round-trip hook', async () => {
      // Prepare
      const time = manualClock();
      const http = googleFetch({ [LIST]: json(200, { items: [] }) });
      const client = new CalendarClient({
        baseUrl: `${API}${CAL}//`,
        tokens: fakeTokens().tokens,
        fetch: http.fetch,
        clock: time.clock,
        sleep: time.sleep,
      });
      // Act
      const body = await client.send({ method: 'GET', path: 'users/me/calendarList' }, { at: time.state.now + 10_000 });
      // Assess
      expect(body).toEqual({ items: [] });
      expect(http.requests[0]!.url.href).toBe(`${API}${CAL}/users/me/calendarList`);
    });

    it('sends no Content-Type without a body', async () => {
      // Prepare
      const { client, http, deadline } = setup({ [LIST]: json(200, {}) });
      // Act
      await client.send(request, deadline());
      // Assess
      expect(http.requests[0]!.headers.has('content-type')).toBe(false);
    });

    it('names the call in the error of a final answer and of a deadline it cannot meet', async () => {
      // Prepare
      const { client, deadline } = setup({ [LIST]: googleError('error-forbidden-non-organizer') });
      const throttled = setup({ [LIST]: googleError('error-too-many-requests', { 'Retry-After': '30' }) });
      // Act
      const final = client.send(request, deadline());
      const late = throttled.client.send(request, throttled.deadline(5_000));
      // Assess
      await expect(final).rejects.toThrow('Google Calendar GET /users/me/calendarList failed: 403');
      await expect(late).rejects.toThrow(
        'Google Calendar GET /users/me/calendarList: retry would outlive the deadline',
      );
    });

    it('logs a call whose access token could not be had with 0 attempts', async () => {
      // Prepare
      const time = manualClock();
      const log = { warn: vi.fn() };
      const http = googleFetch();
      const client = new CalendarClient({
        baseUrl: `${API}${CAL}`,
        tokens: { getAccessToken: async () => Promise.reject(new ReconnectRequiredError()) },
        fetch: http.fetch,
        clock: time.clock,
        sleep: time.sleep,
        log,
      });
      // Act
      await expect(client.send(request, { at: time.state.now + 10_000 })).rejects.toBeInstanceOf(
        ReconnectRequiredError,
      );
      // Assess
      expect(http.requests).toHaveLength(0);
      expect(log.warn).toHaveBeenCalledWith('Google Calendar call failed', expect.objectContaining({ attempts: 0 }));
    });

    it('takes a 300 answer as a final failure, reported once', async () => {
      // Prepare
      const { client, events, deadline } = setup({ [LIST]: json(300, {}) });
      // Act
      const sending = client.send(request, deadline());
      // Assess
      await expect(sending).rejects.toMatchObject({ status: 300, code: 'Http300' });
      expect(events).toHaveLength(1);
    });
  });

  describe('Method: send (network failures)', () => {
    it('keeps the network failure as the cause, and says a GET changed nothing', async () => {
      // Prepare
      const failure = new TypeError('fetch failed');
      const { client, deadline } = setup({ [LIST]: failure });
      // Act
      const error = await client.send(request, deadline()).catch((e: unknown) => e);
      // Assess
      expect(error).toBeInstanceOf(ProviderUnavailableError);
      expect((error as Error).cause).toBe(failure);
      expect((error as ProviderUnavailableError).outcomeUnknown).toBe(false);
    });

    it('does not retry an answer it could not read', async () => {
      // Prepare
      const { client, http, deadline } = setup({ [LIST]: new UnreadableAnswerError('BODY_TOO_LARGE', 'too large') });
      // Act
      const sending = client.send(request, deadline());
      // Assess
      await expect(sending).rejects.toThrow('Google Calendar GET /users/me/calendarList: unreadable answer');
      expect(http.requests).toHaveLength(1);
    });

    it('does not retry a network failure of a POST without a client-supplied id', async () => {
      // Prepare
      const path = '/calendars/primary/events';
      const { client, http, deadline } = setup({ [`POST ${CAL}${path}`]: new TypeError('fetch failed') });
      // Act
      const sending = client.send({ method: 'POST', path, body: {} }, deadline());
      // Assess
      await expect(sending).rejects.toBeInstanceOf(ProviderUnavailableError);
      expect(http.requests).toHaveLength(1);
    });

    it('says a GET that ended in 5xx changed nothing', async () => {
      // Prepare
      const { client, deadline } = setup({ [LIST]: googleError('error-backend') });
      // Act
      const error = await client.send(request, deadline()).catch((e: unknown) => e);
      // Assess
      expect(error).toBeInstanceOf(ProviderUnavailableError);
      expect((error as ProviderUnavailableError).outcomeUnknown).toBe(false);
    });
  });

  describe('Method: send (outcome of a failed write, each kind)', () => {
    const INSERT = `POST ${CAL}/calendars/primary/events`;
    const insert = { method: 'POST' as const, path: '/calendars/primary/events', body: {}, idempotent: true };
    const status500 = { error: { errors: [{ reason: 'backendError' }], code: 500, message: 'Backend Error' } };

    it.each([
      ['network failures', () => new TypeError('fetch failed'), 'ProviderUnavailableError'],
      ['500 answers', () => json(500, status500), 'CalendarApiError'],
      ['503 answers', () => googleError('error-backend'), 'CalendarApiError'],
    ])('says the outcome is unknown after %s, keeping the last failure as the cause', async (_what, reply, cause) => {
      // Prepare
      const { client, deadline } = setup({ [INSERT]: [reply(), reply(), reply()] });
      // Act
      const error = await client.send(insert, deadline()).catch((e: unknown) => e);
      // Assess
      expect(error).toBeInstanceOf(ProviderUnavailableError);
      expect((error as ProviderUnavailableError).outcomeUnknown).toBe(true);
      expect((error as Error).cause).toMatchObject({ name: cause === 'CalendarApiError' ? cause : 'TypeError' });
    });
  });

  describe('Method: refreshTokens', () => {
    it('forces a token refresh', async () => {
      // Prepare
      const { client, auth, deadline } = setup();
      // Act
      await client.refreshTokens(deadline());
      // Assess
      expect(auth.calls).toEqual([true]);
    });
  });
});
