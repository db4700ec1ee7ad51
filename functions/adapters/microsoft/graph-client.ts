/** Minimal Microsoft Graph client over httpFetch: auth and Prefer headers, retries within a Deadline, typed errors. */
import { randomUUID } from 'node:crypto';
import type { Clock, Deadline, Log } from '../../domain/ports';
import { NotFoundError, ProviderError, ProviderUnavailableError } from '../../domain/errors';
import { ConcurrencyGate, type Release, type Slots } from '../shared/concurrency-gate';
import { failedOutcome, failureKind, type Outcome, type RoundTrip } from '../shared/http-retry';
import { DuplicateTransactionError, parseGraphBody, toGraphError } from './graph-errors';
import {
  DEFAULT_RETRY,
  attemptTimeoutMs,
  backoffMs,
  canWait,
  isRetryableStatus,
  parseRetryAfter,
  type RetryPolicy,
} from '../shared/retry';
import { type HttpFetch, httpFetch } from '../shared/https-transport';

/**
 * Outlook serves an app at most 4 concurrent requests per mailbox and answers a 5th with 429 ApplicationThrottled
 * ("MailboxConcurrency"; learn.microsoft.com/graph/throttling-limits#outlook-service-limits).
 */
export const GRAPH_MAILBOX_CONCURRENCY = 4;

/** Where the bearer token comes from; `forceRefresh` skips the cached access token. */
export interface AccessTokenSource {
  getAccessToken(deadline: Deadline, forceRefresh?: boolean): Promise<string>;
}

/** One Graph round trip: the shared RoundTrip shape (no URL query, no token), without a provider error reason. */
export type GraphRequestEvent = Omit<RoundTrip, 'reason'>;

export interface GraphClientOptions {
  /** e.g. https://graph.microsoft.com/v1.0 or the emulator's http://127.0.0.1:PORT/graph/v1.0 */
  baseUrl: string;
  tokens: AccessTokenSource;
  fetch?: HttpFetch;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  clock?: Clock;
  retry?: Partial<RetryPolicy>;
  onRequest?: (event: GraphRequestEvent) => void;
  /** Told about every Graph call that finally failed, with the ids Microsoft support asks for. */
  log?: Pick<Log, 'warn'>;
  /**
   * The mailbox's request slots, shared by every client of that mailbox (MicrosoftCalendarAccess keys them by
   * account); default: this client's own GRAPH_MAILBOX_CONCURRENCY slots. Each round trip holds one, retry waits none.
   */
  slots?: Slots;
}

/** What support needs to find one logical request: our client-request-id, Graph's request-id, the last status. */
interface Trace {
  clientRequestId: string;
  requestId?: string;
  status?: number;
  attempts: number;
  /** A write whose answer was lost (timeout, dropped connection, 5xx): Graph may have carried it out. */
  unsure?: boolean;
}

export interface GraphRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  /** A path under the base URL ("/me/events"), or an absolute @odata.nextLink on the same origin. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** POST only: repeating it cannot do anything twice (a transactionId in the body, a cancel), so it may be retried. */
  idempotent?: boolean;
  /** Final statuses the caller handles itself (a fallback follows): not logged as failures. */
  answers?: readonly number[];
  headers?: Record<string, string>;
}

// Two Prefer values: UTC times in responses, and ids that survive folder moves (cancel → Deleted Items).
const PREFER = 'outlook.timezone="UTC", IdType="ImmutableId"';

/** Sends Graph requests with bearer auth, retries transient failures within the deadline, and maps error bodies. */
export class GraphClient {
  private readonly base: URL;
  private readonly policy: RetryPolicy;
  private readonly fetch: HttpFetch;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;
  private readonly clock: Clock;
  private readonly slots: Slots;

  constructor(private readonly options: GraphClientOptions) {
    this.base = new URL(options.baseUrl.replace(/\/+$/, ''));
    this.policy = { ...DEFAULT_RETRY, ...options.retry };
    this.fetch = options.fetch ?? httpFetch;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
    this.clock = options.clock ?? Date.now;
    this.slots = options.slots ?? new ConcurrencyGate(GRAPH_MAILBOX_CONCURRENCY).lane('mailbox');
  }

  /** Redeems the refresh token now (msal's forceRefresh), however fresh the cached access token is. */
  async refreshTokens(deadline: Deadline): Promise<void> {
    await this.options.tokens.getAccessToken(deadline, true);
  }

  /**
   * Sends one logical request (up to maxAttempts round trips); resolves the parsed JSON body, undefined when empty. A
   * final failure is logged with Graph's request-id and our client-request-id (one per logical request).
   */
  async send<T>(request: GraphRequest, deadline: Deadline): Promise<T | undefined> {
    const url = this.resolve(request);
    const path = url.pathname.slice(this.base.pathname.length) || '/';
    const trace: Trace = { clientRequestId: randomUUID(), attempts: 0 };
    try {
      return await this.sendTraced<T>(request, url, path, deadline, trace);
    } catch (thrown) {
      const error = withUnknownOutcome(thrown, trace);
      // A missing item or a replayed transactionId is an answer its caller handles, not a failure to report.
      if (error instanceof NotFoundError || error instanceof DuplicateTransactionError) throw error;
      if (trace.status !== undefined && request.answers?.includes(trace.status)) throw error;
      this.options.log?.warn('Microsoft Graph call failed', {
        method: request.method,
        path,
        status: trace.status,
        attempts: trace.attempts,
        error: (error as Error).name,
        code: (error as { code?: string }).code ?? ((error as Error).cause as { code?: string } | undefined)?.code,
        requestId: trace.requestId,
        clientRequestId: trace.clientRequestId,
      });
      throw error;
    }
  }

