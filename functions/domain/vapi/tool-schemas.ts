/**
 * Zod schemas of the tools' arguments. Every message is a sentence the voice model can act on or say, because a failed
 * validation goes back to it as the tool call's `error`. Unknown keys (e.g. an LLM-supplied manager_id) are stripped:
 * the tenant always comes from server-side config (security.md §3).
 */
import * as z from 'zod/mini';
import { normalizeArgs, preprocess } from './argument-preprocess';

export const NOT_READABLE =
  "I couldn't read the details of that request; please call the tool again with its parameters.";

/** A bounded free-text field. `what` starts the sentence, e.g. "The property address". */
export function text(what: string, max: number, missing?: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined && missing) || `${what} must be given as text.` })
    .check(
      z.minLength(1, { error: missing ?? `${what} must not be empty.` }),
      z.maxLength(max, { error: `${what} is too long; keep it under ${max} characters.` }),
    );
}

const DURATION = 'The duration must be a whole number of minutes between 15 and 240.';
/** Minutes 15–240; digits given as a string ("30") are accepted, because models quote numbers now and then. */
export const durationMinutes = preprocess(
  (v) => (typeof v === 'string' && /^\d{1,4}$/.test(v) ? Number(v) : v),
  z
    .number({ error: DURATION })
    .check(z.int({ error: DURATION }), z.gte(15, { error: DURATION }), z.lte(240, { error: DURATION })),
);

const TIME_OF_DAY = 'The time of day must be morning, afternoon or evening.';
const timeOfDay = z.pipe(
  z.string({ error: TIME_OF_DAY }).check(z.toLowerCase()),
  z.enum(['morning', 'afternoon', 'evening'], { error: TIME_OF_DAY }),
);

const START_MISSING = 'I need the start time of the viewing before I can book; use a start time from get_availability.';
const START_FORMAT =
  "The start time must be a date and time in the form YYYY-MM-DDTHH:mm, in the property's local time.";
/**
 * Any text: a start the engine cannot read ("tomorrow at 2pm", "2026-13-45T10:00") is answered by set_appointment
 * itself as reason "unparseable", with the nearest open alternatives, rather than as a bare validation error.
 */
export const startTime = z
  .string({ error: (issue) => (issue.input === undefined ? START_MISSING : START_FORMAT) })
  .check(
    z.minLength(1, { error: START_MISSING }),
    z.maxLength(200, { error: START_FORMAT }),
    // "2026-06-03 15:00" is a common spelling; normalise it so downstream ISO parsers accept it.
    z.overwrite((s) => s.replace(/^(\d{4}-\d{2}-\d{2}) (?=\d)/, '$1T')),
  );

const ONLINE = 'online must be true or false.';
const PHONE = 'The phone number must be digits only (with +, spaces or dashes), as the caller said it.';
const EMAIL = "That email address doesn't look valid; ask the caller to spell it, or book without an email.";

const propertyAddress = text('The property address', 200).check(
  z.describe('The address or name of the property the caller asks about, as the caller said it.'),
);
const duration = durationMinutes.check(
  z.describe('Length of the viewing in minutes (15 to 240). Omit to use the standard length.'),
);

/** Arguments of get_availability. */
export const getAvailabilitySchema = preprocess(
  normalizeArgs,
  z.object(
    {
      property_address: z.optional(propertyAddress),
      // Not format-checked here: the availability engine explains a bad or past date in words the caller understands.
      date: z.optional(
        text('The date', 100).check(
          z.describe(
            "The day the caller wants, as YYYY-MM-DD in the property's local time. Omit to search the next open days.",
          ),
        ),
      ),
      time_of_day: z.optional(
        timeOfDay.check(
          z.describe('Part of the day the caller prefers: morning, afternoon or evening. Omit if no preference.'),
        ),
      ),
      duration_minutes: z.optional(duration),
    },
    { error: NOT_READABLE },
  ),
);

/** Arguments of set_appointment. */
export const setAppointmentSchema = preprocess(
  normalizeArgs,
  z.object(
    {
      start_time: startTime.check(
        z.describe(
          'Start of the viewing in ISO 8601 (YYYY-MM-DDTHH:mm, optionally with seconds and an offset). ' +
            'Use a start value returned by get_availability unchanged; ' +
            "a time without an offset is the property's local time.",
        ),
      ),
      attendee_name: text("The caller's name", 100, "I need the caller's name before I can book.").check(
        z.describe("The caller's full name, as they gave it. Ask for it before booking."),
      ),
      attendee_phone: z.optional(
        text('The phone number', 32).check(
          z.regex(/^\+?[\d\s().-]{4,31}$/, { error: PHONE }),
          z.describe(
            'A callback number if the caller gives a different one. Omit to use the number they are calling from.',
          ),
        ),
      ),
      attendee_email: z.optional(
        z
          .email({ error: EMAIL })
          .check(
            z.maxLength(254, { error: EMAIL }),
            z.describe(
              "The caller's email address, only if they offer it or agree to give it. Spell it back before booking.",
            ),
          ),
      ),
      property_address: z.optional(propertyAddress),
      notes: z.optional(
        text('The note', 1000).check(
          z.describe('Anything the property manager should know, in one or two short sentences.'),
        ),
      ),
      duration_minutes: z.optional(duration),
      online: z.optional(
        preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean({ error: ONLINE })).check(
          z.describe('true when the caller wants a video meeting instead of meeting in person. Omit otherwise.'),
        ),
      ),
    },
    { error: NOT_READABLE },
  ),
);

export type GetAvailabilityArgs = z.output<typeof getAvailabilitySchema>;
export type SetAppointmentArgs = z.output<typeof setAppointmentSchema>;
