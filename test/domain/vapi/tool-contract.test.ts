import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { vapiToolPayloads } from '../../../functions/domain/vapi/tools';

type Schemas = typeof import('../../../functions/domain/vapi/tool-schemas');
type Lifecycle = typeof import('../../../functions/domain/vapi/lifecycle-schemas');
type Words = typeof import('../../../functions/domain/tools/descriptions');
let tools: Schemas;
let life: Lifecycle;
let words: Words;

// The descriptions, schemas and their messages are module-level values, built once when the modules load. Loading
// them afresh inside each test (not at the top of the file, where no test is running) lets mutation testing see them.
// Only these small modules: a fresh tool table would load the whole domain in every test.
beforeEach(async () => {
  vi.resetModules();
  tools = await import('../../../functions/domain/vapi/tool-schemas');
  life = await import('../../../functions/domain/vapi/lifecycle-schemas');
  words = await import('../../../functions/domain/tools/descriptions');
});

type Parser = {
  safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: { message: string }[] } };
};
/** The messages a schema answers for an input, or its output when it accepts it. */
const answer = (schema: Parser, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? { data: { ...(r.data as object) } } : { errors: r.error?.issues.map((i) => i.message) };
};

describe('vapiToolPayloads: the create-tool bodies VAPI receives', () => {
  it('are exactly the reviewed contract in test/events/vapi-outbound/tool-payloads.json (update with vitest -u)', async () => {
    // Act
    const payloads = vapiToolPayloads({ url: 'https://example.test/vapi', credentialId: 'cred-1' });
    // Assess: descriptions, parameter schemas and spoken lines are what the model reads and says; a change is a diff.
    await expect(`${JSON.stringify(payloads, null, 2)}\n`).toMatchFileSnapshot(
      '../../events/vapi-outbound/tool-payloads.json',
    );
  });

  it("carry each tool's description and spoken lines as tools/descriptions.ts words them", () => {
    // Prepare
    type Payload = { function: { name: string; description: string }; messages: { content: string }[] };
    const url = new URL('../../events/vapi-outbound/tool-payloads.json', import.meta.url);
    const golden = JSON.parse(readFileSync(url, 'utf8')) as Payload[];
    const table = words as unknown as Record<string, string> & { SPOKEN: Record<string, Record<string, string>> };
    // Act
    const fromWords = golden.map((p) => {
      const spoken = table.SPOKEN[p.function.name]!;
      return [table[p.function.name.toUpperCase()], [spoken.start, spoken.delayed, spoken.failed]];
    });
    // Assess
    expect(fromWords).toEqual(golden.map((p) => [p.function.description, p.messages.map((m) => m.content)]));
  });
});

