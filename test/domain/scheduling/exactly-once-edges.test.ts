/**
 * exactlyOnce, edge cases: a refusal replayed to a redelivery, a stored answer with nothing in it, waiting for another
 * invocation right at the time bound and with the real sleep, a claim that cannot be made, an answer not stored.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { spokenFailure } from '../../../functions/domain/scheduling/spoken-failures';
import { MemoryBookingStore } from '../../fakes/stores';

type ExactlyOnce = typeof import('../../../functions/domain/scheduling/exactly-once');
let m: ExactlyOnce;

// storedAnswer and the restore of a stored answer are module-level functions: load the module afresh for each test.
beforeEach(async () => {
  vi.resetModules();
  m = await import('../../../functions/domain/scheduling/exactly-once');
});

const NOW = Date.parse('2026-07-14T15:00:00Z');
const KEY = 'call-1/tc-1';
const call = { toolCallId: 'tc-1', context: { callId: 'call-1' } };
const words = { tool: 'test_tool', busy: 'Still on it.', minMs: 1_000 };

let bookings: MemoryBookingStore;
let warnings: Array<{ message: string; fields: unknown }>;
let clock: number;
const deps = () => ({
  bookings,
  clock: () => clock,
  sleep: async () => undefined,
  log: { warn: (message: string, fields?: unknown) => warnings.push({ message, fields }), error: () => undefined },
});

beforeEach(() => {
  bookings = new MemoryBookingStore();
  warnings = [];
  clock = NOW;
});

describe('Function: storedAnswer', () => {
  it('keeps a refusal as its words and a result as JSON', () => {
    // Act & Assess
    expect(m.storedAnswer({ error: 'That time is taken.' })).toEqual({ error: 'That time is taken.' });
    expect(m.storedAnswer({ result: { message: 'Booked.', booked: true } })).toEqual({
      result: '{"message":"Booked.","booked":true}',
    });
  });
});

describe('Function: exactlyOnce (edges)', () => {
  it('replays a spoken refusal to a redelivery, word for word, without working again', async () => {
    // Prepare
    await m.exactlyOnce(call, words, deps(), { at: NOW + 10_000 }, async () => ({ error: 'That time is taken.' }));
    const work = vi.fn(async () => ({ result: { message: 'second' } }));

    // Act
    const again = await m.exactlyOnce(call, words, deps(), { at: NOW + 10_000 }, work);

    // Assess
    expect(again).toEqual({ error: 'That time is taken.' });
    expect(work).not.toHaveBeenCalled();
  });

  it('replays a result to a redelivery as it was answered', async () => {
    // Prepare
    await m.exactlyOnce(call, words, deps(), { at: NOW + 10_000 }, async () => ({
      result: { message: 'Booked.', booked: true },
    }));

    // Act
    const again = await m.exactlyOnce(call, words, deps(), { at: NOW + 10_000 }, async () => ({
      result: { message: 'mine' },
    }));

    // Assess
    expect(again).toEqual({ result: { message: 'Booked.', booked: true } });
  });

  it('speaks a generic failure for a stored answer that holds neither a result nor words', async () => {
    // Prepare
    await bookings.claimToolCall(KEY, NOW);
    await bookings.completeToolCall(KEY, {}, NOW);

    // Act
    const again = await m.exactlyOnce(call, words, deps(), { at: NOW + 10_000 }, async () => ({
      result: { message: 'mine' },
    }));

    // Assess
    expect(again).toEqual({ error: spokenFailure(undefined) });
  });

  it('still waits for the other invocation with exactly 1.5 s left, and gives its answer', async () => {
    // Prepare: another invocation holds the tool call and answers while this one waits
    await bookings.claimToolCall(KEY, NOW);
    const waiting = {
      ...deps(),
      sleep: async (ms: number) => {
        clock += ms;
        await bookings.completeToolCall(KEY, { result: '{"message":"theirs"}' }, clock);
      },
    };

    // Act
    const outcome = await m.exactlyOnce(call, words, waiting, { at: NOW + 1_500 }, async () => ({
      result: { message: 'mine' },
    }));

    // Assess
    expect(outcome).toEqual({ result: { message: 'theirs' } });
  });

  it('says the busy words when under 1.5 s is left while another invocation holds the tool call', async () => {
    // Prepare
    await bookings.claimToolCall(KEY, NOW);
    const work = vi.fn(async () => ({ result: { message: 'mine' } }));

    // Act
    const outcome = await m.exactlyOnce(call, words, deps(), { at: NOW + 1_499 }, work);

    // Assess
    expect(outcome).toEqual({ error: 'Still on it.' });
    expect(work).not.toHaveBeenCalled();
  });

  it('speaks a failure and warns when the tool call cannot be claimed', async () => {
    // Prepare
    vi.spyOn(bookings, 'claimToolCall').mockRejectedValue(new Error('throttled'));
    const work = vi.fn(async () => ({ result: { message: 'mine' } }));

    // Act
    const outcome = await m.exactlyOnce(call, words, deps(), { at: NOW + 10_000 }, work);

    // Assess
    expect(outcome).toEqual({ error: spokenFailure(new Error('throttled')) });
    expect(work).not.toHaveBeenCalled();
    expect(warnings.map((w) => w.message)).toEqual(['test_tool could not claim the tool call']);
    expect(warnings[0]!.fields).toEqual({ error: 'Error', reason: 'throttled' });
  });

  it('answers, and warns, when storing the answer fails (a redelivery then finds its own work done)', async () => {
    // Prepare
    vi.spyOn(bookings, 'completeToolCall').mockRejectedValue(new Error('throttled'));

    // Act
    const outcome = await m.exactlyOnce(call, words, deps(), { at: NOW + 10_000 }, async () => ({
      result: { message: 'Done.' },
    }));

    // Assess
    expect(outcome).toEqual({ result: { message: 'Done.' } });
    expect(warnings.map((w) => w.message)).toEqual(['storing the answer failed']);
  });
});

describe('Function: exactlyOnce (waiting with the real sleep)', () => {
  beforeEach(() => vi.useFakeTimers({ now: NOW }));
  afterEach(() => vi.useRealTimers());

  it('asks again every 250 ms while another invocation works, and gives its answer once stored', async () => {
    // Prepare: the other invocation stores its answer 600 ms from now
    await bookings.claimToolCall(KEY, NOW);
    const claim = bookings.claimToolCall.bind(bookings);
    // A loop that never waits would ask without end: stop it after a few asks.
    const claims = vi.spyOn(bookings, 'claimToolCall').mockImplementation(async (key, now) => {
      if (claims.mock.calls.length > 20) throw new Error('asked without waiting');
      return claim(key, now);
    });
    setTimeout(() => void bookings.completeToolCall(KEY, { result: '{"message":"theirs"}' }, Date.now()), 600);
    const { sleep: _sleep, ...noSleep } = { ...deps(), clock: () => Date.now() };

    // Act
    const running = m.exactlyOnce(call, words, noSleep, { at: NOW + 10_000 }, async () => ({
      result: { message: 'mine' },
    }));
    await vi.advanceTimersByTimeAsync(1_000);
    const outcome = await running;

    // Assess
    expect(outcome).toEqual({ result: { message: 'theirs' } });
    expect(claims).toHaveBeenCalledTimes(4);
  });
});
