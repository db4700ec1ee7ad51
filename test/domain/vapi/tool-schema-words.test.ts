/**
 * A failed validation goes back to the voice model as the call's error, so every issue a tool schema raises carries
 * one of our sentences. zod's own words ("Invalid input: expected string…") would be read out, and zod/mini has none
 * loaded: an issue without a sentence of ours would read "Invalid input".
 */
import { describe, expect, it } from 'vitest';
import { TOOL_NAMES, TOOL_TABLE } from '../../../functions/domain/tools/table';
import { fullParametersJsonSchema } from '../../../functions/domain/vapi/tools';
import { loadVapiEvent } from './load-event';

const BAD_VALUES = loadVapiEvent('bad-tool-argument-values') as unknown[];
/** How zod's own messages begin (in English; without a locale, zod/mini says just "Invalid input"). */
const ZOD_WORDS = /^(Invalid|Too (big|small)|Unrecognized|Expected)/;

/** Every issue message `name`'s schema gives for `args`. */
function messagesFor(name: (typeof TOOL_NAMES)[number], args: unknown): string[] {
  const parsed = TOOL_TABLE[name].schema.safeParse(args);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.message);
}

describe('Tool schemas: the words of a failed validation', () => {
  it.each(TOOL_NAMES)('%s answers every bad value of every argument with a sentence of ours', (name) => {
    // Prepare
    const properties = Object.keys((fullParametersJsonSchema(name) as { properties: object }).properties);
    const inputs = [
      ...BAD_VALUES,
      ...properties.flatMap((key) => BAD_VALUES.map((value) => ({ [key]: value }))),
      ...properties.flatMap((key) => BAD_VALUES.map((value) => ({ start_time: '2026-06-03T10:00', [key]: value }))),
    ];

    // Act
    const messages = [...new Set(inputs.flatMap((args) => messagesFor(name, args)))];

    // Assess
    expect(messages.length).toBeGreaterThan(2);
    expect(messages.filter((m) => ZOD_WORDS.test(m) || !/[.?]$/.test(m))).toEqual([]);
  });
});
