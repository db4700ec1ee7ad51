import { describe, expect, it } from 'vitest';
import { ClientAuthError, InteractionRequiredAuthError, ServerError } from '@azure/msal-node';
import { toRedeemError } from '../../../functions/adapters/microsoft/msal-errors';
import { ProviderUnavailableError, ReconnectRequiredError } from '../../../functions/domain/errors';

describe('Function: toRedeemError', () => {
  it.each([
    ['invalid_grant', 'ValidationError', new ServerError('invalid_grant', ''), 400],
    ['nonce_mismatch', 'ValidationError', new ClientAuthError('nonce_mismatch', ''), undefined],
    ['state_mismatch', 'ValidationError', new ClientAuthError('state_mismatch', ''), undefined],
    ['invalid_request', 'ValidationError', new ServerError('invalid_request', ''), 400],
    ['interaction required', 'ValidationError', new InteractionRequiredAuthError('other_code', ''), 400],
    ['temporarily_unavailable', 'ProviderUnavailableError', new ServerError('temporarily_unavailable', ''), 503],
    ['network_error without a status', 'ProviderUnavailableError', new ClientAuthError('network_error', ''), undefined],
    ['a 429 of any code', 'ProviderUnavailableError', new ServerError('unauthorized_client', ''), 429],
    ['a 500 of any code', 'ProviderUnavailableError', new ServerError('unauthorized_client', ''), 500],
    ['a 499', 'ProviderError', new ServerError('unauthorized_client', ''), 499],
    ['unauthorized_client', 'ProviderError', new ServerError('unauthorized_client', ''), 400],
    ['unauthorized_client without a status', 'ProviderError', new ServerError('unauthorized_client', ''), undefined],
    ['a non-msal failure on a 429', 'ProviderUnavailableError', new TypeError('fetch failed'), 429],
  ])('maps %s to %s', (_name, expected, error, status) => {
    // Act
    const mapped = toRedeemError(error, status);
    // Assess
    expect(mapped.name).toBe(expected);
  });

  it('passes on an error the product already typed, as it is', () => {
    // Prepare
    const typed = new ReconnectRequiredError();
    // Act
    const mapped = toRedeemError(typed, 400);
    // Assess
    expect(mapped).toBe(typed);
  });

  it('says the service is unavailable, with only the msal codes in the cause', () => {
    // Act
    const mapped = toRedeemError(
      new ServerError('temporarily_unavailable', '', 'AADSTS secret text', 'transient'),
      503,
    );
    // Assess
    expect(mapped).toBeInstanceOf(ProviderUnavailableError);
    expect(mapped.message).toBe('Microsoft sign-in service unavailable');
    expect(String(mapped.cause)).toBe('Error: msal ServerError temporarily_unavailable/transient');
  });

  it('asks the manager to start again when the code was refused, with the codes in the cause', () => {
    // Act
    const mapped = toRedeemError(new ServerError('invalid_grant', '', 'AADSTS70008: expired'), 400);
    // Assess
    expect(mapped).toMatchObject({
      name: 'ValidationError',
      message: 'The Microsoft sign-in could not be completed. Please start again.',
      reason: 'invalid_grant',
    });
    expect(String(mapped.cause)).toBe('Error: msal ServerError invalid_grant');
  });

  it('reports any other refusal as a ProviderError with its status and code', () => {
    // Act
    const mapped = toRedeemError(new ServerError('unauthorized_client', '', 'AADSTS700016'), 400);
    // Assess
    expect(mapped).toMatchObject({
      name: 'ProviderError',
      message: 'Microsoft sign-in rejected the authorization code',
      status: 400,
      code: 'unauthorized_client',
    });
    expect(String(mapped.cause)).toBe('Error: msal ServerError unauthorized_client');
  });

  it.each([
    ['an Error', new TypeError('boom'), 'Error: msal call failed: TypeError'],
    ['a thrown string', 'boom', 'Error: msal call failed: string'],
  ])('names a non-msal failure (%s) unknown, its kind only in the cause', (_name, failure, cause) => {
    // Act
    const mapped = toRedeemError(failure);
    // Assess
    expect(mapped).toMatchObject({ name: 'ProviderError', status: 0, code: 'unknown' });
    expect(String(mapped.cause)).toBe(cause);
  });
});
