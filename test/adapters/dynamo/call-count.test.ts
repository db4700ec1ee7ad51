/** The per-call booking count: taken in a booking's transaction, kept two days, given back on release. */
import { describe, expect, it } from 'vitest';
import { giveCallCount, takeCallCount } from '../../../functions/adapters/dynamo/call-count';
import { conflictOnly } from '../../../functions/adapters/dynamo/transact';

const NOW = Date.parse('2030-06-01T12:00:00Z');

describe('Functions: takeCallCount / giveCallCount', () => {
  it('takes a unit of the call, its counter kept two days; a booking without a call takes none', () => {
    // Act
    const taken = takeCallCount('b', { callId: 'call-1' }, 3, NOW);
    const none = takeCallCount('b', { callId: undefined }, 3, NOW);
    // Assess
    expect(taken?.Update?.ExpressionAttributeValues?.[':ttl']).toBe((NOW + 2 * 86_400_000) / 1000);
    expect(none).toBeUndefined();
  });

  it('gives nothing back for a booking without a call (no write at all)', async () => {
    // Prepare
    const sent: unknown[] = [];
    const doc = { send: async (command: unknown) => sent.push(command) } as never;
    // Act
    await giveCallCount({ doc, table: 'b' }, { callId: undefined });
    // Assess
    expect(sent).toEqual([]);
  });
});

describe('Function: conflictOnly', () => {
  it('is false for an error that is no cancelled transaction, and for a cancellation without a conflict', () => {
    // Prepare
    const cancelled = (...codes: string[]) =>
      Object.assign(new Error('cancelled'), {
        name: 'TransactionCanceledException',
        CancellationReasons: codes.map((Code) => ({ Code })),
      });
    // Act
    const answers = [new Error('x'), cancelled('None', 'None'), cancelled('None', 'TransactionConflict')].map(
      conflictOnly,
    );
    // Assess
    expect(answers).toEqual([false, false, true]);
  });
});
