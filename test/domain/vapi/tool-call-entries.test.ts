import { describe, expect, it } from 'vitest';
import { decodeArguments, readToolCall, readToolCalls } from '../../../functions/domain/vapi/tool-call-entries';

describe('Function: decodeArguments', () => {
  it.each<[string, unknown, ReturnType<typeof decodeArguments>]>([
    ['absent arguments as none', undefined, { args: {} }],
    ['null arguments as none', null, { args: {} }],
    ['an empty string as none', '', { args: {} }],
    ['a blank string as none', ' \n\t ', { args: {} }],
    ['an object as it is', { date: '2025-06-03' }, { args: { date: '2025-06-03' } }],
    ['a JSON object string', ' {"date":"2025-06-03"} ', { args: { date: '2025-06-03' } }],
    ['a number as not an object', 42, { args: {}, argsError: 'arguments are not an object' }],
    ['a list as not an object', ['a'], { args: {}, argsError: 'arguments are not an object' }],
    ['broken JSON as not valid JSON', '{"date":', { args: {}, argsError: 'arguments are not valid JSON' }],
    ['the JSON text null as not a JSON object', 'null', { args: {}, argsError: 'arguments are not a JSON object' }],
    ['a JSON list as not a JSON object', '[1]', { args: {}, argsError: 'arguments are not a JSON object' }],
  ])('reads %s', (_label, raw, expected) => {
    // Act
    const decoded = decodeArguments(raw);
    // Assess
    expect(decoded).toStrictEqual(expected);
  });
});

describe('Function: readToolCall', () => {
  it('sets no argsError at all when the arguments read fine', () => {
    // Act
    const read = readToolCall({ id: 'tc-1', function: { name: 'hold_slot', arguments: '{"start_time":"x"}' } });
    // Assess
    expect(read).toStrictEqual({ id: 'tc-1', name: 'hold_slot', args: { start_time: 'x' } });
  });

  it('says why the arguments could not be read', () => {
    // Act
    const read = readToolCall({ id: 'tc-2', name: 'hold_slot', arguments: 7 });
    // Assess
    expect(read).toStrictEqual({ id: 'tc-2', name: 'hold_slot', args: {}, argsError: 'arguments are not an object' });
  });
});

describe('Function: readToolCalls', () => {
  it('reads toolWithToolCallList when it is the only list, taking the name from the tool', () => {
    // Prepare
    const lists = {
      toolWithToolCallList: [{ function: { name: 'find_appointment' }, toolCall: { id: 'tc-3', arguments: {} } }],
    };
    // Act
    const calls = readToolCalls(lists);
    // Assess
    expect(calls).toStrictEqual([{ id: 'tc-3', name: 'find_appointment', args: {} }]);
  });

  it('reads toolCalls when it is the only list', () => {
    // Act
    const calls = readToolCalls({ toolCalls: [{ id: 'tc-4', function: { name: 'cancel_appointment' } }] });
    // Assess
    expect(calls).toStrictEqual([{ id: 'tc-4', name: 'cancel_appointment', args: {} }]);
  });

  it('reads no calls from no lists', () => {
    // Act / Assess
    expect(readToolCalls({})).toEqual([]);
  });
});
