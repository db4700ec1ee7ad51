import { describe, expect, it } from 'vitest';
import { toRefreshError, toRefreshFailure } from '../../../functions/adapters/microsoft/token-errors';
import { type ProviderError, ReconnectRequiredError } from '../../../functions/domain/errors';
import { fixture } from './helpers';

const body = (error: string, suberror = '', description = '') => ({ error, suberror, description });

describe('Function: toRefreshError (as msal-errors mapped msal-node failures of a refresh)', () => {
  it.each([
    [
      'invalid_grant/bad_token (InteractionRequired in msal)',
      400,
      body('invalid_grant', 'bad_token'),
      'ReconnectRequiredError',
    ],
    ['invalid_grant without suberror (ServerError in msal)', 400, body('invalid_grant'), 'ReconnectRequiredError'],
    ['consent_required', 400, body('consent_required'), 'ReconnectRequiredError'],
    ['interaction_required', 400, body('interaction_required'), 'ReconnectRequiredError'],
    ['a suberror alone (basic_action)', 400, body('invalid_request', 'basic_action'), 'ReconnectRequiredError'],
    [
      'a code inside the description',
      400,
      body('invalid_request', '', 'login_required: sign in'),
      'ReconnectRequiredError',
    ],
    ['a 429', 429, body('temporarily_unavailable'), 'ProviderUnavailableError'],
    ['a 500 server_error', 500, body('server_error'), 'ProviderUnavailableError'],
    ['a 503 without a JSON body', 503, body('temporarily_unavailable'), 'ProviderUnavailableError'],
    ['temporarily_unavailable on a 400', 400, body('temporarily_unavailable'), 'ProviderUnavailableError'],
    ['invalid_client', 401, body('invalid_client'), 'ProviderError'],
    ['a 400 without a JSON body', 400, body('invalid_response'), 'ProviderError'],
  ])('maps %s to %s', (_name, status, error, expected) => {
    // Act
    const mapped = toRefreshError(status, error);
    // Assess
    expect(mapped.name).toBe(expected);
  });

  it("keeps the status and code of a refusal, and only codes in the cause, never Entra's description", () => {
    // Prepare
    const entra = fixture<{ error: string; error_description: string }>('login-invalid-client');
    // Act
    const mapped = toRefreshError(401, body(entra.error, '', entra.error_description)) as ProviderError;
    // Assess
    expect(mapped).toMatchObject({ status: 401, code: 'invalid_client' });
    expect(`${mapped.message} ${String(mapped.cause)}`).not.toContain('AADSTS');
  });

  it('names the wait Retry-After asks for, and says nothing else of the grant', () => {
    // Act
    const mapped = toRefreshError(429, body('temporarily_unavailable'), 30_000);
    // Assess
    expect(mapped.message).toBe('Microsoft sign-in service unavailable (Retry-After 30 s)');
    expect(mapped).not.toBeInstanceOf(ReconnectRequiredError);
  });

  it('says only that the service is unavailable when no Retry-After came, keeping the codes in the cause', async () => {
    // Act
    const mapped = toRefreshError(503, body('server_error'));
    // Assess
    expect(mapped.message).toBe('Microsoft sign-in service unavailable');
    expect(String(mapped.cause)).toBe('Error: Microsoft token endpoint 503 server_error');
  });

  it('names a refusal without a code unknown, in its code and its cause, under a generic message', () => {
    // Act
    const mapped = toRefreshError(400, body('')) as ProviderError;
    // Assess
    expect(mapped).toMatchObject({ message: 'Microsoft sign-in rejected the token request', status: 400 });
    expect(mapped.code).toBe('unknown');
    expect(String(mapped.cause)).toBe('Error: Microsoft token endpoint 400 unknown');
  });

  it('puts the suberror after the code in the cause, and nothing when there is none', () => {
    // Act
    const plain = toRefreshError(401, body('invalid_client'));
    const sub = toRefreshError(400, body('invalid_grant', 'bad_token'));
    // Assess
    expect(String(plain.cause)).toBe('Error: Microsoft token endpoint 401 invalid_client');
    expect(String(sub.cause)).toBe('Error: Microsoft token endpoint 400 invalid_grant/bad_token');
  });
});

describe('Function: toRefreshFailure', () => {
  it.each(['timeout', 'network-error', 'deadline'] as const)(
    'reports a refresh with no answer (%s) as unavailable',
    (what) => {
      // Act
      const mapped = toRefreshFailure(what, new TypeError('fetch failed'));
      // Assess
      expect(mapped.name).toBe('ProviderUnavailableError');
      expect(String(mapped.cause)).toContain(what);
    },
  );

  it('says the service is unavailable, naming the failure and its error class only in the cause', () => {
    // Act
    const timedOut = toRefreshFailure('timeout', new DOMException('timed out', 'TimeoutError'));
    const late = toRefreshFailure('deadline');
    // Assess
    expect(timedOut.message).toBe('Microsoft sign-in service unavailable');
    expect(String(timedOut.cause)).toBe('Error: Microsoft token endpoint timeout (TimeoutError)');
    expect(String(late.cause)).toBe('Error: Microsoft token endpoint deadline');
  });
});
