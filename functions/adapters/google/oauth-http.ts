/** Unauthenticated Google round trips (token, revoke, signing keys): JSON answers, transient failures retried. */
import { isRecord } from '../shared/is-record';
import type { Deadline } from '../../domain/ports';
import { ProviderUnavailableError } from '../../domain/errors';
import { isRetryableStatus, parseRetryAfter } from '../shared/retry';
import { failureKind, fetchOnce, retryWithin, type RoundTrip, type Transport } from '../shared/http-retry';
import type { HttpHeaders, HttpInit } from '../shared/https-transport';

/** A final answer: its status and parsed JSON body (undefined when empty or not JSON: an HTML error page). */
export interface OAuthReply {
  status: number;
  body: unknown;
  headers: HttpHeaders;
}

export interface OAuthCall {
  method: 'GET' | 'POST';
  url: URL;
  /** Sent form-encoded (Google's token and revoke endpoints take no JSON). */
  form?: Record<string, string>;
  /** The path as reported to onRequest and in errors (relative to the configured root). */
  path: string;
  /**
   * Whether a timeout or network failure may be retried: not for a code redemption, where the first attempt may have
   * spent the single-use code and a retry would only turn an outage into a misleading invalid_grant.
   */
  retryNetwork: boolean;
}

/**
 * Sends the call; 429 and the transient 5xx statuses are retried within the deadline (Retry-After honoured) and end as
 * a ProviderUnavailableError, as do network failures. Any other status is returned for the caller to map.
 */
export function sendOAuth(
  transport: Transport,
  call: OAuthCall,
  deadline: Deadline,
  onRequest?: (event: RoundTrip) => void,
): Promise<OAuthReply> {
  const what = `Google sign-in ${call.method} ${call.path}`;
  const init: HttpInit = {
    method: call.method,
    headers: {
      Accept: 'application/json',
      ...(call.form ? { 'Content-Type': 'application/x-www-form-urlencoded;charset=UTF-8' } : {}),
    },
    body: call.form ? new URLSearchParams(call.form).toString() : undefined,
  };
  return retryWithin<OAuthReply>(transport, deadline, what, async (attempt) => {
    const report = (event: Pick<RoundTrip, 'outcome' | 'status' | 'durationMs'>) =>
      onRequest?.({ method: call.method, path: call.path, attempt, ...event });
    const outcome = await fetchOnce(transport, call.url, init, deadline, report);
    if ('failure' in outcome) {
      const error = new ProviderUnavailableError(`${what}: ${failureKind(outcome)}`, { cause: outcome.failure });
      return call.retryNetwork && !outcome.unreadable ? { retry: error } : { fail: error };
    }
    const { status, text, headers } = outcome;
    if (isRetryableStatus(status)) {
      const error = new ProviderUnavailableError(`${what}: ${status}`);
      return { retry: error, waitMs: parseRetryAfter(headers.get('retry-after'), transport.clock()) };
    }
    return { value: { status, body: parseJson(text), headers } };
  });
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The OAuth error code of an error body ({"error": "invalid_grant", ...}), or '' when there is none. */
export function oauthError(body: unknown): string {
  const error = isRecord(body) ? body.error : undefined;
  return typeof error === 'string' ? error : '';
}
