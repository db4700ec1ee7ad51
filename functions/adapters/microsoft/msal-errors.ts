/**
 * msal-node failures of the connect flow → the product's typed errors (token refreshes run without msal and map in
 * token-errors.ts, with the same codes). Messages are ours and generic: msal text never reaches a caller.
 */
import { AuthError, InteractionRequiredAuthError } from '@azure/msal-node';
import { AppError, ProviderError, ProviderUnavailableError, ValidationError } from '../../domain/errors';
import { RECONNECT_CODES, UNAVAILABLE_CODES } from './token-errors';

/** The msal error code ('' for non-msal errors). */
export function msalErrorCode(error: unknown): string {
  return error instanceof AuthError ? error.errorCode : '';
}

/** Whether the failure means the manager must connect again. */
export function needsReconnect(error: unknown): boolean {
  return error instanceof InteractionRequiredAuthError || RECONNECT_CODES.has(msalErrorCode(error));
}

/** Whether the failure is transient (throttling, outage, network, timeout); `lastStatus`: the token endpoint's. */
export function isTransient(error: unknown, lastStatus: number | undefined): boolean {
  if (lastStatus !== undefined && (lastStatus === 429 || lastStatus >= 500)) return true;
  return UNAVAILABLE_CODES.has(msalErrorCode(error));
}

/** Maps a failed authorization-code redemption: a rejected code is the user's problem (start again), not ours. */
export function toRedeemError(error: unknown, lastStatus?: number): Error {
  if (error instanceof AppError) return error;
  const cause = summary(error);
  if (isTransient(error, lastStatus))
    return new ProviderUnavailableError('Microsoft sign-in service unavailable', { cause });
  const code = msalErrorCode(error);
  if (needsReconnect(error) || code === 'nonce_mismatch' || code === 'state_mismatch' || code === 'invalid_request') {
    return new ValidationError('The Microsoft sign-in could not be completed. Please start again.', 'invalid_grant', {
      cause,
    });
  }
  return new ProviderError('Microsoft sign-in rejected the authorization code', lastStatus ?? 0, code || 'unknown', {
    cause,
  });
}

// A cause with the codes only: msal messages carry server descriptions we do not want to forward.
function summary(error: unknown): Error {
  if (error instanceof AuthError) {
    return new Error(`msal ${error.name} ${error.errorCode}${error.subError ? `/${error.subError}` : ''}`);
  }
  return new Error(`msal call failed: ${error instanceof Error ? error.name : typeof error}`);
}
