/** deadlineSignal: the abort signal every AWS call gets, 250 ms short of the invocation's deadline. */
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { deadlineSignal, withDeadline } from '../../../functions/adapters/shared/deadline-scope';

const NOW = Date.parse('2030-01-01T00:00:00Z');

describe('Function: deadlineSignal', () => {
  it('is undefined outside a deadline scope', () => {
    // Act / Assess
    expect(deadlineSignal()).toBeUndefined();
  });

  it('is already aborted, with "Deadline exceeded", from 250 ms before the deadline on', async () => {
    // Act
    const signals = await Promise.all(
      [250, 100, -5].map((left) => withDeadline({ at: NOW + left }, async () => deadlineSignal(() => NOW))),
    );
    // Assess
    for (const signal of signals) {
      expect(signal?.aborted).toBe(true);
      expect(signal?.reason).toEqual(new Error('Deadline exceeded'));
    }
  });

  it('aborts 250 ms before a deadline still ahead, not at it', async () => {
    // Prepare
    const signal = await withDeadline({ at: Date.now() + 400 }, async () => deadlineSignal());
    // Act
    const early = signal?.aborted;
    await sleep(300);
    // Assess
    expect(early).toBe(false);
    expect(signal?.aborted).toBe(true);
    expect(signal?.reason).toMatchObject({ name: 'TimeoutError' });
  });
});
