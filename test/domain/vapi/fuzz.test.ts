import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../functions/domain/errors';
import {
  answerFunctionCall,
  answerToolCalls,
  type ToolHandlers,
  type ToolOutcome,
} from '../../../functions/domain/vapi/dispatch';
import { parseVapiMessage, type ParsedVapiMessage } from '../../../functions/domain/vapi/message';

const SINGLE_LINE = /^[^\r\n\u2028\u2029]*$/;
const LEAK = 'SECRET-EXCEPTION-TEXT';
type Behaviour = 'result' | 'error' | 'throw' | 'malformed';

/** How many handler invocations the fuzz reached (so a generator that never gets past validation fails the test). */
let invoked = 0;

/** Handlers that behave as `behaviour` says, echoing their (possibly multi-line) args back. */
function handlers(behaviour: Behaviour): ToolHandlers {
  const answer = async (args: unknown): Promise<ToolOutcome> => {
    invoked += 1;
    const echo = `${JSON.stringify(args)}\n\u2028line two`;
    if (behaviour === 'throw') throw new Error(`${LEAK}\n${echo}`);
    if (behaviour === 'error') return { error: echo };
    if (behaviour === 'malformed') return { result: echo } as unknown as ToolOutcome;
    return { result: { message: echo, args } };
  };
  return { get_availability: answer, set_appointment: answer };
}

/**
 * Parses, answers, and checks the invariants; fails the property on any throw other than ValidationError from parsing.
 */
async function check(body: unknown, behaviour: Behaviour): Promise<void> {
  let parsed: ParsedVapiMessage;
  try {
    parsed = parseVapiMessage(body);
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return;
  }
  if (parsed.kind === 'function-call') {
    const { result } = await answerFunctionCall(parsed.call, parsed.context, handlers(behaviour));
    expect(result).toMatch(SINGLE_LINE);
    expect(result).not.toContain(LEAK);
    return;
  }
  if (parsed.kind !== 'tool-calls') return;
  const { results } = await answerToolCalls(parsed.calls, parsed.context, handlers(behaviour));
  expect(results.map((r) => r.toolCallId)).toEqual(parsed.calls.map((c) => c.id));
  for (const r of results) {
    expect(typeof (r.result ?? r.error)).toBe('string');
    expect(r.result === undefined || r.error === undefined).toBe(true);
    expect(r.result ?? r.error).toMatch(SINGLE_LINE);
    expect(r.error ?? '').not.toContain(LEAK);
    if (r.result !== undefined) expect(() => JSON.parse(r.result as string)).not.toThrow();
  }
}

/** Mostly `likely`, sometimes any JSON value at all. */
const mostly = <T>(likely: fc.Arbitrary<T>) =>
  fc.oneof({ arbitrary: likely, weight: 6 }, { arbitrary: fc.jsonValue(), weight: 1 });

const behaviour = fc.constantFrom<Behaviour>('result', 'error', 'throw', 'malformed');
const toolName = mostly(
  fc.oneof({ arbitrary: fc.constantFrom('get_availability', 'set_appointment'), weight: 4 }, fc.string()),
);
const argValue = fc.oneof(
  fc.jsonValue(),
  fc.string(),
  fc.constantFrom('2025-06-03T15:00', 'Morning', '45', ' Ana ', 'a@b.co', null, ''),
);
const args = fc.dictionary(
  fc.oneof(
    fc.constantFrom(
      'start_time',
      'attendee_name',
      'attendee_email',
      'date',
      'time_of_day',
      'duration_minutes',
      'manager_id',
      '__proto__',
    ),
    fc.string(),
  ),
  argValue,
  { maxKeys: 6 },
);
const argsField = fc.oneof(
  { arbitrary: args, weight: 4 },
  args.map((a) => JSON.stringify(a)),
  fc.string(),
  fc.jsonValue(),
);
const entry = mostly(
  fc.record(
    {
      id: mostly(fc.string({ minLength: 1 })),
      type: fc.constant('function'),
      function: fc.record({ name: toolName, arguments: argsField, parameters: argsField }, { requiredKeys: [] }),
      name: toolName,
      arguments: argsField,
    },
    { requiredKeys: [] },
  ),
);
const list = mostly(fc.array(entry, { maxLength: 4 }));
const message = fc.record({
  message: fc.record(
    {
      type: mostly(fc.constantFrom('tool-calls', 'function-call', 'status-update')),
      timestamp: fc.oneof(fc.integer(), fc.string(), fc.jsonValue()),
      toolCallList: list,
      toolWithToolCallList: mostly(
        fc.array(fc.record({ function: fc.record({ name: toolName }), toolCall: entry }, { requiredKeys: [] })),
      ),
      toolCalls: list,
      functionCall: mostly(fc.record({ name: toolName, parameters: argsField }, { requiredKeys: [] })),
      call: mostly(fc.record({ id: mostly(fc.string()), customer: fc.jsonValue() }, { requiredKeys: [] })),
    },
    { requiredKeys: ['type'] },
  ),
});

describe('parseVapiMessage + answerToolCalls fuzz', () => {
  it('never throw anything but ValidationError on random JSON values', async () => {
    // Act + Assess
    await fc.assert(fc.asyncProperty(fc.jsonValue(), behaviour, check), { numRuns: 2_000 });
  });

  it('never throw, and answer every parsed call single-line, on random VAPI-like messages', async () => {
    // Prepare
    invoked = 0;
    // Act + Assess
    await fc.assert(fc.asyncProperty(message, behaviour, check), { numRuns: 3_000 });
    expect(invoked).toBeGreaterThan(250);
  });
});
