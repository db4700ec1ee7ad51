/**
 * One fetch round trip bounded by the Deadline, and the retry loop around it (arithmetic in ./retry), for any provider
 * adapter over fetch: Google's Calendar client and OAuth endpoints go through these, so both time out and back off
 * alike. (Microsoft's GraphClient predates them and keeps its own loop over the same arithmetic.)
 */
import type { Clock, Deadline } from '../../domain/ports';
import { ProviderUnavailableError } from '../../domain/errors';
import { DEFAULT_RETRY, attemptTimeoutMs, backoffMs, canWait, type RetryPolicy } from './retry';
import { type HttpFetch, type HttpHeaders, type HttpInit, httpFetch, UnreadableAnswerError } from './https-transport';

/** One provider round trip, reported after it ends (benchmarks count them; logs time them). No query, no token. */
export interface RoundTrip {
  method: string;
  path: string;
  /** Counts from 0 within one logical request. */
  attempt: number;
  status?: number;
  outcome: 'response' | 'timeout' | 'network-error';
  durationMs: number;
  /** The provider's own error reason, where the client reads one (Google Calendar's "rateLimitExceeded"). */
  reason?: string;
}

/**
 * What an attempt gave: a response read to the end, or a failure before one; `unreadable` when an answer came but
 * could not be used (too large, undecodable): final, since another attempt would read the same bytes.
 */
export type Outcome =
  | { status: number; text: string; headers: HttpHeaders }
  | { failure: unknown; timedOut: boolean; unreadable?: boolean };

/** The Outcome of an attempt that threw `failure`: timed out, unreadable, or a network error (reported as such). */
export function failedOutcome(failure: unknown): Extract<Outcome, { failure: unknown }> {
  const timedOut = failure instanceof Error && (failure.name === 'TimeoutError' || failure.name === 'AbortError');
  return failure instanceof UnreadableAnswerError ? { failure, timedOut, unreadable: true } : { failure, timedOut };
}

/** What went wrong with a failed attempt, as an error message says it. */
export function failureKind(outcome: Extract<Outcome, { failure: unknown }>): string {
  return outcome.timedOut ? 'timed out' : outcome.unreadable ? 'unreadable answer' : 'network error';
}

/** The injectable parts of HTTP: fetch, time, jitter and the retry policy. */
export interface Transport {
  fetch: HttpFetch;
  clock: Clock;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  policy: RetryPolicy;
}

export interface TransportOptions {
  fetch?: HttpFetch;
  clock?: Clock;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  retry?: Partial<RetryPolicy>;
}

/** The transport with defaults filled in (httpFetch, Date.now, setTimeout, Math.random, DEFAULT_RETRY). */
export function transportOf(options: TransportOptions): Transport {
  return {
    fetch: options.fetch ?? httpFetch,
    clock: options.clock ?? Date.now,
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    random: options.random ?? Math.random,
    policy: { ...DEFAULT_RETRY, ...options.retry },
  };
}

/**
 * Sends one request with a timeout from the deadline (ProviderUnavailableError when too little is left to start) and
 * reads the whole body under the same signal, so a stalled stream also times out.
 */
export async function fetchOnce(
  transport: Transport,
  url: URL,
  init: HttpInit,
  deadline: Deadline,
  report: (event: Pick<RoundTrip, 'outcome' | 'status' | 'durationMs'>) => void,
): Promise<Outcome> {
  const timeoutMs = attemptTimeoutMs(deadline, transport.clock(), transport.policy);
  if (timeoutMs === undefined) throw new ProviderUnavailableError(`${init.method} ${url.pathname}: deadline reached`);
  const started = transport.clock();
  const done = (event: Pick<RoundTrip, 'outcome' | 'status'>) =>
    report({ ...event, durationMs: transport.clock() - started });
  try {
    const response = await transport.fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    done({ outcome: 'response', status: response.status });
    return { status: response.status, text, headers: response.headers };
  } catch (failure) {
    const outcome = failedOutcome(failure);
    done({ outcome: outcome.timedOut ? 'timeout' : 'network-error' });
    return outcome;
  }
}

/**
 * What one attempt decided: a value, a final error, an error worth another attempt (after `waitMs`, else backoff), or
 * `again`: once more at once, outside the attempt budget (a fresh token after a 401 is not a retry of a failure).
 */
export type Step<T> = { value: T } | { fail: unknown } | { retry: unknown; waitMs?: number } | { again: true };

/**
 * Runs `step` until it settles, within policy.maxAttempts counted retries and the deadline. The last retryable error
 * is thrown as it is once the attempts are spent; a wait the deadline cannot afford is a ProviderUnavailableError.
 */
export async function retryWithin<T>(
  transport: Transport,
  deadline: Deadline,
  what: string,
  step: (attempt: number) => Promise<Step<T>>,
): Promise<T> {
  const { policy, clock } = transport;
  let failures = 0;
  for (let attempt = 0; ; attempt++) {
    const result = await step(attempt);
    if ('value' in result) return result.value;
    if ('fail' in result) throw result.fail;
    if ('again' in result) continue;
    failures++;
    if (failures >= policy.maxAttempts) throw result.retry;
    const waitMs = result.waitMs ?? backoffMs(failures - 1, policy, transport.random);
    if (!canWait(deadline, clock(), waitMs, policy)) {
      throw new ProviderUnavailableError(`${what}: retry would outlive the deadline`, { cause: result.retry });
    }
    await transport.sleep(waitMs);
  }
}
