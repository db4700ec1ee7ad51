import { describe, expect, it } from 'vitest';
import {
  answerToolCalls,
  DEFAULT_MAX_CALLS,
  OUT_OF_TIME,
  TOO_MANY_CALLS,
  type ToolHandlers,
} from '../../../functions/domain/vapi/dispatch';
import { call, CONTEXT, recordingHandlers, SINGLE_LINE } from './dispatch-fakes';

/** `n` valid get_availability calls with ids c0, c1, … */
function calls(n: number) {
  return Array.from({ length: n }, (_, i) => call('get_availability', {}, `c${i}`));
}

/** The ids whose handler ran, in order. */
function ran(seen: Array<{ toolCallId: string }>): string[] {
  return seen.map((s) => s.toolCallId);
}

describe('answerToolCalls: maxCalls', () => {
  it('by default runs the first 10 calls and answers the rest with their own too-many sentence, in order', async () => {
    // Prepare
    const { handlers, seen } = recordingHandlers();
    // Act
    const { results } = await answerToolCalls(calls(12), CONTEXT, handlers);
    // Assess
    expect(DEFAULT_MAX_CALLS).toBe(10);
    expect(ran(seen)).toEqual(calls(10).map((c) => c.id));
    expect(results.map((r) => r.toolCallId)).toEqual(calls(12).map((c) => c.id));
    expect(results.slice(0, 10).every((r) => r.result === '{"message":"ok"}')).toBe(true);
    expect(results.slice(10)).toEqual([
      { toolCallId: 'c10', name: 'get_availability', error: TOO_MANY_CALLS },
      { toolCallId: 'c11', name: 'get_availability', error: TOO_MANY_CALLS },
    ]);
  });

  it('honours a custom cap, including calls that would have failed validation', async () => {
    // Prepare
    const { handlers, seen } = recordingHandlers();
    const batch = [...calls(2), call('set_appointment', {}, 'bad'), call('nope', {}, 'unknown')];
    // Act
    const { results } = await answerToolCalls(batch, CONTEXT, handlers, { maxCalls: 2 });
    // Assess
    expect(ran(seen)).toEqual(['c0', 'c1']);
    expect(results.map((r) => r.error)).toEqual([undefined, undefined, TOO_MANY_CALLS, TOO_MANY_CALLS]);
  });

  it('runs nothing with maxCalls 0, and falls back to the default for NaN or a negative cap', async () => {
    // Prepare
    const zero = recordingHandlers();
    const nan = recordingHandlers();
    const negative = recordingHandlers();
    // Act
    await answerToolCalls(calls(3), CONTEXT, zero.handlers, { maxCalls: 0 });
    await answerToolCalls(calls(11), CONTEXT, nan.handlers, { maxCalls: Number.NaN });
    await answerToolCalls(calls(11), CONTEXT, negative.handlers, { maxCalls: -1 });
    // Assess
    expect([zero.seen.length, nan.seen.length, negative.seen.length]).toEqual([0, 10, 10]);
  });
});

describe('answerToolCalls: deadline', () => {
  it('answers the calls not yet started with the out-of-time sentence once a handler used up the time', async () => {
    // Prepare: the first handler takes 5 s on a fake clock whose deadline is 3 s away
    let clock = 1_000;
    const started: string[] = [];
    const handlers: ToolHandlers = {
      get_availability: async (_args, { toolCallId }) => {
        started.push(toolCallId);
        clock += 5_000;
        return { result: { message: 'ok' } };
      },
      set_appointment: async () => ({ error: 'unused' }),
    };
    // Act
    const { results } = await answerToolCalls(calls(3), CONTEXT, handlers, {
      deadline: { at: 4_000 },
      now: () => clock,
    });
    // Assess
    expect(started).toEqual(['c0']);
    expect(results).toEqual([
      { toolCallId: 'c0', name: 'get_availability', result: '{"message":"ok"}' },
      { toolCallId: 'c1', name: 'get_availability', error: OUT_OF_TIME },
      { toolCallId: 'c2', name: 'get_availability', error: OUT_OF_TIME },
    ]);
  });

  it('runs nothing when the deadline has already passed, or is exactly now', async () => {
    // Prepare
    const passed = recordingHandlers();
    const exact = recordingHandlers();
    // Act
    const late = await answerToolCalls(calls(2), CONTEXT, passed.handlers, { deadline: { at: 999 }, now: () => 1_000 });
    const onTheDot = await answerToolCalls(calls(1), CONTEXT, exact.handlers, {
      deadline: { at: 1_000 },
      now: () => 1_000,
    });
    // Assess
    expect([passed.seen.length, exact.seen.length]).toEqual([0, 0]);
    expect([...late.results, ...onTheDot.results].map((r) => r.error)).toEqual([OUT_OF_TIME, OUT_OF_TIME, OUT_OF_TIME]);
  });

  it('runs every call while time remains, and reads the real clock when no now() is given', async () => {
    // Prepare
    const fake = recordingHandlers();
    const real = recordingHandlers();
    // Act
    await answerToolCalls(calls(3), CONTEXT, fake.handlers, { deadline: { at: 1_001 }, now: () => 1_000 });
    const { results } = await answerToolCalls(calls(2), CONTEXT, real.handlers, { deadline: { at: Date.now() - 1 } });
    // Assess
    expect(ran(fake.seen)).toEqual(['c0', 'c1', 'c2']);
    expect(real.seen).toEqual([]);
    expect(results.map((r) => r.error)).toEqual([OUT_OF_TIME, OUT_OF_TIME]);
  });

  it('answers calls over the cap with the too-many sentence even after the deadline', async () => {
    // Prepare
    const { handlers } = recordingHandlers();
    // Act
    const { results } = await answerToolCalls(calls(2), CONTEXT, handlers, {
      maxCalls: 1,
      deadline: { at: 0 },
      now: () => 1,
    });
    // Assess
    expect(results.map((r) => r.error)).toEqual([OUT_OF_TIME, TOO_MANY_CALLS]);
  });
});

describe('refusal sentences', () => {
  it('are single-line and speakable', () => {
    // Assess
    for (const sentence of [TOO_MANY_CALLS, OUT_OF_TIME]) {
      expect(sentence).toMatch(SINGLE_LINE);
      expect(sentence).toMatch(/^[A-Z].*\.$/);
    }
  });
});
