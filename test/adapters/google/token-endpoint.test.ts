/** GoogleTokenEndpoint: how each answer of the token and revoke endpoints maps to our errors, and the client secret. */
import { describe, expect, it, vi } from 'vitest';
import { type ClientSecret, GoogleTokenEndpoint } from '../../../functions/adapters/google/token-endpoint';
import { fixture, googleError, googleFetch, json, manualClock } from './helpers';

const CODE = { code: '4/0Ab-code', codeVerifier: 'v'.repeat(43), redirectUri: 'https://api.example/cb' };

/** An endpoint on `root` over a routed fetch (no routes: every call answers 404). */
function setup(options: { root?: string; secret?: ClientSecret } = {}) {
  const time = manualClock();
  const http = googleFetch();
  const endpoint = new GoogleTokenEndpoint({
    clientId: 'client-1',
    clientSecret: options.secret ?? 'app-secret',
    oauth2BaseUrl: options.root ?? 'https://oauth2.googleapis.com',
    fetch: http.fetch,
    clock: time.clock,
    sleep: time.sleep,
    random: () => 1,
  });
  const deadline = () => ({ at: time.state.now + 10_000 });
  return { endpoint, http, deadline };
}

describe('Class: GoogleTokenEndpoint', () => {
  describe('Method: redeem', () => {
    it('asks the user to start again on invalid_request (a code not issued for this verifier)', async () => {
      // Prepare
      const { endpoint, http, deadline } = setup();
      http.on('POST /token', json(400, { error: 'invalid_request', error_description: 'Missing code verifier.' }));
      // Act
      const redeeming = endpoint.redeem(CODE, deadline());
      // Assess
      await expect(redeeming).rejects.toMatchObject({
        name: 'ValidationError',
        reason: 'invalid_grant',
        message: 'The Google sign-in could not be completed. Please start again.',
      });
    });

    it('names the status and OAuth error of another refusal, and "unknown" when the body has none', async () => {
      // Prepare
      const { endpoint, http, deadline } = setup();
      http.on('POST /token', json(401, fixture('token-invalid-client')), new Response('<html>', { status: 403 }));
      // Act
      const misconfigured = endpoint.redeem(CODE, deadline());
      await expect(misconfigured).rejects.toMatchObject({
        name: 'ProviderError',
        status: 401,
        code: 'invalid_client',
        message: 'Google sign-in rejected the authorization code: 401 invalid_client',
      });
      const unexplained = endpoint.redeem(CODE, deadline());
      // Assess
      await expect(unexplained).rejects.toMatchObject({
        name: 'ProviderError',
        status: 403,
        code: 'unknown',
        message: 'Google sign-in rejected the authorization code: 403 unknown',
      });
    });

    it('refuses a 200 that is no token response as InvalidToken', async () => {
      // Prepare
      const { endpoint, http, deadline } = setup();
      http.on('POST /token', json(200, { access_token: '', expires_in: 3599 }));
      // Act
      const redeeming = endpoint.redeem(CODE, deadline());
      // Assess
      await expect(redeeming).rejects.toMatchObject({
        name: 'ProviderError',
        status: 200,
        code: 'InvalidToken',
        message: 'Google returned an unreadable token response',
      });
    });

    it('reports a client secret it cannot read as unavailable, and sends nothing', async () => {
      // Prepare
      const cause = new Error('Secrets Manager throttled');
      const { endpoint, http, deadline } = setup({ secret: vi.fn(async () => Promise.reject(cause)) });
      // Act
      const redeeming = endpoint.redeem(CODE, deadline());
      // Assess
      await expect(redeeming).rejects.toMatchObject({
        name: 'ProviderUnavailableError',
        message: 'The Google client secret could not be read',
        cause,
      });
      expect(http.requests).toHaveLength(0);
    });

    it.each([
      ['one', 'https://oauth2.example/'],
      ['two', 'http://localhost:3000/_sandbox/google//'],
    ])('posts to <root>/token when the root ends in %s slash(es)', async (_count, root) => {
      // Prepare
      const { endpoint, http, deadline } = setup({ root });
      http.on('POST /token', json(200, fixture('token-code')));
      http.on('POST /_sandbox/google/token', json(200, fixture('token-code')));
      // Act
      await endpoint.redeem(CODE, deadline());
      // Assess
      expect(http.requests.map((r) => r.url.href)).toEqual([`${root.replace(/\/+$/, '')}/token`]);
    });
  });

  describe('Method: refresh', () => {
    it('names a refused grant and another refusal in their messages', async () => {
      // Prepare
      const { endpoint, http, deadline } = setup();
      http.on('POST /token', json(400, fixture('token-invalid-grant')), json(401, fixture('token-invalid-client')));
      // Act
      const revoked = endpoint.refresh('1//rt', deadline());
      await expect(revoked).rejects.toMatchObject({
        name: 'ReconnectRequiredError',
        message: 'Google refused the stored grant (invalid_grant)',
      });
      const misconfigured = endpoint.refresh('1//rt', deadline());
      // Assess
      await expect(misconfigured).rejects.toMatchObject({
        name: 'ProviderError',
        message: 'Google sign-in rejected the refresh: 401 invalid_client',
      });
    });
  });

  describe('Method: revoke', () => {
    it('retries a network failure (revoking twice is harmless)', async () => {
      // Prepare
      const { endpoint, http, deadline } = setup();
      http.on('POST /revoke', new TypeError('fetch failed'), json(200, {}));
      // Act
      await endpoint.revoke('1//rt', deadline());
      // Assess
      expect(http.to('POST /revoke')).toHaveLength(2);
    });

    it.each([
      ['400 invalid_request', json(400, { error: 'invalid_request' }), 'Google revoke answered 400 invalid_request'],
      ['401 invalid_token', json(401, fixture('revoke-invalid-token')), 'Google revoke answered 401 invalid_token'],
      ['a 404 error envelope', googleError('error-not-found'), 'Google revoke answered 404'],
    ])('is unavailable on %s, naming the status and OAuth error', async (_what, reply, message) => {
      // Prepare
      const { endpoint, http, deadline } = setup();
      http.on('POST /revoke', reply);
      // Act
      const revoking = endpoint.revoke('1//rt', deadline());
      // Assess
      await expect(revoking).rejects.toMatchObject({ name: 'ProviderUnavailableError', message });
    });
  });
});
