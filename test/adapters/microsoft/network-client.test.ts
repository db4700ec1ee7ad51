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
});
