import { describe, expect, it, vi } from 'vitest';
import {
  answerFunctionCall,
  answerToolCalls,
  GENERIC_ERROR,
  toSingleLine,
  type ToolHandlers,
  type ToolOutcome,
} from '../../../functions/domain/vapi/dispatch';
import { parseVapiMessage } from '../../../functions/domain/vapi/message';
import { call, CONTEXT, recordingHandlers, SINGLE_LINE } from './dispatch-fakes';
import { loadVapiEvent } from './load-event';

describe('answerToolCalls: ordering', () => {
  it('answers every call in request order, one at a time, even when an earlier handler is slower', async () => {
    // Prepare
    const parsed = parseVapiMessage(loadVapiEvent('tool-calls-several'));
    if (parsed.kind !== 'tool-calls') throw new Error('fixture');
    let running = 0;
    let maxRunning = 0;
    const slowFirst = async (ms: number, message: string): Promise<ToolOutcome> => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running -= 1;
      return { result: { message } };
    };
    const delays = [30, 1];
    const handlers: ToolHandlers = {
      get_availability: (args) => slowFirst(delays.shift() ?? 0, `slots ${args.date}`),
      set_appointment: (args) => slowFirst(0, `booked ${args.attendee_name}`),
    };
    // Act
    const { results } = await answerToolCalls(parsed.calls, parsed.context, handlers);
    // Assess
    expect(results).toEqual([
      { toolCallId: 'call_A', name: 'get_availability', result: '{"message":"slots 2025-06-03"}' },
      { toolCallId: 'call_B', name: 'get_availability', result: '{"message":"slots 2025-06-04"}' },
      { toolCallId: 'call_C', name: 'set_appointment', result: '{"message":"booked Ana"}' },
    ]);
    expect(maxRunning).toBe(1);
  });

  it('gives each handler the tool call id and the call context', async () => {
    // Prepare
    const { handlers, seen } = recordingHandlers();
    // Act
    await answerToolCalls([call('get_availability', {}, 'call_ctx')], CONTEXT, handlers);
    // Assess
    expect(seen).toEqual([{ tool: 'get_availability', args: {}, toolCallId: 'call_ctx', context: CONTEXT }]);
  });
});

describe('answerToolCalls: handler outcomes', () => {
  it('turns a thrown exception into a generic sentence without its text and reports it to onHandlerError', async () => {
    // Prepare
    const boom = new Error('Graph 503 for manager m-42 token=abc\n    at secret.ts:1');
    const onHandlerError = vi.fn();
    const handlers: ToolHandlers = {
      get_availability: async () => {
        throw boom;
      },
      set_appointment: async () => ({ error: 'x' }),
    };
    // Act
    const { results } = await answerToolCalls([call('get_availability', {})], CONTEXT, handlers, { onHandlerError });
    // Assess
    expect(results).toEqual([{ toolCallId: 'call_x', name: 'get_availability', error: GENERIC_ERROR }]);
    expect(onHandlerError).toHaveBeenCalledWith(boom, { toolCallId: 'call_x', name: 'get_availability' });
  });

  it('survives an onHandlerError that throws, and a malformed outcome', async () => {
    // Prepare
    const handlers: ToolHandlers = {
      get_availability: async () => ({ result: 'not an object' }) as unknown as ToolOutcome,
      set_appointment: async () => ({ error: 'x' }),
    };
    const onHandlerError = () => {
      throw new Error('logger down');
    };
    // Act
    const { results } = await answerToolCalls([call('get_availability', {})], CONTEXT, handlers, { onHandlerError });
    // Assess
    expect(results).toEqual([{ toolCallId: 'call_x', name: 'get_availability', error: GENERIC_ERROR }]);
  });

  it('returns results as single-line JSON strings and handler errors as single lines', async () => {
    // Prepare
    const handlers: ToolHandlers = {
      get_availability: async () => ({
        result: {
          message: 'Two times:\r\nTuesday 3 pm\u2028or 4 pm',
          options: [{ start: '2025-06-03T15:00:00-04:00', spoken: 'Tuesday\n3 pm' }],
        },
      }),
      set_appointment: async () => ({ error: 'That time was just taken.\nOffer another.' }),
    };
    // Act
    const { results } = await answerToolCalls(
      [
        call('get_availability', {}, 'a'),
        call('set_appointment', { start_time: '2025-06-03T15:00', attendee_name: 'Ana' }, 'b'),
      ],
      CONTEXT,
      handlers,
    );
    // Assess
    expect(typeof results[0]?.result).toBe('string');
    expect(results[0]?.result).toMatch(SINGLE_LINE);
    expect(JSON.parse(results[0]?.result ?? '')).toEqual({
      message: 'Two times: Tuesday 3 pm or 4 pm',
      options: [{ start: '2025-06-03T15:00:00-04:00', spoken: 'Tuesday 3 pm' }],
    });
    expect(results[1]).toEqual({
      toolCallId: 'b',
      name: 'set_appointment',
      error: 'That time was just taken. Offer another.',
    });
  });
});

describe('answerFunctionCall', () => {
  it('answers the legacy message with { result } holding the result JSON', async () => {
    // Prepare
    const parsed = parseVapiMessage(loadVapiEvent('function-call-string-parameters'));
    if (parsed.kind !== 'function-call') throw new Error('fixture');
    const { handlers, seen } = recordingHandlers({ result: { message: 'Tuesday at 3 pm is free.' } });
    // Act
    const answer = await answerFunctionCall(parsed.call, parsed.context, handlers);
    // Assess
    expect(answer).toEqual({ result: '{"message":"Tuesday at 3 pm is free."}' });
    expect(seen[0]?.args).toEqual({ date: '2025-06-03' });
  });

  it('puts an error sentence in result, since the legacy reply has no error field', async () => {
    // Prepare
    const { handlers } = recordingHandlers();
    // Act
    const answer = await answerFunctionCall(
      call('set_appointment', { start_time: '2025-06-03T15:00' }),
      CONTEXT,
      handlers,
    );
    // Assess
    expect(answer).toEqual({ result: "I need the caller's name before I can book." });
  });
});

describe('toSingleLine', () => {
  it('replaces every kind of line break and control character with one space and trims', () => {
    // Act
    const line = toSingleLine('  a\r\nb\n\n c\u2028d\u2029e\u0085f\tg\u0000h  ');
    // Assess
    expect(line).toBe('a b c d e f g h');
  });
});