  private async sendTraced<T>(
    request: GraphRequest,
    url: URL,
    path: string,
    deadline: Deadline,
    trace: Trace,
  ): Promise<T | undefined> {
    const what = `${request.method} ${path}`;
    const retryable = request.method !== 'POST' || request.idempotent === true;
    let forceRefresh = false;
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const last = attempt + 1 >= this.policy.maxAttempts;
      const token = await this.options.tokens.getAccessToken(deadline, forceRefresh);
      forceRefresh = false;
      const release = await this.slot(deadline, what);
      const timeoutMs = attemptTimeoutMs(deadline, this.clock(), this.policy);
      if (timeoutMs === undefined) {
        release();
        throw new ProviderUnavailableError(`Microsoft Graph ${what}: deadline reached`);
      }
      const outcome = await this.attempt(url, request, token, timeoutMs, attempt, path, trace).finally(release);
      let waitMs: number;
      if (request.method !== 'GET' && ('failure' in outcome || outcome.status >= 500)) trace.unsure = true;
      if ('failure' in outcome) {
        const kind = failureKind(outcome);
        if (!retryable || last || outcome.unreadable)
          throw new ProviderUnavailableError(`Microsoft Graph ${what}: ${kind}`, { cause: outcome.failure });
        waitMs = backoffMs(attempt, this.policy, this.random);
      } else {
        const { status, headers } = outcome;
        const body = parseGraphBody(outcome.text, status);
        if (status < 300) return body as T | undefined;
        // Any 401 gets one fresh token (expired, revoked or rotated signing keys); a second 401 is final.
        if (status === 401 && !refreshed && !last) {
          refreshed = forceRefresh = true;
          continue;
        }
        if (!isRetryableStatus(status) || !retryable || last) throw toGraphError(status, body, what);
        waitMs =
          parseRetryAfter(headers.get('retry-after'), this.clock()) ?? backoffMs(attempt, this.policy, this.random);
      }
      if (!canWait(deadline, this.clock(), waitMs, this.policy)) {
        throw new ProviderUnavailableError(`Microsoft Graph ${what}: retry would outlive the deadline`);
      }
      await this.sleep(waitMs);
    }
  }

  /** A mailbox slot, waiting in line while an attempt could still start before the deadline; else unavailable. */
  private async slot(deadline: Deadline, what: string): Promise<Release> {
    const lastStart = deadline.at - this.policy.marginMs - this.policy.minAttemptMs;
    const release = await this.slots.acquire(lastStart - this.clock());
    if (!release) throw new ProviderUnavailableError(`Microsoft Graph ${what}: mailbox busy until the deadline`);
    return release;
  }

  private async attempt(
    url: URL,
    request: GraphRequest,
    token: string,
    timeoutMs: number,
    attempt: number,
    path: string,
    trace: Trace,
  ): Promise<Outcome> {
    const started = this.clock();
    const report = (event: Pick<GraphRequestEvent, 'outcome' | 'status'>) =>
      this.options.onRequest?.({ method: request.method, path, attempt, durationMs: this.clock() - started, ...event });
    const headers: Record<string, string> = {
      Authorization: `Bearer ${token}`,
      Prefer: PREFER,
      Accept: 'application/json',
      'client-request-id': trace.clientRequestId,
      'return-client-request-id': 'true',
      ...request.headers,
    };
    trace.attempts = attempt + 1;
    trace.status = undefined;
    trace.requestId = undefined;
    if (request.body !== undefined) headers['Content-Type'] = 'application/json';
    try {
      const body = request.body === undefined ? undefined : JSON.stringify(request.body);
      const response = await this.fetch(url, {
        method: request.method,
        headers,
        body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      // The body read is covered by the same signal, so a stalled stream also times out.
      const text = await response.text();
      trace.status = response.status;
      trace.requestId = response.headers.get('request-id') ?? undefined;
      report({ outcome: 'response', status: response.status });
      return { status: response.status, text, headers: response.headers };
    } catch (failure) {
      const outcome = failedOutcome(failure);
      report({ outcome: outcome.timedOut ? 'timeout' : 'network-error' });
      return outcome;
    }
  }

  private resolve(request: GraphRequest): URL {
    if (/^https?:\/\//i.test(request.path)) {
      const url = new URL(request.path);
      // A nextLink must stay on the Graph origin: the bearer token goes wherever this URL points.
      if (url.origin !== this.base.origin)
        throw new ProviderError('Microsoft Graph returned a link to another origin', 0, 'UntrustedLink');
      return url;
    }
    const url = new URL(this.base.href + (request.path.startsWith('/') ? request.path : `/${request.path}`));
    // Keep "$select" readable: Graph accepts both, but only values need encoding.
    const query = Object.entries(request.query ?? {}).map(([key, value]) => `${key}=${encodeURIComponent(value)}`);
    if (query.length) url.search = query.join('&');
    return url;
  }
}

/** A final "unavailable" of a write whose answer was lost at some attempt says so: the write may have happened. */
function withUnknownOutcome(error: unknown, trace: Trace): unknown {
  if (!(error instanceof ProviderUnavailableError) || !trace.unsure || error.outcomeUnknown) return error;
  return new ProviderUnavailableError(error.message, { cause: error.cause ?? error, outcomeUnknown: true });
}
