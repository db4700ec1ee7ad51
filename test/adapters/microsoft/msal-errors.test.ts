import { describe, expect, it } from 'vitest';
import { ClientAuthError, ServerError } from '@azure/msal-node';
import { toRedeemError } from '../../../functions/adapters/microsoft/msal-errors';

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
