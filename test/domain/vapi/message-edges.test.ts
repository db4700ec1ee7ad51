import { describe, expect, it } from 'vitest';
import { FUNCTION_CALL_ID, parseVapiMessage } from '../../../functions/domain/vapi/message';

const CALL_ENTRY = { id: 'tc-1', type: 'function', function: { name: 'get_availability', arguments: {} } };
const toolCalls = (extra: Record<string, unknown>) => ({
  message: { type: 'tool-calls', toolCallList: [CALL_ENTRY], ...extra },
});
const timestampOf = (timestamp: unknown) => {
  const parsed = parseVapiMessage(toolCalls({ timestamp }));
  return parsed.kind === 'tool-calls' ? parsed.timestampMs : 'not tool-calls';
};

describe('Function: parseVapiMessage (timestamps)', () => {
  it.each<[string, unknown, number]>([
    ['a number with a fraction of a millisecond', 1_750_000_000_000.5, 1_750_000_000_000.5],
    ['a negative number as it is', -5, -5],
    ['epoch ms as a string of digits', '1750000000000', 1_750_000_000_000],
    ['an ISO time ending in offset digits', '2025-06-03T15:00:00.000+00:00', Date.parse('2025-06-03T15:00:00Z')],
    ['an ISO date alone', '2025-06-03', Date.parse('2025-06-03')],
  ])('reads %s', (_label, timestamp, expected) => {
    // Act / Assess
    expect(timestampOf(timestamp)).toBe(expected);
  });

  it('leaves timestampMs out altogether when there is none', () => {
    // Act
    const parsed = parseVapiMessage(toolCalls({}));
    // Assess
    expect(parsed).toStrictEqual({
      kind: 'tool-calls',
      calls: [{ id: 'tc-1', name: 'get_availability', args: {} }],
      context: {},
    });
  });
});

describe('Function: parseVapiMessage (legacy function-call)', () => {
  it('reads a function-call without a name as a nameless call that says so', () => {
    // Act
    const parsed = parseVapiMessage({ message: { type: 'function-call', functionCall: { parameters: { a: 1 } } } });
    // Assess
    expect(parsed).toStrictEqual({
      kind: 'function-call',
      call: { id: FUNCTION_CALL_ID, name: '', args: { a: 1 }, argsError: 'function name is missing' },
      context: {},
    });
  });

  it('keeps why the parameters could not be read', () => {
    // Act
    const parsed = parseVapiMessage({
      message: { type: 'function-call', call: { id: 'c-9' }, functionCall: { name: 'hold_slot', parameters: '{oops' } },
    });
    // Assess
    expect(parsed).toStrictEqual({
      kind: 'function-call',
      call: { id: 'c-9', name: 'hold_slot', args: {}, argsError: 'arguments are not valid JSON' },
      context: { callId: 'c-9' },
    });
  });

  it('sets no argsError at all when the parameters read fine', () => {
    // Act
    const parsed = parseVapiMessage({
      message: { type: 'function-call', timestamp: 5, functionCall: { name: 'hold_slot', parameters: '{"a":1}' } },
    });
    // Assess
    expect(parsed).toStrictEqual({
      kind: 'function-call',
      call: { id: FUNCTION_CALL_ID, name: 'hold_slot', args: { a: 1 } },
      context: {},
      timestampMs: 5,
    });
  });
});

describe('Function: parseVapiMessage (what it refuses and what it ignores)', () => {
  it('refuses a body without a message type, saying why', () => {
    // Act
    let error: unknown;
    try {
      parseVapiMessage({ message: {} });
    } catch (e) {
      error = e;
    }
    // Assess
    expect(error).toMatchObject({
      name: 'ValidationError',
      message: 'The body is not a VAPI server message.',
      reason: 'vapi_message',
    });
  });

  it.each(['ended', 'in-progress'])('ignores a status "%s" on a message that is not a status-update', (status) => {
    // Act
    const parsed = parseVapiMessage({ message: { type: 'conversation-update', status, call: { id: 'c-1' } } });
    // Assess
    expect(parsed).toStrictEqual({ kind: 'other', type: 'conversation-update' });
  });
});
