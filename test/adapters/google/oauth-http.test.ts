/** sendOAuth: the headers it sends, and the errors a network failure or a spent retry budget ends in. */
import { describe, expect, it } from 'vitest';
import { sendOAuth } from '../../../functions/adapters/google/oauth-http';
import { transportOf } from '../../../functions/adapters/shared/http-retry';
import { googleFetch, json, manualClock } from './helpers';

const URL_TOKEN = new URL('https://oauth2.googleapis.com/token');

/** A transport over a routed fetch answering `replies` for POST /token. */
function setup(...replies: Parameters<ReturnType<typeof googleFetch>['on']>[1][]) {
  const time = manualClock();
  const http = googleFetch({ 'POST /token': replies });
  const transport = transportOf({ fetch: http.fetch, clock: time.clock, sleep: time.sleep, random: () => 1 });
  const deadline = { at: time.state.now + 60_000 };
  const send = (retryNetwork: boolean) =>
    sendOAuth(transport, { method: 'POST', url: URL_TOKEN, path: '/token', form: { a: 'b' }, retryNetwork }, deadline);
  return { http, send };
}

describe('Function: sendOAuth', () => {
  it('asks for JSON and sends the form encoded', async () => {
    // Prepare
    const { http, send } = setup(json(200, { ok: true }));
    // Act
    const reply = await send(true);
    // Assess
    expect(reply.body).toEqual({ ok: true });
    expect(http.requests[0]!.headers.get('accept')).toBe('application/json');
    expect(http.requests[0]!.body).toBe('a=b');
  });

  it('ends a network failure, without retries, as unavailable naming the call and keeping the cause', async () => {
    // Prepare
    const cause = new TypeError('fetch failed');
    const { http, send } = setup(cause, json(200, {}));
    // Act
    const sending = send(false);
    // Assess
    await expect(sending).rejects.toMatchObject({
      name: 'ProviderUnavailableError',
      message: 'Google sign-in POST /token: network error',
      cause,
    });
    expect(http.requests).toHaveLength(1);
  });

  it('throws the last network failure once the retries are spent', async () => {
    // Prepare
    const { http, send } = setup(new TypeError('fetch failed'));
    // Act
    const sending = send(true);
    // Assess
    await expect(sending).rejects.toMatchObject({
      name: 'ProviderUnavailableError',
      message: 'Google sign-in POST /token: network error',
    });
    expect(http.requests).toHaveLength(3);
  });

  it('names the status of a transient answer it retried to the end', async () => {
    // Prepare
    const { http, send } = setup(json(503, {}));
    // Act
    const sending = send(false);
    // Assess
    await expect(sending).rejects.toMatchObject({
      name: 'ProviderUnavailableError',
      message: 'Google sign-in POST /token: 503',
    });
    expect(http.requests).toHaveLength(3);
  });
});
