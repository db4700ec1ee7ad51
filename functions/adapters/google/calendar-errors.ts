/**
 * Calendar v3 error envelopes → typed errors, on `error.errors[0].reason` (Google's advice), never on the message:
 * the same 403 status means throttling (retry), quota (slow down) or a permission (final).
 */
import { NotFoundError, ProviderError, ProviderUnavailableError, ReconnectRequiredError } from '../../domain/errors';
import { isRetryableStatus } from '../shared/retry';
import { isRecord } from '../shared/is-record';

/** A final Calendar rejection; `providerMessage` keeps Google's text for the few answers that need it (not logged). */
export class CalendarApiError extends ProviderError {
  constructor(
    message: string,
    status: number,
    reason: string,
    readonly providerMessage: string,
  ) {
    super(message, status, reason);
    this.name = 'CalendarApiError';
  }
}

// 403s that are Google's per-minute throttles: retried like a 429, and never a sign of a revoked grant.
const RATE_LIMITS = new Set(['rateLimitExceeded', 'userRateLimitExceeded']);
// 403s of longer quotas and abuse limits: the calendar is unavailable for now, retrying only digs deeper.
const QUOTAS = new Set(['quotaExceeded', 'calendarUsageLimitsExceeded', 'dailyLimitExceeded']);

/** The reason and message of `{"error":{"errors":[{"reason"}],"message"}}`; a bare body gives `Http<status>`. */
export function readGoogleError(status: number, body: unknown): { reason: string; message: string } {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const first = Array.isArray(error?.errors) && isRecord(error.errors[0]) ? error.errors[0] : undefined;
  const reason = typeof first?.reason === 'string' && first.reason ? first.reason : `Http${status}`;
  const message = typeof error?.message === 'string' ? error.message : '';
  return { reason, message };
}

/** Whether a status and reason are worth another attempt: 429, the transient 5xx, and 403 rate limits. */
export function isTransientAnswer(status: number, reason: string): boolean {
  return isRetryableStatus(status) || (status === 403 && RATE_LIMITS.has(reason));
}

/** Whether Google throttled the call: 429, or a 403 rate limit or quota (figures count these as ProviderThrottle). */
export function isThrottleAnswer(status: number, reason: string): boolean {
  return status === 429 || (status === 403 && (RATE_LIMITS.has(reason) || QUOTAS.has(reason)));
}

/** The error for a final Calendar answer; `what` names the call ("GET /calendars/x/events") without query or token. */
export function toCalendarError(status: number, body: unknown, what: string): Error {
  const { reason, message } = readGoogleError(status, body);
  const api = new CalendarApiError(`Google Calendar ${what} failed: ${status} ${reason}`, status, reason, message);
  // 410: deleted (or a sync token too old); for a single event, gone is gone.
  if (status === 404 || status === 410) return new NotFoundError('The calendar event was not found', { cause: api });
  // Only reached after one forced refresh: a fresh token refused too means the grant no longer reaches the calendar.
  if (status === 401) return new ReconnectRequiredError('Google Calendar refused a fresh access token', { cause: api });
  // The grant lacks a calendar scope (taken back at Google since the connect): only a new consent restores it.
  if (status === 403 && reason === 'insufficientPermissions') {
    return new ReconnectRequiredError('Google Calendar: the grant no longer includes calendar access', { cause: api });
  }
  if (isThrottleAnswer(status, reason) || status >= 500) {
    return new ProviderUnavailableError(`Google Calendar ${what} unavailable: ${status} ${reason}`, { cause: api });
  }
  return api;
}

/** Parses a response body; an unreadable error body is ignored, an unreadable success body is an error. */
export function parseCalendarBody(text: string, status: number): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    if (status >= 300) return undefined;
    throw new ProviderError(`Google Calendar answered ${status} with a body that is not JSON`, status, 'InvalidJson');
  }
}
