/** http-retry: how a failed attempt is classified and said, the default sleep, and the deadline's two refusals. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  failedOutcome,
  failureKind,
  fetchOnce,
  retryWithin,
  transportOf,
} from '../../../functions/adapters/shared/http-retry';
import { UnreadableAnswerError } from '../../../functions/adapters/shared/https-transport';
import { ProviderUnavailableError } from '../../../functions/domain/errors';

const NOW = Date.parse('2030-01-01T00:00:00Z');

describe('Function: failedOutcome / failureKind', () => {
  it('counts a plain abort as a timeout, like AbortSignal.timeout, and names each kind of failure', () => {
    // Act
    const outcomes = [
      new DOMException('This operation was aborted', 'AbortError'),
      new DOMException('The operation timed out', 'TimeoutError'),
      new UnreadableAnswerError('BAD_ENCODING', 'the answer could not be decompressed'),
      Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    ].map(failedOutcome);
    // Assess
    expect(outcomes.map((o) => o.timedOut)).toEqual([true, true, false, false]);
    expect(outcomes.map(failureKind)).toEqual(['timed out', 'timed out', 'unreadable answer', 'network error']);
  });
});

describe('Function: transportOf', () => {
  afterEach(() => vi.useRealTimers());

  it('sleeps for real by default: the wait ends after its milliseconds, not before', async () => {
    // Prepare
    vi.useFakeTimers();
    let woke = false;
    // Act
    const sleeping = transportOf({})
      .sleep(1_000)
      .then(() => {
        woke = true;
      });
    await vi.advanceTimersByTimeAsync(999);
    const early = woke;
    await vi.advanceTimersByTimeAsync(1);
    await sleeping;
    // Assess
    expect([early, woke]).toEqual([false, true]);
  });
});

describe('Functions: fetchOnce and retryWithin at the deadline', () => {
  it('fetchOnce sends nothing when too little time is left, and says which request', async () => {
    // Prepare
    const fetch = vi.fn();
    const transport = transportOf({ fetch, clock: () => NOW });
    // Act
    const failure = await fetchOnce(
      transport,
      new URL('https://www.googleapis.com/calendar/v3/calendars/primary/events?q=secret'),
      { method: 'POST' },
      { at: NOW + 300 },
      () => undefined,
    ).catch((error: unknown) => error);
    // Assess
    expect(failure).toEqual(
      new ProviderUnavailableError('POST /calendar/v3/calendars/primary/events: deadline reached'),
    );
    expect(failure).toBeInstanceOf(ProviderUnavailableError);
    expect(fetch).not.toHaveBeenCalled();
  });

  it('retryWithin refuses a wait the deadline cannot afford, keeping the retryable error as the cause', async () => {
    // Prepare
    const throttled = new Error('429 rateLimitExceeded');
    const transport = transportOf({ clock: () => NOW, sleep: async () => undefined });
    // Act
    const failure = await retryWithin(transport, { at: NOW + 1_000 }, 'events.insert', async () => ({
      retry: throttled,
      waitMs: 5_000,
    })).catch((error: unknown) => error);
    // Assess
    expect(failure).toBeInstanceOf(ProviderUnavailableError);
    expect((failure as Error).message).toBe('events.insert: retry would outlive the deadline');
    expect((failure as Error).cause).toBe(throttled);
  });
});
