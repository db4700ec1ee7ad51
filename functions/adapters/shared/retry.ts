/** Retry arithmetic for provider HTTP calls: Retry-After, full-jitter backoff, per-attempt timeouts in a Deadline. */
import type { Deadline } from '../../domain/ports';

export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  /** Backoff base and cap (ms) for `random(0, min(cap, base * 2^attempt))`. */
  baseMs: number;
  capMs: number;
  /** Upper bound for a single attempt, whatever the deadline leaves. */
  perAttemptTimeoutMs: number;
  /** Time kept back from the deadline so the caller can still answer. */
  marginMs: number;
  /** An attempt with less time than this is not worth starting. */
  minAttemptMs: number;
}

/** Tuned for a voice turn: a handful of seconds at most, retries only while the budget allows. */
export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 3,
  baseMs: 250,
  capMs: 2_000,
  perAttemptTimeoutMs: 5_000,
  marginMs: 250,
  minAttemptMs: 200,
};

const RETRYABLE_STATUSES = new Set([429, 500, 502, 503, 504]);

/**
 * Statuses worth another attempt (same cap and deadline): throttled, and the transient server and gateway failures
 * 500/502/503/504. 501 and 505 describe the request, not a passing state, so a retry would only spend the budget.
 */
export function isRetryableStatus(status: number): boolean {
  return RETRYABLE_STATUSES.has(status);
}

/** Milliseconds to wait from Retry-After (seconds, fractional or 0, or an HTTP date); undefined if absent or bad. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  const raw = value?.trim();
  if (!raw) return undefined;
  if (/^\d+(\.\d+)?$/.test(raw)) return Math.round(Number(raw) * 1000);
  // Otherwise only an HTTP-date ("Sun, 15 Mar 2026 12:00:03 GMT"); Date.parse would also accept "-1".
  const date = /^[a-z]{3}, /i.test(raw) ? Date.parse(raw) : NaN;
  return Number.isNaN(date) ? undefined : Math.max(0, date - nowMs);
}

/** Full-jitter exponential backoff: uniform in [0, min(cap, base * 2^attempt)] (attempt counts from 0). */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** attempt);
  return Math.floor(Math.min(1, Math.max(0, random())) * ceiling);
}

/** The timeout for the next attempt, or undefined when the deadline leaves too little time to start one. */
export function attemptTimeoutMs(deadline: Deadline, nowMs: number, policy: RetryPolicy): number | undefined {
  const remaining = deadline.at - nowMs - policy.marginMs;
  if (remaining < policy.minAttemptMs) return undefined;
  return Math.min(policy.perAttemptTimeoutMs, remaining);
}

/** Whether waiting `waitMs` still leaves room for a worthwhile attempt before the deadline. */
export function canWait(deadline: Deadline, nowMs: number, waitMs: number, policy: RetryPolicy): boolean {
  return nowMs + waitMs + policy.marginMs + policy.minAttemptMs <= deadline.at;
}
