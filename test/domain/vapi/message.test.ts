import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../../functions/domain/errors';
import { FUNCTION_CALL_ID, parseVapiMessage, type ParsedVapiMessage } from '../../../functions/domain/vapi/message';
import { loadVapiEvent } from './load-event';

function toolCalls(parsed: ParsedVapiMessage) {
  if (parsed.kind !== 'tool-calls') throw new Error(`expected tool-calls, got ${parsed.kind}`);
  return parsed;
}

describe('parseVapiMessage: tool-calls', () => {
  it('reads the captured shape once, with context (toolCallList wins over toolCalls/toolWithToolCallList)', () => {
    // Prepare
    const body = loadVapiEvent('tool-calls-object-arguments');
    // Act
    const parsed = toolCalls(parseVapiMessage(body));
    // Assess
    expect(parsed.calls).toEqual([
      {
        id: 'call_51kjAvail',
        name: 'get_availability',
        args: { date: '2025-06-03', time_of_day: 'afternoon', property_address: '12 Elm Street, Unit 4' },
      },
    ]);
    expect(parsed.context).toEqual({
      callId: 'b1223960-1b4d-4585-91b8-a69b0f57ec2f',
      phoneNumberId: '4a5a04dc-0000-4000-8000-000000000002',
      assistantId: 'a55e7b1d-0000-4000-8000-000000000003',
      customerNumber: '+14566836490',
    });
    expect(parsed.timestampMs).toBe(1728393715369);
  });

  it('decodes arguments given as a JSON string', () => {
    // Prepare
    const body = loadVapiEvent('tool-calls-string-arguments');
    // Act
    const parsed = toolCalls(parseVapiMessage(body));
    // Assess
    expect(parsed.calls).toEqual([
      {
        id: 'toolu_01StringArgs',
        name: 'set_appointment',
        args: { start_time: '2025-06-03T15:00:00-04:00', attendee_name: 'Ana Lima', attendee_email: 'ana@example.com' },
      },
    ]);
  });

  it('keeps several calls in request order', () => {
    // Prepare
    const body = loadVapiEvent('tool-calls-several');
    // Act
    const parsed = toolCalls(parseVapiMessage(body));
    // Assess
    expect(parsed.calls.map((c) => [c.id, c.name])).toEqual([
      ['call_A', 'get_availability'],
      ['call_B', 'get_availability'],
      ['call_C', 'set_appointment'],
    ]);
  });

  it.each([
    [
      'tool-calls-only-tool-with-tool-call-list',
      { id: 'call_TWTC', name: 'get_availability', args: { date: '2025-06-05' } },
    ],
    ['tool-calls-only-tool-calls', { id: 'call_TC', name: 'get_availability', args: { time_of_day: 'evening' } }],
    [
      'tool-calls-flat-arguments',
      { id: 'call_flatArgs', name: 'set_appointment', args: { start_time: '2025-06-03T15:00', attendee_name: 'Bo' } },
    ],
    [
      'tool-calls-flat-parameters',
      { id: 'call_flatParams', name: 'get_availability', args: { date: '2025-06-06', duration_minutes: '45' } },
    ],
    ['tool-calls-function-parameters', { id: 'call_fnParams', name: 'get_availability', args: { date: '2025-06-07' } }],
  ])('reads the %s shape', (fixture, expected) => {
    // Prepare
    const body = loadVapiEvent(fixture);
    // Act
    const parsed = toolCalls(parseVapiMessage(body));
    // Assess
    expect(parsed.calls).toEqual([expected]);
  });

  it("reads the docs' toolWithToolCallList {name, toolCall:{id, parameters}} when it is the only list", () => {
    // Prepare
    const body = loadVapiEvent('tool-calls-flat-parameters') as { message: Record<string, unknown> };
    delete body.message.toolCallList;
    // Act
    const parsed = toolCalls(parseVapiMessage(body));
    // Assess
    expect(parsed.calls).toEqual([
      { id: 'call_flatParams', name: 'get_availability', args: { date: '2025-06-06', duration_minutes: '45' } },
    ]);
  });

  it('accepts an ISO timestamp, a null assistantId and the phone number id from message.phoneNumber', () => {
    // Prepare
    const body = loadVapiEvent('tool-calls-timestamp-iso');
    // Act
    const parsed = toolCalls(parseVapiMessage(body));
    // Assess
    expect(parsed.timestampMs).toBe(Date.parse('2024-07-15T18:21:55.369Z'));
    expect(parsed.context).toEqual({
      callId: 'call-iso',
      phoneNumberId: 'pn-from-message',
      customerNumber: '+15550002222',
    });
  });

  it('flags unreadable arguments (broken JSON, a JSON array) with empty args', () => {
    // Prepare
    const body = loadVapiEvent('tool-calls-broken-json-arguments');
    // Act
    const parsed = toolCalls(parseVapiMessage(body));
    // Assess
    expect(parsed.calls).toEqual([
      { id: 'call_broken', name: 'set_appointment', args: {}, argsError: 'arguments are not valid JSON' },
      { id: 'call_array', name: 'get_availability', args: {}, argsError: 'arguments are not a JSON object' },
    ]);
  });

  it('skips entries without an id or that are not objects, and flags an entry without a name', () => {
    // Prepare
    const body = loadVapiEvent('tool-calls-missing-id-or-name');
    // Act
    const parsed = toolCalls(parseVapiMessage(body));
    // Assess
    expect(parsed.calls).toEqual([
      { id: 'call_noName', name: '', args: {}, argsError: 'tool name is missing' },
      { id: 'call_ok', name: 'get_availability', args: {} },
    ]);
  });
});

