/** Minimal Google Calendar v3 client over httpFetch: bearer auth, retries within one Deadline, typed errors. */
import type { Deadline, Log } from '../../domain/ports';
import { NotFoundError, ProviderUnavailableError } from '../../domain/errors';
import { parseRetryAfter } from '../shared/retry';
import { isTransientAnswer, parseCalendarBody, readGoogleError, toCalendarError } from './calendar-errors';
import {
  failureKind,
  fetchOnce,
  retryWithin,
  type RoundTrip,
  type Transport,
  type TransportOptions,
  transportOf,
} from '../shared/http-retry';
import type { AccessTokenSource } from './token-source';

export interface CalendarClientOptions extends TransportOptions {
  /** e.g. https://www.googleapis.com/calendar/v3, or the sandbox's http://localhost:PORT/_sandbox/google/calendar/v3 */
  baseUrl: string;
  tokens: AccessTokenSource;
  onRequest?: (event: RoundTrip) => void;
  /** Told once about every call that finally failed (method, path, status, reason, attempts). */
  log?: Pick<Log, 'warn'>;
}

export interface CalendarRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** A path under the base URL, ids already encoded ("/calendars/primary/events"). */
  path: string;
  query?: Record<string, string | undefined>;
  body?: unknown;
  /** POST only: a repeat cannot do anything twice (a client-supplied event id), so it may be retried. */
  idempotent?: boolean;
  /** Final statuses the caller handles itself (a fallback follows): not logged as failures. */
  answers?: readonly number[];
}

/** What a final-failure log line says. */
interface Trace {
  status?: number;
  reason?: string;
  attempts: number;
  /** A write whose answer was lost (timeout, dropped connection, 5xx): Google may have carried it out. */
  unsure?: boolean;
}

/** Sends Calendar requests; 429, 5xx and 403 rate limits are retried, a 401 gets one fresh token. */
export class CalendarClient {
  private readonly transport: Transport;
  private readonly base: string;

  constructor(private readonly options: CalendarClientOptions) {
    this.transport = transportOf(options);
    this.base = options.baseUrl.replace(/\/+$/, '');
  }

  /** The client's clock (epoch ms), the one its deadlines are read against. */
  now(): number {
    return this.transport.clock();
  }

  /** Waits on the client's own sleep (fake in tests), for callers that pace a follow-up request. */
  pause(ms: number): Promise<void> {
    return this.transport.sleep(ms);
  }

  /** Redeems the refresh token now (grant_type=refresh_token), however fresh the stored access token is. */
  async refreshTokens(deadline: Deadline): Promise<void> {
    await this.options.tokens.getAccessToken(deadline, true);
  }

  /** One logical request (a few round trips at most); resolves the parsed JSON body, undefined when empty. */
  async send<T>(request: CalendarRequest, deadline: Deadline): Promise<T | undefined> {
    const trace: Trace = { attempts: 0 };
    try {
      return await this.sendTraced<T>(request, deadline, trace);
    } catch (thrown) {
      const error = withUnknownOutcome(thrown, trace);
      // A missing event is an answer its caller handles, as is a status the caller said it expects.
      if (error instanceof NotFoundError) throw error;
      if (trace.status !== undefined && request.answers?.includes(trace.status)) throw error;
      this.options.log?.warn('Google Calendar call failed', {
        method: request.method,
        path: request.path,
        status: trace.status,
        reason: trace.reason,
        attempts: trace.attempts,
        error: (error as Error).name,
      });
      throw error;
    }
  }

  private sendTraced<T>(request: CalendarRequest, deadline: Deadline, trace: Trace): Promise<T | undefined> {
    const { method, path } = request;
    const what = `${method} ${path}`;
    const retryable = method !== 'POST' || request.idempotent === true;
    const url = this.url(request);
    let forceRefresh = false;
    let refreshed = false;
    let rejected: string | undefined;
    return retryWithin<T | undefined>(this.transport, deadline, `Google Calendar ${what}`, async (attempt) => {
      const token = await this.options.tokens.getAccessToken(deadline, forceRefresh, rejected);
      forceRefresh = false;
      const headers: Record<string, string> = { Authorization: `Bearer ${token}`, Accept: 'application/json' };
      if (request.body !== undefined) headers['Content-Type'] = 'application/json';
      const body = request.body === undefined ? undefined : JSON.stringify(request.body);
      let trip: Pick<RoundTrip, 'outcome' | 'status' | 'durationMs'> | undefined;
      // Reported once the answer is read, so that an error carries its reason (a 403 rate limit is a throttle).
      const report = (reason?: string) =>
        trip && this.options.onRequest?.({ method, path, attempt, ...trip, ...(reason ? { reason } : {}) });
      trace.attempts = attempt + 1;
      trace.status = trace.reason = undefined;
      const outcome = await fetchOnce(this.transport, url, { method, headers, body }, deadline, (e) => {
        trip = e;
      });
      if (method !== 'GET' && ('failure' in outcome || outcome.status >= 500)) trace.unsure = true;
      if ('failure' in outcome) {
        report();
        const error = new ProviderUnavailableError(`Google Calendar ${what}: ${failureKind(outcome)}`, {
          cause: outcome.failure,
        });
        return retryable && !outcome.unreadable ? { retry: error } : { fail: error };
      }
      const { status } = outcome;
      trace.status = status;
      if (status < 300) report();
      const parsed = parseCalendarBody(outcome.text, status);
      if (status < 300) return { value: parsed as T | undefined };
      const { reason } = readGoogleError(status, parsed);
      trace.reason = reason;
      report(reason);
      // Any 401 gets one fresh token (expired early, or revoked and about to say so); a second 401 is final.
      if (status === 401 && !refreshed) {
        refreshed = forceRefresh = true;
        rejected = token;
        return { again: true };
      }
      const error = toCalendarError(status, parsed, what);
      if (!retryable || !isTransientAnswer(status, reason)) return { fail: error };
      return { retry: error, waitMs: parseRetryAfter(outcome.headers.get('retry-after'), this.transport.clock()) };
    });
  }

  private url(request: CalendarRequest): URL {
    const url = new URL(`${this.base}${request.path.startsWith('/') ? '' : '/'}${request.path}`);
    const query = Object.entries(request.query ?? {}).flatMap(([key, value]) =>
      value === undefined ? [] : [`${key}=${encodeURIComponent(value)}`],
    );
    if (query.length) url.search = query.join('&');
    return url;
  }
}

/** A final "unavailable" of a write whose answer was lost at some attempt says so: the write may have happened. */
function withUnknownOutcome(error: unknown, trace: Trace): unknown {
  if (!(error instanceof ProviderUnavailableError) || !trace.unsure || error.outcomeUnknown) return error;
  return new ProviderUnavailableError(error.message, { cause: error.cause ?? error, outcomeUnknown: true });
}
