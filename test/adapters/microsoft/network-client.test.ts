import { describe, expect, it } from 'vitest';
import {
  MsalNetworkClient,
  rewriteLoginUrl,
  type LoginRequestEvent,
} from '../../../functions/adapters/microsoft/network-client';
import { json, manualClock, scriptedFetch } from './helpers';

const TOKEN_URL = 'https://login.microsoftonline.com/tid-1/oauth2/v2.0/token?client-request-id=abc';

describe('Class: MsalNetworkClient', () => {
  it('rewrites the Microsoft login origin to the sandbox and returns status, headers and JSON body', async () => {
    // Prepare
    const http = scriptedFetch(json(400, { error: 'invalid_grant' }, { 'x-ms-request-id': 'r1' }));
    const events: LoginRequestEvent[] = [];
    const client = new MsalNetworkClient({
      fetch: http.fetch,
      loginBaseUrl: 'http://localhost:3000/_sandbox/login/',
      onRequest: (e) => events.push(e),
    });
    // Act
    const response = await client.sendPostRequestAsync(TOKEN_URL, {
      body: 'grant_type=refresh_token',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    });
    // Assess
    expect(http.requests[0]!.url.href).toBe(
      'http://localhost:3000/_sandbox/login/tid-1/oauth2/v2.0/token?client-request-id=abc',
    );
    expect(http.requests[0]!.body).toBe('grant_type=refresh_token');
    expect(response).toEqual({
      status: 400,
      headers: expect.objectContaining({ 'x-ms-request-id': 'r1' }),
      body: { error: 'invalid_grant' },
    });
    expect(client.lastStatus).toBe(400);
    expect(events).toEqual([
      expect.objectContaining({ method: 'POST', path: '/_sandbox/login/tid-1/oauth2/v2.0/token', status: 400 }),
    ]);
  });

  it('drops every trailing slash of the sandbox base', () => {
    // Act & Assess
    expect(rewriteLoginUrl(TOKEN_URL, 'http://localhost:3000/_sandbox/login//')).toBe(
      'http://localhost:3000/_sandbox/login/tid-1/oauth2/v2.0/token?client-request-id=abc',
    );
  });

  it('leaves URLs alone without a sandbox base', () => {
    // Act & Assess
    expect(rewriteLoginUrl(TOKEN_URL, undefined)).toBe(TOKEN_URL);
    expect(rewriteLoginUrl('https://graph.microsoft.com/v1.0/me', 'http://x')).toBe(
      'https://graph.microsoft.com/v1.0/me',
    );
  });

  it('always sends a timeout signal and refuses to start past the deadline', async () => {
    // Prepare
    const time = manualClock();
    const http = scriptedFetch(json(200, {}));
    const client = new MsalNetworkClient({ fetch: http.fetch, clock: time.clock });
    // Act
    await client.sendGetRequestAsync('https://login.microsoftonline.com/x');
    client.setDeadline({ at: time.state.now + 100 });
    const late = client.sendPostRequestAsync(TOKEN_URL, { body: '' });
    // Assess
    expect(http.requests[0]!.signal).toBeInstanceOf(AbortSignal);
    await expect(late).rejects.toMatchObject({ errorCode: 'network_error' });
    expect(http.requests).toHaveLength(1);
  });

  it.each([
    [new TypeError('fetch failed'), 'network-error'],
    [new DOMException('timed out', 'TimeoutError'), 'timeout'],
  ])('turns %s into an msal network_error', async (failure, outcome) => {
    // Prepare
    const http = scriptedFetch(failure);
    const events: LoginRequestEvent[] = [];
    const client = new MsalNetworkClient({ fetch: http.fetch, onRequest: (e) => events.push(e) });
    // Act
    const sending = client.sendPostRequestAsync(TOKEN_URL, { body: '' });
    // Assess
    await expect(sending).rejects.toMatchObject({ name: 'ClientAuthError', errorCode: 'network_error' });
    expect(events[0]!.outcome).toBe(outcome);
  });

  it('gives msal an OAuth-shaped error for a non-JSON 503 page, and a parse error for a non-JSON 200', async () => {
    // Prepare
    const http = scriptedFetch(
      new Response('<html>busy</html>', { status: 503 }),
      new Response('oops', { status: 200 }),
    );
    const client = new MsalNetworkClient({ fetch: http.fetch });
    // Act
    const busy = await client.sendPostRequestAsync(TOKEN_URL, { body: '' });
    const broken = client.sendPostRequestAsync(TOKEN_URL, { body: '' });
    // Assess
    expect(busy).toMatchObject({ status: 503, body: { error: 'temporarily_unavailable' } });
    await expect(broken).rejects.toMatchObject({ errorCode: 'token_parsing_error' });
  });

  it('sends a GET without a body and a POST with an empty one, and logs each answer with its duration', async () => {
    // Prepare
    const time = manualClock();
    const http = scriptedFetch(() => {
      time.state.now += 120;
      return json(200, {});
    });
    const events: LoginRequestEvent[] = [];
    const client = new MsalNetworkClient({ fetch: http.fetch, clock: time.clock, onRequest: (e) => events.push(e) });
    // Act
    await client.sendGetRequestAsync('https://login.microsoftonline.com/common/discovery/instance');
    await client.sendPostRequestAsync(TOKEN_URL, {});
    // Assess
    expect(http.requests.map((r) => [r.method, r.body])).toEqual([
      ['GET', undefined],
      ['POST', ''],
    ]);
    expect(events).toEqual([
      { method: 'GET', path: '/common/discovery/instance', durationMs: 120, outcome: 'response', status: 200 },
      { method: 'POST', path: '/tid-1/oauth2/v2.0/token', durationMs: 120, outcome: 'response', status: 200 },
    ]);
  });

  it.each([
    ['with no time left', 250],
    ['past it', 100],
  ])('fails a request %s before sending or logging it, as msal names a network error', async (_name, leftMs) => {
    // Prepare
    const time = manualClock();
    const http = scriptedFetch(json(200, {}));
    const events: LoginRequestEvent[] = [];
    const client = new MsalNetworkClient({ fetch: http.fetch, clock: time.clock, onRequest: (e) => events.push(e) });
    client.setDeadline({ at: time.state.now + leftMs });
    // Act
    const bare = await client.sendGetRequestAsync('https://login.microsoftonline.com/x').catch((e: unknown) => e);
    const tagged = await client.sendPostRequestAsync(TOKEN_URL, { correlationId: 'c-1' }).catch((e: unknown) => e);
    // Assess
    expect(bare).toMatchObject({ name: 'ClientAuthError', errorCode: 'network_error', correlationId: '' });
    expect(bare).toMatchObject({ errorMessage: 'Deadline reached before the request' });
    expect(tagged).toMatchObject({ errorCode: 'network_error', correlationId: 'c-1' });
    expect(http.requests).toHaveLength(0);
    expect(events).toHaveLength(0);
  });

  it.each([
    [new TypeError('fetch failed'), 'Network request failed'],
    [new DOMException('timed out', 'TimeoutError'), 'Request timeout'],
  ])('tells msal which failure %s was, under its correlation id', async (failure, message) => {
    // Prepare
    const client = new MsalNetworkClient({ fetch: scriptedFetch(failure).fetch });
    // Act
    const tagged = await client.sendPostRequestAsync(TOKEN_URL, { correlationId: 'c-1' }).catch((e: unknown) => e);
    const bare = await client.sendGetRequestAsync('https://login.microsoftonline.com/x').catch((e: unknown) => e);
    // Assess
    expect(tagged).toMatchObject({ errorCode: 'network_error', correlationId: 'c-1', errorMessage: message });
    expect(bare).toMatchObject({ errorCode: 'network_error', correlationId: '' });
    expect(client.lastStatus).toBeUndefined();
  });

  it.each([
    [429, 'temporarily_unavailable'],
    [500, 'temporarily_unavailable'],
    [400, 'invalid_response'],
    [404, 'invalid_response'],
  ])('names a non-JSON %i page by its status for msal (%s)', async (status, error) => {
    // Prepare
    const client = new MsalNetworkClient({ fetch: scriptedFetch(new Response('<html/>', { status })).fetch });
    // Act
    const response = await client.sendPostRequestAsync(TOKEN_URL, { body: '' });
    // Assess
    expect(response).toMatchObject({ status, body: { error } });
  });

  it('fails a non-JSON 2xx as msal token_parsing_error, under its correlation id', async () => {
    // Prepare
    const client = new MsalNetworkClient({ fetch: scriptedFetch(new Response('oops', { status: 200 })).fetch });
    // Act
    const bare = await client.sendGetRequestAsync('https://login.microsoftonline.com/x').catch((e: unknown) => e);
    const tagged = await client.sendPostRequestAsync(TOKEN_URL, { correlationId: 'c-1' }).catch((e: unknown) => e);
    // Assess
    expect(bare).toMatchObject({ errorCode: 'token_parsing_error', correlationId: '' });
    expect(bare).toMatchObject({ errorMessage: 'Response body is not JSON' });
    expect(tagged).toMatchObject({ errorCode: 'token_parsing_error', correlationId: 'c-1' });
  });
});
