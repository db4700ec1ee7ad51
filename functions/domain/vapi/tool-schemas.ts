/**
 * Zod schemas of the tools' arguments. Every message is a sentence the voice model can act on or say, because a failed
 * validation goes back to it as the tool call's `error`. Unknown keys (e.g. an LLM-supplied manager_id) are stripped:
 * the tenant always comes from server-side config (security.md §3).
 */
import * as z from 'zod';

/**
 * Models often send null or "" for an optional parameter they have no value for: treat both as absent, and trim text.
 * The copy has no prototype and never a "__proto__" key: JSON.parse makes that an own key, and assigning it to a plain
 * object would make it the prototype, whose fields the schema would then read (and book).
 */
export function normalizeArgs(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const out = Object.create(null) as Record<string, unknown>;
  for (const [key, raw] of Object.entries(value)) {
    const v = typeof raw === 'string' ? raw.trim() : raw;
    if (key !== '__proto__' && v !== null && v !== '') out[key] = v;
  }
  return out;
}

export const NOT_READABLE =
  "I couldn't read the details of that request; please call the tool again with its parameters.";

/** A bounded free-text field. `what` starts the sentence, e.g. "The property address". */
export function text(what: string, max: number, missing?: string) {
  return z
    .string({ error: (issue) => (issue.input === undefined && missing) || `${what} must be given as text.` })
    .min(1, { error: missing ?? `${what} must not be empty.` })
    .max(max, { error: `${what} is too long; keep it under ${max} characters.` });
}

const DURATION = 'The duration must be a whole number of minutes between 15 and 240.';
/** Minutes 15–240; digits given as a string ("30") are accepted, because models quote numbers now and then. */
export const durationMinutes = z.preprocess(
  (v) => (typeof v === 'string' && /^\d{1,4}$/.test(v) ? Number(v) : v),
  z.number({ error: DURATION }).int({ error: DURATION }).min(15, { error: DURATION }).max(240, { error: DURATION }),
);

const TIME_OF_DAY = 'The time of day must be morning, afternoon or evening.';
const timeOfDay = z
  .string({ error: TIME_OF_DAY })
  .toLowerCase()
  .pipe(z.enum(['morning', 'afternoon', 'evening'], { error: TIME_OF_DAY }));

const START_MISSING = 'I need the start time of the viewing before I can book; use a start time from get_availability.';
const START_FORMAT =
  "The start time must be a date and time in the form YYYY-MM-DDTHH:mm, in the property's local time.";
/**
 * Any text: a start the engine cannot read ("tomorrow at 2pm", "2026-13-45T10:00") is answered by set_appointment
 * itself as reason "unparseable", with the nearest open alternatives, rather than as a bare validation error.
 */
export const startTime = z
  .string({ error: (issue) => (issue.input === undefined ? START_MISSING : START_FORMAT) })
  .min(1, { error: START_MISSING })
  .max(200, { error: START_FORMAT })
  // "2026-06-03 15:00" is a common spelling; normalise it so downstream ISO parsers accept it.
  .overwrite((s) => s.replace(/^(\d{4}-\d{2}-\d{2}) (?=\d)/, '$1T'));

const ONLINE = 'online must be true or false.';
const PHONE = 'The phone number must be digits only (with +, spaces or dashes), as the caller said it.';
const EMAIL = "That email address doesn't look valid; ask the caller to spell it, or book without an email.";

const propertyAddress = text('The property address', 200).describe(
  'The address or name of the property the caller asks about, as the caller said it.',
);
const duration = durationMinutes.describe(
  'Length of the viewing in minutes (15 to 240). Omit to use the standard length.',
);

/** Arguments of get_availability. */
export const getAvailabilitySchema = z.preprocess(
  normalizeArgs,
  z.object(
    {
      property_address: propertyAddress.optional(),
      // Not format-checked here: the availability engine explains a bad or past date in words the caller understands.
      date: text('The date', 100)
        .describe(
          "The day the caller wants, as YYYY-MM-DD in the property's local time. Omit to search the next open days.",
        )
        .optional(),
      time_of_day: timeOfDay
        .describe('Part of the day the caller prefers: morning, afternoon or evening. Omit if no preference.')
        .optional(),
      duration_minutes: duration.optional(),
    },
    { error: NOT_READABLE },
  ),
);

/** Arguments of set_appointment. */
export const setAppointmentSchema = z.preprocess(
  normalizeArgs,
  z.object(
    {
      start_time: startTime.describe(
        'Start of the viewing in ISO 8601 (YYYY-MM-DDTHH:mm, optionally with seconds and an offset). ' +
          'Use a start value returned by get_availability unchanged; ' +
          "a time without an offset is the property's local time.",
      ),
      attendee_name: text("The caller's name", 100, "I need the caller's name before I can book.").describe(
        "The caller's full name, as they gave it. Ask for it before booking.",
      ),
      attendee_phone: text('The phone number', 32)
        .regex(/^\+?[\d\s().-]{4,31}$/, { error: PHONE })
        .describe(
          'A callback number if the caller gives a different one. Omit to use the number they are calling from.',
        )
        .optional(),
      attendee_email: z
        .email({ error: EMAIL })
        .max(254, { error: EMAIL })
        .describe(
          "The caller's email address, only if they offer it or agree to give it. Spell it back before booking.",
        )
        .optional(),
      property_address: propertyAddress.optional(),
      notes: text('The note', 1000)
        .describe('Anything the property manager should know, in one or two short sentences.')
        .optional(),
      duration_minutes: duration.optional(),
      online: z
        .preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean({ error: ONLINE }))
        .describe('true when the caller wants a video meeting instead of meeting in person. Omit otherwise.')
        .optional(),
    },
    { error: NOT_READABLE },
  ),
);

export type GetAvailabilityArgs = z.output<typeof getAvailabilitySchema>;
export type SetAppointmentArgs = z.output<typeof setAppointmentSchema>;
