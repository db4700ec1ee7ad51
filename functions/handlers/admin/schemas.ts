/**
 * The admin API's input schemas: path segments, bodies and the bookings query. The Lambda validates with them and so
 * does `npm run admin` before it sends anything, so both refuse exactly the same input with the same words.
 */
import * as z from 'zod/mini';
// problemsOf shows zod's own words for a value of the wrong kind (e.g. a body that is not an object).
import '../../contract/zod-english';
import { isManagerId } from '../../contract/booking-rules';
import { settingsChangesSchema, settingsProblems } from '../../contract/manager-settings';
import { ValidationError } from '../../domain/errors';
import { listingDays, MAX_LISTING_DAYS } from '../../domain/manage/manager-bookings';
import { parseDate } from '../../domain/time';

export { settingsChangesSchema };

/** The role names, in the order they are listed to an operator. */
export const ROLES = ['book', 'busy', 'ignore'] as const;

/** A manager id (the same rule as invite links and VAPI_ROUTES). */
export const managerIdSchema = z
  .string()
  .check(z.refine(isManagerId, { error: 'must be 1-128 characters of letters, digits and . _ @ + -' }));

/** A connection id as the manager view lists it ("microsoft-0123abcd…"). */
export const connectionIdSchema = z
  .string()
  .check(z.regex(/^[A-Za-z0-9._-]{1,128}$/, { error: 'must be a connection id as GET managers/{id} lists it' }));

/** A calendar id as the provider gave it: long base64 for Microsoft (/ + = included), so any printable text. */
export const calendarIdSchema = z.string().check(
  z.minLength(1, { error: 'must not be empty' }),
  z.maxLength(1024, { error: 'must be at most 1024 characters' }),
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
  z.regex(/^[^\u0000-\u001f\u007f]+$/, { error: 'must not contain control characters' }),
);

/** PUT …/calendars/{calendarId}. */
export const roleBodySchema = z.strictObject({
  role: z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` }),
});

const day = z
  .string({ error: 'is required: a date YYYY-MM-DD' })
  .check(z.refine((text) => parseDate(text) !== undefined, { error: 'must be a date YYYY-MM-DD' }));

/** GET …/bookings?from=&to=: whole days in the manager's zone, both included, at most MAX_LISTING_DAYS. */
export const bookingsQuerySchema = z.strictObject({ from: day, to: day }).check(
  z.superRefine(({ from, to }, ctx) => {
    // A malformed day is already reported by its own field (zod runs this refinement regardless).
    if (parseDate(from) === undefined || parseDate(to) === undefined) return;
    try {
      listingDays(from, to);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      ctx.addIssue({ code: 'custom', path: [error.reason], message: error.message.replace(/^\w+: /, '') });
    }
  }),
);

export type BookingsQuery = z.infer<typeof bookingsQuerySchema>;
export type RoleBody = z.infer<typeof roleBodySchema>;

export { MAX_LISTING_DAYS };

/** Every problem as "field: reason"; `root` names the input itself (a path parameter), else the body's keys do. */
export function problemsOf(error: z.core.$ZodError, root?: string): string[] {
  return error.issues.map((issue) => {
    const field = [root, ...issue.path.map(String)].filter(Boolean).join('.') || 'body';
    if (issue.code === 'unrecognized_keys') return `${issue.keys.join(', ')}: not accepted here`;
    return `${field}: ${issue.message}`;
  });
}

/** Parses `input` with `schema`, or throws one ValidationError naming every bad field (reason: the first one). */
export function parseOrThrow<T>(schema: z.ZodMiniType<T>, input: unknown, root?: string): T {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = problemsOf(parsed.error, root);
  throw new ValidationError(problems.join('; '), problems[0]!.split(':')[0]);
}

/** A settings change, with the settings schema's own words for each bad field. */
export function parseSettings(input: unknown): z.infer<typeof settingsChangesSchema> {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ValidationError('body: must be a JSON object of settings', 'body');
  }
  const problems = settingsProblems(input);
  if (problems.length) throw new ValidationError(problems.join('; '), problems[0]!.split(':')[0]);
  return settingsChangesSchema.parse(input);
}
