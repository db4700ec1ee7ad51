import { beforeEach, describe, expect, it, vi } from 'vitest';
import { exactlyOnce } from '../../../functions/domain/scheduling/exactly-once';
import { MemoryBookingStore } from '../../fakes/stores';

const NOW = Date.parse('2026-07-14T15:00:00Z');
const call = { toolCallId: 'tc-1', context: { callId: 'call-1' } };
const words = { tool: 'test_tool', busy: 'Still on it.', minMs: 1_000 };
const deadline = { at: NOW + 10_000 };

let bookings: MemoryBookingStore;
let deps: { bookings: MemoryBookingStore; clock: () => number; sleep: (ms: number) => Promise<void> };

beforeEach(() => {
  bookings = new MemoryBookingStore();
  deps = { bookings, clock: () => NOW, sleep: async () => undefined };
});

/** Work that answers with what the prepare gave it. */
const answerPrepared = async (_receipt: unknown, prepared?: Promise<unknown>) => ({
  result: { message: String(await prepared) },
});

/** Runs a tool whose work answers with the count of prepares so far; how many there were, and the answer. */
async function countingPrepares() {
  let prepares = 0;
  const outcome = await exactlyOnce(call, words, deps, deadline, answerPrepared, async () => ++prepares);
  return { prepares, outcome };
}

describe('Function: exactlyOnce', () => {
  it('starts prepare before the claim answers and hands its promise to the work', async () => {
    // Prepare
    const order: string[] = [];
    const claim = bookings.claimToolCall.bind(bookings);
    vi.spyOn(bookings, 'claimToolCall').mockImplementation(async (...args) => {
      order.push('claim');
      return claim(...args);
    });
    // Act
    const outcome = await exactlyOnce(call, words, deps, deadline, answerPrepared, async () => {
      order.push('prepare');
      return 'basis';
    });
    // Assess
    expect(order).toEqual(['prepare', 'claim']);
    expect(outcome).toEqual({ result: { message: 'basis' } });
  });

  it('writes no answer when the work stored it with its own write (receipt.stored)', async () => {
    // Prepare
    const complete = vi.spyOn(bookings, 'completeToolCall');
    // Act
    await exactlyOnce(call, words, deps, deadline, async (receipt) => {
      await bookings.completeToolCall(receipt.key, { result: '{"message":"own"}' }, NOW);
      receipt.stored = true;
      return { result: { message: 'own' } };
    });
    const redelivered = await exactlyOnce(call, words, deps, deadline, async () => ({ result: { message: 'second' } }));
    // Assess
    expect(complete).toHaveBeenCalledTimes(1);
    expect(redelivered).toEqual({ result: { message: 'own' } });
  });

  it('a redelivery of a done tool call answers from the store; a failing prepare is never unhandled', async () => {
    // Prepare
    const unhandled = vi.fn();
    process.on('unhandledRejection', unhandled);
    await exactlyOnce(call, words, deps, deadline, async () => ({ result: { message: 'first' } }));
    const work = vi.fn(async () => ({ result: { message: 'second' } }));
    // Act
    const again = await exactlyOnce(call, words, deps, deadline, work, () => Promise.reject(new Error('read failed')));
    await new Promise((resolve) => setTimeout(resolve, 10));
    process.off('unhandledRejection', unhandled);
    // Assess
    expect(again).toEqual({ result: { message: 'first' } });
    expect(work).not.toHaveBeenCalled();
    expect(unhandled).not.toHaveBeenCalled();
  });

  it('prepares again after waiting for another invocation: what it read may have changed', async () => {
    // Prepare
    await bookings.claimToolCall('call-1/tc-1', NOW);
    deps.sleep = async () => {
      await bookings.releaseToolCall('call-1/tc-1');
    };
    // Act
    const { prepares, outcome } = await countingPrepares();
    // Assess
    expect(prepares).toBe(2);
    expect(outcome).toEqual({ result: { message: '2' } });
  });

  it('prepares again after taking over a lapsed claim of another invocation (contended)', async () => {
    // Prepare: another invocation claimed the tool call and never finished; its lease has lapsed.
    await bookings.claimToolCall('call-1/tc-1', NOW - 60_000);
    // Act
    const { prepares, outcome } = await countingPrepares();
    // Assess
    expect(prepares).toBe(2);
    expect(outcome).toEqual({ result: { message: '2' } });
  });

  it('a failing prepare is the work failing: spoken, and the claim freed for a retry', async () => {
    // Act
    const outcome = await exactlyOnce(call, words, deps, deadline, answerPrepared, () =>
      Promise.reject(new Error('read failed')),
    );
    const retried = await bookings.claimToolCall('call-1/tc-1', NOW);
    // Assess
    expect(outcome).toHaveProperty('error');
    expect(retried).toEqual({ claimed: true });
  });

  it('speaks a failure when the tool call cannot be claimed, even with no log to warn on', async () => {
    // Prepare
    vi.spyOn(bookings, 'claimToolCall').mockRejectedValue(new Error('throttled'));
    const work = vi.fn(answerPrepared);

    // Act
    const outcome = await exactlyOnce(call, words, deps, deadline, work);

    // Assess
    expect(outcome).toEqual({ error: expect.stringContaining('call you back') });
    expect(work).not.toHaveBeenCalled();
  });
});
