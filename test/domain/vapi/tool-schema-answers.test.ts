/**
 * What the tool schemas answer, from the schema modules loaded afresh in each test: they are module-level values, so a
 * copy loaded once at the top would hide a change to them from mutation testing. Only these small modules are reloaded.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Schemas = typeof import('../../../functions/domain/vapi/tool-schemas');
type Lifecycle = typeof import('../../../functions/domain/vapi/lifecycle-schemas');
let tools: Schemas;
let life: Lifecycle;
beforeEach(async () => {
  vi.resetModules();
  tools = await import('../../../functions/domain/vapi/tool-schemas');
  life = await import('../../../functions/domain/vapi/lifecycle-schemas');
});

type Parser = {
  safeParse(v: unknown): { success: boolean; data?: unknown; error?: { issues: { message: string }[] } };
};
/** The messages a schema answers for an input, or its output when it accepts it. */
const answer = (schema: Parser, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? { data: { ...(r.data as object) } } : { errors: r.error?.issues.map((i) => i.message) };
};

const NOT_READABLE = "I couldn't read the details of that request; please call the tool again with its parameters.";
const DURATION = 'The duration must be a whole number of minutes between 15 and 240.';
const PHONE = 'The phone number must be digits only (with +, spaces or dashes), as the caller said it.';
const START = { start_time: '2026-06-03T15:00' };
const BOOKING = { ...START, attendee_name: 'Jane' };

describe('Tool schemas: arguments that are not an object', () => {
  it.each<[string, keyof Schemas | keyof Lifecycle]>([
    ['get_availability', 'getAvailabilitySchema'],
    ['find_appointment', 'findAppointmentSchema'],
    ['hold_slot', 'holdSlotSchema'],
    ['reschedule_appointment', 'rescheduleAppointmentSchema'],
    ['cancel_appointment', 'cancelAppointmentSchema'],
  ])('%s answers a string or a list as unreadable', (_tool, key) => {
    // Prepare
    const schema = ((tools as Record<string, unknown>)[key] ?? (life as Record<string, unknown>)[key]) as Parser;
    // Act
    const answers = ['x', ['x']].map((input) => answer(schema, input));
    // Assess
    expect(answers).toEqual([{ errors: [NOT_READABLE] }, { errors: [NOT_READABLE] }]);
  });
});

describe('getAvailabilitySchema: parts of the day and durations', () => {
  it.each(['afternoon', 'Evening'])('accepts %s as a part of the day', (timeOfDay) => {
    // Act / Assess
    expect(answer(tools.getAvailabilitySchema, { time_of_day: timeOfDay })).toEqual({
      data: { time_of_day: timeOfDay.toLowerCase() },
    });
  });

  it('refuses digits wrapped in a list as a duration (only a string of digits is read as a number)', () => {
    // Act / Assess
    expect(answer(tools.getAvailabilitySchema, { duration_minutes: [30] })).toEqual({ errors: [DURATION] });
  });
});

describe('setAppointmentSchema: the phone number, the email and the start', () => {
  it.each(['+1 (555) 010-4321', '555 0100', '555.010.4321'])('accepts the phone number %s', (phone) => {
    // Act / Assess
    expect(answer(tools.setAppointmentSchema, { ...BOOKING, attendee_phone: phone })).toEqual({
      data: { ...BOOKING, attendee_phone: phone },
    });
  });

  it.each<[string, unknown, string]>([
    ['words before the digits', 'ext 5550100', PHONE],
    ['a number that is not text', 5550100, 'The phone number must be given as text.'],
  ])('refuses a phone number with %s', (_label, phone, error) => {
    // Act / Assess
    expect(answer(tools.setAppointmentSchema, { ...BOOKING, attendee_phone: phone })).toEqual({ errors: [error] });
  });

  it('says a start time over 200 characters is not in the form it needs', () => {
    // Act / Assess
    expect(
      answer(tools.setAppointmentSchema, { ...BOOKING, start_time: `2026-06-03T15:00${' '.repeat(190)}x` }),
    ).toEqual({
      errors: ["The start time must be a date and time in the form YYYY-MM-DDTHH:mm, in the property's local time."],
    });
  });

  it('refuses an email address over 254 characters, in its own words', () => {
    // Act / Assess
    expect(
      answer(tools.setAppointmentSchema, { ...BOOKING, attendee_email: `${'a'.repeat(250)}@example.com` }),
    ).toEqual({
      errors: ["That email address doesn't look valid; ask the caller to spell it, or book without an email."],
    });
  });
});

describe('startTime: the start a schema composes', () => {
  it('says an empty start is missing, not malformed', () => {
    // Act / Assess
    expect(tools.startTime.safeParse('').error?.issues.map((i) => i.message)).toEqual([
      'I need the start time of the viewing before I can book; use a start time from get_availability.',
    ]);
  });
});

describe('findAppointmentSchema: a date that is not text', () => {
  it('names the date', () => {
    // Act / Assess
    expect(answer(life.findAppointmentSchema, { date: 20260603 })).toEqual({
      errors: ['The date must be given as text.'],
    });
  });
});
