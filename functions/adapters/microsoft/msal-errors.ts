/**
 * msal-node failures → the product's typed errors. Messages are ours and generic: msal text never reaches a caller.
 */
import { AuthError, InteractionRequiredAuthError } from '@azure/msal-node';
import {
  AppError,
  ProviderError,
  ProviderUnavailableError,
  ReconnectRequiredError,
  ValidationError,
} from '../../domain/errors';

// The grant is gone or needs the user: only a new consent helps. invalid_grant without suberror arrives as a
// plain ServerError, not InteractionRequiredAuthError, so codes are checked too.
const RECONNECT_CODES = new Set([
  'invalid_grant',
  'no_tokens_found',
  'refresh_token_expired',
  'interaction_required',
  'consent_required',
  'login_required',
  'bad_token',
]);
// Transient: the network, the token service, or our own deadline.
const UNAVAILABLE_CODES = new Set(['network_error', 'temporarily_unavailable', 'server_error', 'request_timeout']);

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

/** Maps a failed silent token acquisition (refresh). */
export function toTokenError(error: unknown, lastStatus?: number): Error {
  if (error instanceof AppError) return error;
  const cause = summary(error);
  if (isTransient(error, lastStatus))
    return new ProviderUnavailableError('Microsoft sign-in service unavailable', { cause });
  if (needsReconnect(error)) return new ReconnectRequiredError(undefined, { cause });
  return new ProviderError(
    'Microsoft sign-in rejected the token request',
    lastStatus ?? 0,
    msalErrorCode(error) || 'unknown',
    { cause },
  );
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
