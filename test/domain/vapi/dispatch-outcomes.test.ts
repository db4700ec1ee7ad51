import { describe, expect, it, vi } from 'vitest';
import {
  type Answer,
  answerFunctionCall,
  answerToolCalls,
  GENERIC_ERROR,
  type ToolHandlers,
  type ToolOutcome,
} from '../../../functions/domain/vapi/dispatch';
import { call, CONTEXT, recordingHandlers } from './dispatch-fakes';

const MALFORMED = 'tool handler returned neither { result: { message } } nor { error }';

/** Answers one get_availability call whose handler returns `outcome`, recording what onHandlerError is told. */
async function answerWith(outcome: unknown) {
  const handlers: ToolHandlers = { get_availability: async () => outcome as ToolOutcome };
  const reported: Array<{ error: unknown; call: unknown }> = [];
  const onHandlerError = (error: unknown, c: unknown) => reported.push({ error, call: c });
  const { results } = await answerToolCalls([call('get_availability', {}, 'tc-1')], CONTEXT, handlers, {
    onHandlerError,
  });
  return { answer: results[0], reported };
}

describe('Function: answerToolCalls (malformed handler outcomes)', () => {
  it.each<[string, unknown]>([
    ['null', null],
    ['undefined', undefined],
    ['a bare string', 'all good'],
    ['a list carrying an error', Object.assign(['x'], { error: 'listed' })],
    ['a list carrying a result', Object.assign([], { result: { message: 'listed' } })],
    ['a result without a message', { result: { slots: [] } }],
    ['a result whose message is not text', { result: { message: 42 } }],
    ['a result that is a list carrying a message', { result: Object.assign(['a'], { message: 'listed' }) }],
  ])('answers %s with the generic sentence and reports it as malformed', async (_label, outcome) => {
    // Act
    const { answer, reported } = await answerWith(outcome);
    // Assess
    expect(answer).toEqual({ toolCallId: 'tc-1', name: 'get_availability', error: GENERIC_ERROR });
    expect(reported).toEqual([
      { error: expect.any(TypeError), call: { toolCallId: 'tc-1', name: 'get_availability' } },
    ]);
    expect(reported.map((r) => (r.error as Error).message)).toEqual([MALFORMED]);
  });

  it('still relays a well-formed result', async () => {
    // Act
    const { answer, reported } = await answerWith({ result: { message: 'Two slots.', count: 2 } });
    // Assess
    expect(answer).toEqual({
      toolCallId: 'tc-1',
      name: 'get_availability',
      result: '{"message":"Two slots.","count":2}',
    });
    expect(reported).toEqual([]);
  });
});

describe('Function: answerToolCalls (validation)', () => {
  it('speaks at most three of the problems with the arguments', async () => {
    // Prepare: five fields wrong at once
    const { handlers } = recordingHandlers();
    const args = {
      attendee_name: 5,
      start_time: '2025-06-03T15:00:00-04:00',
      attendee_phone: 'zz',
      attendee_email: 'no',
      notes: 7,
      online: 'maybe',
    };
    // Act
    const { results } = await answerToolCalls([call('set_appointment', args)], CONTEXT, handlers);
    // Assess
    expect(results[0]?.error).toBe(
      "The caller's name must be given as text. The phone number must be digits only (with +, spaces or dashes), " +
        "as the caller said it. That email address doesn't look valid; ask the caller to spell it, or book without " +
        'an email.',
    );
    expect(handlers.set_appointment).not.toHaveBeenCalled();
  });
});

describe('Function: answerToolCalls (tools that are not available)', () => {
  it('says a tool of the table without a handler here is not available, without validating or running it', async () => {
    // Prepare
    const { handlers } = recordingHandlers();
    // Act
    const { results } = await answerToolCalls([call('hold_slot', {}, 'tc-h')], CONTEXT, handlers);
    // Assess
    expect(results).toEqual([
      { toolCallId: 'tc-h', name: 'hold_slot', error: "I can't do that here: the tool 'hold_slot' is not available." },
    ]);
  });

  it('names at most 64 characters of an unknown tool name', async () => {
    // Prepare
    const { handlers } = recordingHandlers();
    const name = `${'x'.repeat(64)}${'y'.repeat(40)}`;
    // Act
    const { results } = await answerToolCalls([call(name, {})], CONTEXT, handlers);
    // Assess
    expect(results[0]?.error).toBe(`I can't do that here: the tool '${'x'.repeat(64)}' is not available.`);
  });
});

describe('Function: answerToolCalls (cap)', () => {
  it('falls back to the default cap of 10 when maxCalls is not a number (e.g. null from JSON config)', async () => {
    // Prepare
    const { handlers, seen } = recordingHandlers();
    const calls = [call('get_availability', {}, 'a'), call('get_availability', {}, 'b')];
    // Act
    const { results } = await answerToolCalls(calls, CONTEXT, handlers, { maxCalls: null as unknown as number });
    // Assess
    expect(seen.map((s) => s.toolCallId)).toEqual(['a', 'b']);
    expect(results.map((r) => r.result)).toEqual(['{"message":"ok"}', '{"message":"ok"}']);
  });
});

describe('Function: answerToolCalls / answerFunctionCall (around)', () => {
  it('wraps each call that runs with its ids and sends back what the wrapper returns', async () => {
    // Prepare
    const { handlers } = recordingHandlers();
    const wrapped: Array<{ toolCallId: string; name: string }> = [];
    const around = vi.fn(async (ids: { toolCallId: string; name: string }, run: () => Promise<Answer>) => {
      wrapped.push(ids);
      const answer = await run();
      return 'result' in answer ? { result: `${answer.result}!` } : answer;
    });
    // Act
    const many = await answerToolCalls([call('get_availability', {}, 'tc-a')], CONTEXT, handlers, { around });
    const one = await answerFunctionCall(call('get_availability', {}, 'tc-b'), CONTEXT, handlers, { around });
    // Assess
    expect(wrapped).toEqual([
      { toolCallId: 'tc-a', name: 'get_availability' },
      { toolCallId: 'tc-b', name: 'get_availability' },
    ]);
    expect(many.results).toEqual([{ toolCallId: 'tc-a', name: 'get_availability', result: '{"message":"ok"}!' }]);
    expect(one).toEqual({ result: '{"message":"ok"}!' });
  });
});