describe('setAppointmentSchema: what each bad argument answers', () => {
  const ok = { start_time: '2026-06-03T15:00', attendee_name: 'Jane' };
  it.each([
    [
      'no arguments object',
      'x',
      ["I couldn't read the details of that request; please call the tool again with its parameters."],
    ],
    [
      'a missing start',
      { attendee_name: 'Jane' },
      ['I need the start time of the viewing before I can book; use a start time from get_availability.'],
    ],
    [
      'a start that is not text',
      { ...ok, start_time: 5 },
      ["The start time must be a date and time in the form YYYY-MM-DDTHH:mm, in the property's local time."],
    ],
    ['a missing name', { start_time: ok.start_time }, ["I need the caller's name before I can book."]],
    ['a name that is not text', { ...ok, attendee_name: 7 }, ["The caller's name must be given as text."]],
    [
      'a name too long',
      { ...ok, attendee_name: 'J'.repeat(101) },
      ["The caller's name is too long; keep it under 100 characters."],
    ],
    ['a note that is not text', { ...ok, notes: 3 }, ['The note must be given as text.']],
    [
      'a phone with letters',
      { ...ok, attendee_phone: '555-CALL' },
      ['The phone number must be digits only (with +, spaces or dashes), as the caller said it.'],
    ],
    [
      'a bad email',
      { ...ok, attendee_email: 'jane@' },
      ["That email address doesn't look valid; ask the caller to spell it, or book without an email."],
    ],
    ['online as a word', { ...ok, online: 'yes' }, ['online must be true or false.']],
    [
      'a duration of 10',
      { ...ok, duration_minutes: 10 },
      ['The duration must be a whole number of minutes between 15 and 240.'],
    ],
    [
      'a duration of 241',
      { ...ok, duration_minutes: 241 },
      ['The duration must be a whole number of minutes between 15 and 240.'],
    ],
    [
      'a fractional duration',
      { ...ok, duration_minutes: 30.5 },
      ['The duration must be a whole number of minutes between 15 and 240.'],
    ],
    [
      'a duration in words',
      { ...ok, duration_minutes: 'half an hour' },
      ['The duration must be a whole number of minutes between 15 and 240.'],
    ],
    [
      'five quoted digits',
      { ...ok, duration_minutes: '00030' },
      ['The duration must be a whole number of minutes between 15 and 240.'],
    ],
    [
      'digits after a sign',
      { ...ok, duration_minutes: '+30' },
      ['The duration must be a whole number of minutes between 15 and 240.'],
    ],
  ])('%s', (_name, input, errors) => {
    // Act / Assess
    expect(answer(tools.setAppointmentSchema, input)).toEqual({ errors });
  });

  it.each([
    ['quoted digits as a duration', { duration_minutes: '45' }, { duration_minutes: 45 }],
    ['four quoted digits, in range', { duration_minutes: '0030' }, { duration_minutes: 30 }],
    ['"true" and "false" as online', { online: 'true' }, { online: true }],
    ['"false" as online', { online: 'false' }, { online: false }],
    ['a boolean online', { online: true }, { online: true }],
    ['a space between date and time', { start_time: '2026-06-03 15:00' }, { start_time: '2026-06-03T15:00' }],
    ['a space not after a date', { start_time: 'x2026-06-03 15:00' }, { start_time: 'x2026-06-03 15:00' }],
    ['a date followed by a word', { start_time: '2026-06-03 at 3pm' }, { start_time: '2026-06-03 at 3pm' }],
  ])('accepts %s', (_name, extra, expected) => {
    // Act
    const got = answer(tools.setAppointmentSchema, { ...ok, ...extra });
    // Assess
    expect(got).toEqual({ data: { ...ok, ...expected } });
  });
});

describe('getAvailabilitySchema: what each bad argument answers', () => {
  it.each([
    ['an empty date after trimming is absent', { date: '  ' }, { data: {} }],
    ['a date that is not text', { date: 20260603 }, { errors: ['The date must be given as text.'] }],
    ['a date too long', { date: 'd'.repeat(101) }, { errors: ['The date is too long; keep it under 100 characters.'] }],
    [
      'an address too long',
      { property_address: 'a'.repeat(201) },
      { errors: ['The property address is too long; keep it under 200 characters.'] },
    ],
    ['a part of day in capitals', { time_of_day: 'Morning' }, { data: { time_of_day: 'morning' } }],
    [
      'an unknown part of day',
      { time_of_day: 'night' },
      { errors: ['The time of day must be morning, afternoon or evening.'] },
    ],
    [
      'a part of day that is not text',
      { time_of_day: 1 },
      { errors: ['The time of day must be morning, afternoon or evening.'] },
    ],
  ])('%s', (_name, input, expected) => {
    // Act / Assess
    expect(answer(tools.getAvailabilitySchema, input)).toEqual(expected);
  });
});

