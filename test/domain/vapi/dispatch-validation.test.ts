import { describe, expect, it } from 'vitest';
import { answerToolCalls } from '../../../functions/domain/vapi/dispatch';
import type { ToolCallRequest } from '../../../functions/domain/vapi/message';
import { call, CONTEXT, recordingHandlers, SINGLE_LINE } from './dispatch-fakes';

describe('answerToolCalls: argument validation', () => {
  it('strips unknown keys such as an LLM-supplied manager_id, coerces and trims', async () => {
    // Prepare
    const { handlers, seen } = recordingHandlers();
    const args = {
      manager_id: 'someone-else',
      start_time: ' 2025-06-03 15:00 ',
      attendee_name: '  Ana Lima ',
      duration_minutes: '45',
      attendee_email: null,
      notes: '',
    };
    // Act
    await answerToolCalls([call('set_appointment', args)], CONTEXT, handlers);
    // Assess
    expect(seen[0]?.args).toEqual({ start_time: '2025-06-03T15:00', attendee_name: 'Ana Lima', duration_minutes: 45 });
  });

  it('drops a "__proto__" key instead of booking the fields hidden in it', async () => {
    // Prepare: JSON.parse makes "__proto__" an own key, as it arrives in VAPI's arguments string.
    const { handlers, seen } = recordingHandlers();
    const smuggled = JSON.parse(
      '{"__proto__":{"start_time":"2030-01-01T10:00","attendee_name":"Mallory"},"notes":"hi"}',
    ) as Record<string, unknown>;
    // Act
    const { results } = await answerToolCalls([call('set_appointment', smuggled)], CONTEXT, handlers);
    // Assess
    expect(seen).toHaveLength(0);
    expect(results[0]?.error).toMatch(/start time|caller's name/);
  });

  it('accepts time_of_day in any case', async () => {
    // Prepare
    const { handlers, seen } = recordingHandlers();
    // Act
    await answerToolCalls([call('get_availability', { time_of_day: 'Afternoon' })], CONTEXT, handlers);
    // Assess
    expect(seen[0]?.args).toEqual({ time_of_day: 'afternoon' });
  });

  it.each<[string, string, Record<string, unknown>, string]>([
    [
      'a missing caller name',
      'set_appointment',
      { start_time: '2025-06-03T15:00' },
      "I need the caller's name before I can book.",
    ],
    [
      'a blank caller name',
      'set_appointment',
      { start_time: '2025-06-03T15:00', attendee_name: '   ' },
      "I need the caller's name before I can book.",
    ],
    [
      'a missing start time',
      'set_appointment',
      { attendee_name: 'Ana' },
      'I need the start time of the viewing before I can book; use a start time from get_availability.',
    ],
    [
      'a start time that is not text',
      'set_appointment',
      { attendee_name: 'Ana', start_time: 1500 },
      "The start time must be a date and time in the form YYYY-MM-DDTHH:mm, in the property's local time.",
    ],
    [
      'an invalid email',
      'set_appointment',
      { attendee_name: 'Ana', start_time: '2025-06-03T15:00', attendee_email: 'ana at example' },
      "That email address doesn't look valid; ask the caller to spell it, or book without an email.",
    ],
    [
      'a name over 100 characters',
      'set_appointment',
      { attendee_name: 'A'.repeat(101), start_time: '2025-06-03T15:00' },
      "The caller's name is too long; keep it under 100 characters.",
    ],
    [
      'an unknown time of day',
      'get_availability',
      { time_of_day: 'night' },
      'The time of day must be morning, afternoon or evening.',
    ],
    [
      'a duration that is not a number',
      'get_availability',
      { duration_minutes: 'an hour' },
      'The duration must be a whole number of minutes between 15 and 240.',
    ],
    [
      'a duration out of range',
      'get_availability',
      { duration_minutes: 600 },
      'The duration must be a whole number of minutes between 15 and 240.',
    ],
    [
      'a date over 100 characters',
      'get_availability',
      { date: 'x'.repeat(101) },
      'The date is too long; keep it under 100 characters.',
    ],
    [
      'a non-text address',
      'get_availability',
      { property_address: { street: 'Elm' } },
      'The property address must be given as text.',
    ],
  ])('answers %s with a speakable error and does not call the handler', async (_label, name, args, expected) => {
    // Prepare
    const { handlers, seen } = recordingHandlers();
    // Act
    const { results } = await answerToolCalls([call(name, args)], CONTEXT, handlers);
    // Assess
    expect(results).toEqual([{ toolCallId: 'call_x', name, error: expected }]);
    expect(seen).toEqual([]);
  });

  it('names several problems in one line', async () => {
    // Prepare
    const { handlers } = recordingHandlers();
    // Act
    const { results } = await answerToolCalls([call('set_appointment', { time_of_day: 'x' })], CONTEXT, handlers);
    // Assess
    expect(results[0]?.error).toBe(
      'I need the start time of the viewing before I can book; use a start time from get_availability. ' +
        "I need the caller's name before I can book.",
    );
    expect(results[0]?.error).toMatch(SINGLE_LINE);
  });

  it('answers unreadable arguments, a missing tool name and an unknown tool per call', async () => {
    // Prepare
    const { handlers, seen } = recordingHandlers();
    const calls: ToolCallRequest[] = [
      { id: 'c1', name: 'set_appointment', args: {}, argsError: 'arguments are not valid JSON' },
      { id: 'c2', name: '', args: {}, argsError: 'tool name is missing' },
      { id: 'c3', name: 'delete_calendar\nnow', args: {} },
      { id: 'c4', name: 'get_availability', args: {} },
    ];
    // Act
    const { results } = await answerToolCalls(calls, CONTEXT, handlers);
    // Assess
    expect(results).toEqual([
      {
        toolCallId: 'c1',
        name: 'set_appointment',
        error: "I couldn't read the details of that request; please call the tool again with its parameters.",
      },
      { toolCallId: 'c2', name: '', error: "I couldn't tell which tool was meant; please call it again by its name." },
      {
        toolCallId: 'c3',
        name: 'delete_calendar\nnow',
        error: "I can't do that here: the tool 'delete_calendar now' is not available.",
      },
      { toolCallId: 'c4', name: 'get_availability', result: '{"message":"ok"}' },
    ]);
    expect(seen.map((s) => s.toolCallId)).toEqual(['c4']);
  });
});
