/** redeemRefreshToken on its own: how each token-endpoint answer or failure is typed, and msal's in-memory throttle. */
import { describe, expect, it } from 'vitest';
import type { LoginRequestEvent } from '../../../functions/adapters/microsoft/login-url';
import { type RefreshThrottle, redeemRefreshToken } from '../../../functions/adapters/microsoft/token-refresh';
import type { ProviderError } from '../../../functions/domain/errors';
import { fixture, json, manualClock, scriptedFetch } from './helpers';

const TOKENS = { token_type: 'Bearer', expires_in: 3599, access_token: 'at-secret-2', refresh_token: 'rt-secret-2' };

/** A refresh against a scripted token endpoint on a manual clock, logging each login round trip. */
function harness(...replies: Parameters<typeof scriptedFetch>) {
  const time = manualClock();
  const http = scriptedFetch(...replies);
  const events: LoginRequestEvent[] = [];
  const throttle: RefreshThrottle = {};
  const app = {
    clientId: 'client-1',
    tenantId: 'tid-1',
    clientSecret: 'app-secret',
    fetch: http.fetch,
    clock: time.clock,
    onLoginRequest: (event: LoginRequestEvent) => events.push(event),
  };
  const refresh = (ms = 10_000) => redeemRefreshToken(app, 'rt-secret-1', { at: time.state.now + ms }, throttle);
  /** The error a refresh fails with (a refresh that succeeds fails the test). */
  const failure = (ms = 10_000) =>
    refresh(ms).then(
      () => expect.unreachable('the refresh should have failed'),
      (error: unknown) => error as Error,
    );
  return { time, http, events, throttle, refresh, failure };
}

const text = (status: number, body: string) => new Response(body, { status, headers: { 'content-type': 'text/html' } });

