import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DEFAULT_RETRY,
  attemptTimeoutMs,
  backoffMs,
  canWait,
  isRetryableStatus,
  parseRetryAfter,
} from '../../../functions/adapters/shared/retry';

describe('Function: parseRetryAfter', () => {
  it.each([
    ['2', 2_000],
    ['2.128', 2_128],
    ['0', 0],
    [' 10 ', 10_000],
  ])('reads delta seconds %j as %i ms', (header, expected) => {
    // Act
    const waitMs = parseRetryAfter(header, 0);
    // Assess
    expect(waitMs).toBe(expected);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    // Prepare
    const now = Date.UTC(2026, 2, 15, 12, 0, 0);
    // Act
    const ahead = parseRetryAfter('Sun, 15 Mar 2026 12:00:03 GMT', now);
    const past = parseRetryAfter('Sun, 15 Mar 2026 11:00:00 GMT', now);
    // Assess
    expect(ahead).toBe(3_000);
    expect(past).toBe(0);
  });

  it.each([[null], [undefined], [''], ['soon'], ['-1'], ['x Sun, 15 Mar 2026 12:00:03 GMT']])(
    'ignores %j',
    (header) => {
      // Act
      const waitMs = parseRetryAfter(header, 0);
      // Assess
      expect(waitMs).toBeUndefined();
    },
  );
});

describe('Function: backoffMs', () => {
  it('stays within [0, min(cap, base * 2^attempt)] for any random value and attempt', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.double({ min: 0, max: 1, noNaN: true }), (attempt, r) => {
        // Act
        const waitMs = backoffMs(attempt, DEFAULT_RETRY, () => r);
        // Assess
        const ceiling = Math.min(DEFAULT_RETRY.capMs, DEFAULT_RETRY.baseMs * 2 ** attempt);
        expect(waitMs).toBeGreaterThanOrEqual(0);
        expect(waitMs).toBeLessThanOrEqual(ceiling);
      }),
    );
  });

  it('uses the full jitter range: random 1 gives the ceiling, random 0 gives no wait', () => {
    // Act
    const high = [0, 1, 2, 3, 4].map((attempt) => backoffMs(attempt, DEFAULT_RETRY, () => 1));
    const low = backoffMs(3, DEFAULT_RETRY, () => 0);
    // Assess
    expect(high).toEqual([250, 500, 1_000, 2_000, 2_000]);
    expect(low).toBe(0);
  });
});

describe('Function: attemptTimeoutMs', () => {
  it('caps an attempt at the per-attempt limit when the deadline is far', () => {
    // Act
    const timeout = attemptTimeoutMs({ at: 60_000 }, 0, DEFAULT_RETRY);
    // Assess
    expect(timeout).toBe(DEFAULT_RETRY.perAttemptTimeoutMs);
  });

  it('shortens an attempt to what the deadline leaves minus the margin', () => {
    // Act
    const timeout = attemptTimeoutMs({ at: 10_000 }, 8_000, DEFAULT_RETRY);
    // Assess
    expect(timeout).toBe(2_000 - DEFAULT_RETRY.marginMs);
  });

  it('refuses an attempt when too little time is left', () => {
    // Act
    const timeout = attemptTimeoutMs({ at: 10_000 }, 9_700, DEFAULT_RETRY);
    // Assess
    expect(timeout).toBeUndefined();
  });
});

describe('Function: canWait / isRetryableStatus', () => {
  it('allows a wait only if an attempt still fits afterwards', () => {
    // Prepare
    const room = DEFAULT_RETRY.marginMs + DEFAULT_RETRY.minAttemptMs;
    // Act & Assess
    expect(canWait({ at: 10_000 }, 0, 10_000 - room, DEFAULT_RETRY)).toBe(true);
    expect(canWait({ at: 10_000 }, 0, 10_000 - room + 1, DEFAULT_RETRY)).toBe(false);
  });

  it.each([
    [429, true],
    [500, true],
    [502, true],
    [503, true],
    [504, true],
    [200, false],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [409, false],
    [501, false],
    [505, false],
  ])('treats status %i as retryable: %s', (status, expected) => {
    // Act
    const retryable = isRetryableStatus(status);
    // Assess
    expect(retryable).toBe(expected);
  });
});
