/**
 * Token endpoint failures → the product's typed errors, as msal's path maps them (msal-errors.ts shares the codes):
 * a gone grant asks for a reconnect, throttling and outages are unavailable, anything else is a ProviderError.
 * Messages are ours and generic: Entra's descriptions and the request's secrets never reach a caller or a log.
 */
import { ProviderError, ProviderUnavailableError, ReconnectRequiredError } from '../../domain/errors';

// The grant is gone or needs the user: only a new consent helps. invalid_grant without suberror arrives as a
// plain ServerError in msal, not InteractionRequiredAuthError, so codes are checked too.
export const RECONNECT_CODES: ReadonlySet<string> = new Set([
  'invalid_grant',
  'no_tokens_found',
  'refresh_token_expired',
  'interaction_required',
  'consent_required',
  'login_required',
  'bad_token',
]);
// Transient: the network, the token service, or our own deadline.
export const UNAVAILABLE_CODES: ReadonlySet<string> = new Set([
  'network_error',
  'temporarily_unavailable',
  'server_error',
  'request_timeout',
]);
// msal-common's InteractionRequiredAuthError lists: server codes (also matched inside the description), suberrors.
const INTERACTION_CODES = [
  'interaction_required',
  'consent_required',
  'login_required',
  'bad_token',
  'ui_not_allowed',
  'interrupted_user',
];
const INTERACTION_SUBERRORS = new Set([
  'message_only',
  'additional_action',
  'basic_action',
  'user_password_expired',
  'consent_required',
  'bad_token',
  'ui_not_allowed',
  'interrupted_user',
]);

/** An OAuth error body's fields (all '' when absent or not strings). */
export interface OAuthErrorBody {
  error: string;
  suberror: string;
  description: string;
}

/** Whether msal would raise InteractionRequiredAuthError for this error body. */
function interactionRequired({ error, suberror, description }: OAuthErrorBody): boolean {
  return (
    INTERACTION_CODES.includes(error) ||
    INTERACTION_SUBERRORS.has(suberror) ||
    (!!description && INTERACTION_CODES.some((code) => description.includes(code)))
  );
}

/** Maps a refresh the token endpoint refused (any status but 2xx, or a 2xx without a token). */
export function toRefreshError(status: number, body: OAuthErrorBody, retryAfterMs?: number): Error {
  const codes = `${body.error || 'unknown'}${body.suberror ? `/${body.suberror}` : ''}`;
  const cause = new Error(`Microsoft token endpoint ${status} ${codes}`);
  if (status === 429 || status >= 500 || UNAVAILABLE_CODES.has(body.error)) {
    const wait = retryAfterMs === undefined ? '' : ` (Retry-After ${Math.ceil(retryAfterMs / 1000)} s)`;
    return new ProviderUnavailableError(`Microsoft sign-in service unavailable${wait}`, { cause });
  }
  if (interactionRequired(body) || RECONNECT_CODES.has(body.error))
    return new ReconnectRequiredError(undefined, { cause });
  return new ProviderError('Microsoft sign-in rejected the token request', status, body.error || 'unknown', { cause });
}

/** A refresh that never got an answer (timeout, network, no time left): always transient. */
export function toRefreshFailure(what: 'timeout' | 'network-error' | 'deadline', cause?: unknown): Error {
  return new ProviderUnavailableError('Microsoft sign-in service unavailable', {
    cause: new Error(`Microsoft token endpoint ${what}${cause instanceof Error ? ` (${cause.name})` : ''}`),
  });
}