describe('Function: redeemRefreshToken', () => {
  it('returns the tokens of a 2xx answer', async () => {
    // Prepare
    const { refresh } = harness(json(200, TOKENS));
    // Act
    const outcome = await refresh();
    // Assess
    expect(outcome).toMatchObject({ tokens: { access_token: 'at-secret-2', expires_in: 3599 } });
  });

  it.each([
    ['a page that is not JSON', text(200, '<html>proxy</html>'), 'token_parsing_error'],
    ['JSON without an access token', json(200, { token_type: 'Bearer', expires_in: 3599 }), 'NoAccessToken'],
  ])('rejects a 2xx with %s as a ProviderError named as msal names it', async (_name, reply, code) => {
    // Prepare
    const { failure } = harness(reply);
    // Act
    const error = (await failure()) as ProviderError;
    // Assess
    expect(error).toMatchObject({ name: 'ProviderError', status: 200, code });
    expect(String(error.cause)).toBe(`Error: Microsoft token endpoint 200 ${code}`);
  });

  it.each([
    [503, 'ProviderUnavailableError', 'temporarily_unavailable'],
    [500, 'ProviderUnavailableError', 'temporarily_unavailable'],
    [429, 'ProviderUnavailableError', 'temporarily_unavailable'],
    [502, 'ProviderUnavailableError', 'temporarily_unavailable'],
    [400, 'ProviderError', 'invalid_response'],
    [499, 'ProviderError', 'invalid_response'],
  ])('names a %i whose body is not JSON by its status (%s)', async (status, name, code) => {
    // Prepare
    const { failure } = harness(text(status, '<html>gateway</html>'));
    // Act
    const error = await failure();
    // Assess
    expect(error.name).toBe(name);
    expect(String(error.cause)).toBe(`Error: Microsoft token endpoint ${status} ${code}`);
    if (name === 'ProviderError') expect(error).toMatchObject({ code });
  });

  it("reads Entra's error body: code and suberror in the cause, an absent field as unknown", async () => {
    // Prepare
    const { failure } = harness(
      json(401, fixture('login-invalid-client')),
      json(400, { error: 'invalid_grant', suberror: 'bad_token' }),
      json(400, { error_description: 'no code' }),
    );
    // Act
    const refused = (await failure()) as ProviderError;
    const gone = await failure();
    const bare = (await failure()) as ProviderError;
    // Assess
    expect(refused).toMatchObject({ name: 'ProviderError', status: 401, code: 'invalid_client' });
    expect(String(refused.cause)).toBe('Error: Microsoft token endpoint 401 invalid_client');
    expect(gone.name).toBe('ReconnectRequiredError');
    expect(String(gone.cause)).toBe('Error: Microsoft token endpoint 400 invalid_grant/bad_token');
    expect(bare).toMatchObject({ name: 'ProviderError', status: 400, code: 'unknown' });
  });

  it('fails without a round trip when the deadline leaves no time', async () => {
    // Prepare
    const { http, failure } = harness(json(200, TOKENS));
    // Act
    const error = await failure(200);
    // Assess
    expect(error.name).toBe('ProviderUnavailableError');
    expect(String(error.cause)).toBe('Error: Microsoft token endpoint deadline');
    expect(http.requests).toHaveLength(0);
  });

  it.each([
    ['a timeout', new DOMException('timed out', 'TimeoutError'), 'timeout', 'TimeoutError'],
    ['a network failure', new TypeError('fetch failed'), 'network-error', 'TypeError'],
  ])('reports %s as unavailable, and logs it as such', async (_name, thrown, what, errorName) => {
    // Prepare
    const { events, failure } = harness(thrown);
    // Act
    const error = await failure();
    // Assess
    expect(error.name).toBe('ProviderUnavailableError');
    expect(String(error.cause)).toBe(`Error: Microsoft token endpoint ${what} (${errorName})`);
    expect(events).toEqual([{ method: 'POST', path: '/tid-1/oauth2/v2.0/token', durationMs: 0, outcome: what }]);
  });

  describe('throttle (msal ThrottlingUtils)', () => {
    it('fails the same refresh at once until Retry-After has passed, naming the wait left', async () => {
      // Prepare
      const { time, http, failure } = harness(
        json(429, fixture('login-temporarily-unavailable'), { 'Retry-After': '30' }),
      );
      await failure();
      // Act
      time.state.now += 10_000;
      const throttled = await failure();
      time.state.now += 20_000;
      await failure();
      // Assess
      expect(throttled.name).toBe('ProviderUnavailableError');
      expect(throttled.message).toBe('Microsoft sign-in service unavailable (Retry-After 20 s)');
      expect(String(throttled.cause)).toBe('Error: Microsoft token endpoint 429 throttled');
      expect(http.requests).toHaveLength(2);
    });

    it.each([
      ['without Retry-After', {}],
      ['with Retry-After: 0, as msal reads it', { 'Retry-After': '0' }],
    ])('holds a 5xx %s for 60 s', async (_name, headers) => {
      // Prepare
      const { time, http, refresh, failure } = harness(
        json(503, fixture('login-temporarily-unavailable'), headers),
        json(200, TOKENS),
      );
      await failure();
      // Act
      time.state.now += 59_999;
      const throttled = await failure();
      time.state.now += 1;
      const outcome = await refresh();
      // Assess
      expect(throttled.message).toBe('Microsoft sign-in service unavailable (Retry-After 1 s)');
      expect(outcome).toMatchObject({ tokens: { access_token: 'at-secret-2' } });
      expect(http.requests).toHaveLength(2);
    });

    it('caps a long Retry-After at an hour', async () => {
      // Prepare
      const { time, http, refresh, failure } = harness(json(429, {}, { 'Retry-After': '86400' }), json(200, TOKENS));
      await failure();
      // Act
      time.state.now += 3_599_000;
      const throttled = await failure();
      time.state.now += 1_000;
      const outcome = await refresh();
      // Assess
      expect(throttled.message).toBe('Microsoft sign-in service unavailable (Retry-After 1 s)');
      expect(outcome).toMatchObject({ tokens: { access_token: 'at-secret-2' } });
      expect(http.requests).toHaveLength(2);
    });
  });
});