describe('parseVapiMessage: legacy function-call', () => {
  it("decodes string parameters and uses the call id as the call's id", () => {
    // Prepare
    const body = loadVapiEvent('function-call-string-parameters');
    // Act
    const parsed = parseVapiMessage(body);
    // Assess
    expect(parsed).toEqual({
      kind: 'function-call',
      call: { id: 'call-legacy-string', name: 'get_availability', args: { date: '2025-06-03' } },
      context: { callId: 'call-legacy-string', customerNumber: '+15550003333' },
    });
  });

  it('takes object parameters and a synthetic id when the call has none', () => {
    // Prepare
    const body = loadVapiEvent('function-call-object-parameters');
    // Act
    const parsed = parseVapiMessage(body);
    // Assess
    expect(parsed).toEqual({
      kind: 'function-call',
      call: {
        id: FUNCTION_CALL_ID,
        name: 'set_appointment',
        args: { start_time: '2025-06-03T15:00', attendee_name: 'Ana' },
      },
      context: {},
    });
  });
});

describe('parseVapiMessage: other and malformed messages', () => {
  it.each(['conversation-update'])('returns %s as other', (type) => {
    // Prepare
    const body = loadVapiEvent(type);
    // Act
    const parsed = parseVapiMessage(body);
    // Assess
    expect(parsed).toEqual({ kind: 'other', type });
  });

  it.each([
    ['status-update', 'call-status'],
    ['end-of-call-report', 'call-eocr'],
  ])('reads %s (the call is over) as call-ended with its call id', (type, callId) => {
    // Prepare
    const body = loadVapiEvent(type);
    // Act
    const parsed = parseVapiMessage(body);
    // Assess
    expect(parsed).toMatchObject({ kind: 'call-ended', type, context: { callId } });
  });

  it.each(['ringing', 'queued', 'forwarding'])(
    'reads a status-update %s (neither started nor over) as other',
    (status) => {
      // Act
      const parsed = parseVapiMessage({ message: { type: 'status-update', status, call: { id: 'c' } } });
      // Assess
      expect(parsed).toEqual({ kind: 'other', type: 'status-update' });
    },
  );

  it('reads a status-update in-progress as call-started, with the call, its phone number and assistant', () => {
    // Prepare
    const body = loadVapiEvent('status-update-in-progress');
    // Act
    const parsed = parseVapiMessage(body);
    // Assess
    expect(parsed).toEqual({
      kind: 'call-started',
      type: 'status-update',
      context: { callId: 'call-started', phoneNumberId: 'pn-1', assistantId: 'asst-1', customerNumber: '+15550003333' },
    });
  });

  it('reads an assistant-request as call-started, its phone number from message.phoneNumber', () => {
    // Prepare
    const body = loadVapiEvent('assistant-request');
    // Act
    const parsed = parseVapiMessage(body);
    // Assess
    expect(parsed).toEqual({
      kind: 'call-started',
      type: 'assistant-request',
      context: { callId: 'call-ar', phoneNumberId: 'pn-1', customerNumber: '+15550004444' },
    });
  });

  it.each([
    ['no message', loadVapiEvent('malformed-no-message')],
    ['a message without type', loadVapiEvent('malformed-message-without-type')],
    ['an empty type', { message: { type: '' } }],
    ['a non-string type', { message: { type: 7 } }],
    ['a message that is an array', { message: [] }],
    ['null', null],
    ['a string', '{"message":{"type":"tool-calls"}}'],
  ])('throws ValidationError for %s', (_label, body) => {
    // Act
    const act = () => parseVapiMessage(body);
    // Assess
    expect(act).toThrow(ValidationError);
  });

  it('answers a tool-calls message whose lists are missing or malformed with no calls', () => {
    // Prepare
    const body = {
      message: { type: 'tool-calls', toolCallList: 'x', toolCalls: [null, 3], call: 'nope', customer: { number: 5 } },
    };
    // Act
    const parsed = parseVapiMessage(body);
    // Assess
    expect(parsed).toEqual({ kind: 'tool-calls', calls: [], context: {} });
  });
});
