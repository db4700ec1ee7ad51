import { describe, expect, it } from 'vitest';
import { ClientAuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { toRedeemError, toTokenError } from '../../../functions/adapters/microsoft/msal-errors';
import { type ProviderError, ReconnectRequiredError } from '../../../functions/domain/errors';

describe('Function: toTokenError', () => {
  it.each([
    [
      'InteractionRequired consent_required',
      new InteractionRequiredAuthError('consent_required', ''),
      undefined,
      'ReconnectRequiredError',
    ],
    [
      'InteractionRequired invalid_grant/bad_token',
      new InteractionRequiredAuthError('invalid_grant', '', '', 'bad_token'),
      400,
      'ReconnectRequiredError',
    ],
    ['ServerError invalid_grant (no suberror)', new ServerError('invalid_grant', ''), 400, 'ReconnectRequiredError'],
    ['no_tokens_found', new InteractionRequiredAuthError('no_tokens_found', ''), undefined, 'ReconnectRequiredError'],
    [
      'refresh_token_expired',
      new InteractionRequiredAuthError('refresh_token_expired', ''),
      undefined,
      'ReconnectRequiredError',
    ],
    ['network_error', new ClientAuthError('network_error', ''), undefined, 'ProviderUnavailableError'],
    ['msal throttle replay after a 429', new ServerError('', ''), 429, 'ProviderUnavailableError'],
    ['server_error 500', new ServerError('server_error', ''), 500, 'ProviderUnavailableError'],
    ['invalid_client', new ServerError('invalid_client', ''), 401, 'ProviderError'],
    ['nonce_mismatch', new ClientAuthError('nonce_mismatch', ''), undefined, 'ProviderError'],
  ])('maps %s to %s', (_name, error, status, expected) => {
    // Act
    const mapped = toTokenError(error, status);
    // Assess
    expect(mapped.name).toBe(expected);
  });

  it("passes the product's own errors through unchanged", () => {
    // Prepare
    const own = new ReconnectRequiredError('No cached account');
    // Act & Assess
    expect(toTokenError(own)).toBe(own);
  });

  it("keeps only codes in the cause, not msal's server description", () => {
    // Prepare
    const error = new ServerError('invalid_client', 'corr', 'AADSTS7000215: Invalid client secret provided: abc123');
    // Act
    const mapped = toTokenError(error, 401) as ProviderError;
    // Assess
    expect(mapped.code).toBe('invalid_client');
    expect(String(mapped.cause)).not.toContain('abc123');
  });
});

describe('Function: toRedeemError', () => {
  it.each([
    ['invalid_grant', new ServerError('invalid_grant', ''), 400, 'ValidationError'],
    ['nonce_mismatch', new ClientAuthError('nonce_mismatch', ''), undefined, 'ValidationError'],
    ['temporarily_unavailable', new ServerError('temporarily_unavailable', ''), 503, 'ProviderUnavailableError'],
    ['unauthorized_client', new ServerError('unauthorized_client', ''), 400, 'ProviderError'],
  ])('maps %s to %s', (_name, error, status, expected) => {
    // Act
    const mapped = toRedeemError(error, status);
    // Assess
    expect(mapped.name).toBe(expected);
  });
});