describe('text(): a bounded free-text field', () => {
  it.each([
    ['an empty text, no missing sentence', undefined, '', ['The note must not be empty.']],
    ['an empty text, with a missing sentence', 'Say a note.', '', ['Say a note.']],
    ['no text, no missing sentence', undefined, undefined, ['The note must be given as text.']],
    ['no text, with a missing sentence', 'Say a note.', undefined, ['Say a note.']],
    ['a number, with a missing sentence', 'Say a note.', 4, ['The note must be given as text.']],
    ['one character over', undefined, 'abcdef', ['The note is too long; keep it under 5 characters.']],
  ])('%s', async (_name, missing, input, errors) => {
    // Prepare
    const { text } = await import('../../../functions/domain/vapi/tool-schemas');
    // Act
    const r = text('The note', 5, missing).safeParse(input);
    // Assess
    expect(r.error?.issues.map((i) => i.message)).toEqual(errors);
  });

  it('accepts a text of exactly the maximum', async () => {
    // Prepare
    const { text } = await import('../../../functions/domain/vapi/tool-schemas');
    // Act / Assess
    expect(text('The note', 5).parse('abcde')).toBe('abcde');
  });
});

describe('lifecycle schemas: what each bad argument answers', () => {
  const CODE = 'The confirmation code is the 6 letters and digits the caller was given when they booked.';
  const WHICH = 'Say which appointment: pass the appointment_id from find_appointment, or the confirmation code.';
  it.each([
    ['a code read out with dashes', { confirmation_code: 'ab-12 cd' }, { data: { confirmation_code: 'AB12CD' } }],
    ['a code too short', { confirmation_code: 'AB1' }, { errors: [CODE] }],
    ['a code too long', { confirmation_code: 'ABCDEFGHJKLMN' }, { errors: [CODE] }],
    ['a code with a letter outside A-Z', { confirmation_code: 'ABC12É' }, { errors: [CODE] }],
    ['a code that is not text', { confirmation_code: 123456 }, { errors: [CODE] }],
    [
      'a name too long',
      { attendee_name: 'n'.repeat(101) },
      { errors: ["The caller's name is too long; keep it under 100 characters."] },
    ],
  ])('find_appointment: %s', (_name, input, expected) => {
    // Act / Assess
    expect(answer(life.findAppointmentSchema, input)).toEqual(expected);
  });

  it.each([
    ['neither id nor code', { reason: 'moved' }, { errors: [WHICH] }],
    ['an id that is not text', { appointment_id: 9 }, { errors: ['The appointment id must be given as text.'] }],
    [
      'a reason too long',
      { appointment_id: 'b1', reason: 'r'.repeat(301) },
      { errors: ['The reason is too long; keep it under 300 characters.'] },
    ],
    ['an id', { appointment_id: 'b1' }, { data: { appointment_id: 'b1' } }],
  ])('cancel_appointment: %s', (_name, input, expected) => {
    // Act / Assess
    expect(answer(life.cancelAppointmentSchema, input)).toEqual(expected);
  });

  it.each([
    [
      'a code and a start',
      { confirmation_code: 'abc123', new_start_time: '2026-06-03 15:00' },
      { data: { confirmation_code: 'ABC123', new_start_time: '2026-06-03T15:00' } },
    ],
    [
      'no new start',
      { appointment_id: 'b1' },
      { errors: ['I need the start time of the viewing before I can book; use a start time from get_availability.'] },
    ],
  ])('reschedule_appointment: %s', (_name, input, expected) => {
    // Act / Assess
    expect(answer(life.rescheduleAppointmentSchema, input)).toEqual(expected);
  });

  it.each([
    [
      'a quoted duration',
      { start_time: '2026-06-03T15:00', duration_minutes: '60' },
      { data: { start_time: '2026-06-03T15:00', duration_minutes: 60 } },
    ],
    [
      'a duration too short',
      { start_time: '2026-06-03T15:00', duration_minutes: 5 },
      { errors: ['The duration must be a whole number of minutes between 15 and 240.'] },
    ],
  ])('hold_slot: %s', (_name, input, expected) => {
    // Act / Assess
    expect(answer(life.holdSlotSchema, input)).toEqual(expected);
  });
});
