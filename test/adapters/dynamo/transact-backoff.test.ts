/** How long transactWrite waits before it retries a transaction that only clashed with another one. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { transactWrite } from '../../../functions/adapters/dynamo/transact';

const conflict = () =>
  Object.assign(new Error('cancelled'), {
    name: 'TransactionCanceledException',
    CancellationReasons: [{ Code: 'TransactionConflict' }],
  });

describe('Function: transactWrite (backoff)', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it('waits a random share of 30, then 60 ms (15 ms doubled per attempt) before sending again', async () => {
    // Prepare: the jitter halfway
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.spyOn(Math, 'random').mockReturnValue(0.5);
    let calls = 0;
    const doc = {
      send: async () => {
        calls++;
        if (calls < 3) throw conflict();
        return {};
      },
    } as never;
    // Act
    const write = transactWrite(doc, { TransactItems: [] });
    const counts: number[] = [];
    for (const ms of [0, 14, 1, 29, 1]) {
      await vi.advanceTimersByTimeAsync(ms);
      counts.push(calls);
    }
    await write;
    // Assess
    expect(counts).toEqual([1, 1, 2, 2, 3]);
  });
});
