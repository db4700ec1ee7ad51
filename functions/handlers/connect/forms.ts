/**
 * The forms of the connect pages: their field names, and zod schemas reading posted bodies. Every form carries the
 * invite it belongs to and a CSRF token; the token is checked apart (a missing one is a 403, not a 400).
 */
import * as z from 'zod/mini';
import { ValidationError } from '../../domain/errors';

/** Roles a manager can give a calendar, with the words the pages use for them. */
export const ROLE_LABELS = { book: 'Takes bookings', busy: 'Counts as busy', ignore: 'Ignored' } as const;

const ROLES = ['book', 'busy', 'ignore'] as const;

const base = {
  invite: z.string().check(z.minLength(1), z.maxLength(2048)),
  csrf: z.optional(z.string().check(z.maxLength(128))),
};

/** POST /calendar/auth/start: go on to the provider's sign-in (first connect, reconnect, or another account). */
export const startForm = z.object({
  ...base,
  provider: z.string().check(z.minLength(1), z.maxLength(64)),
  intent: z._default(z.enum(['connect', 'add']), 'connect'),
});

const connection = z.string().check(z.minLength(1), z.maxLength(128));

/** POST /calendar/auth/manage: change a calendar's role, disconnect an account, or set the bookable hours. */
export const manageForm = z.discriminatedUnion('action', [
  z.object({
    ...base,
    action: z.literal('role'),
    connection,
    calendar: z.string().check(z.minLength(1), z.maxLength(1024)),
    role: z.enum(ROLES),
  }),
  z.object({ ...base, action: z.literal('disconnect'), connection }),
  // Bookable hours and zone; an empty field removes the setting (the calendar's, else the deployment's apply).
  z.object({
    ...base,
    action: z.literal('hours'),
    workingHours: z.string().check(z.maxLength(512)),
    timeZone: z.string().check(z.maxLength(64)),
  }),
]);

export type StartForm = z.infer<typeof startForm>;
export type ManageForm = z.infer<typeof manageForm>;

const NO_INVITE = 'This page needs the connect link you were sent. Ask for a new invite link.';

/** Parses posted fields with `schema`; a 400 naming the first bad field (the invite's own words when it is missing). */
export function readForm<S extends z.ZodMiniType>(schema: S, fields: URLSearchParams): z.infer<S> {
  const parsed = schema.safeParse(Object.fromEntries(fields));
  if (parsed.success) return parsed.data;
  const field = String(parsed.error.issues[0]?.path[0] ?? 'form');
  if (field === 'invite') throw new ValidationError(NO_INVITE, 'invite_missing');
  throw new ValidationError(
    `This form was sent incomplete or changed (${field}). Open your connect link again.`,
    `form_${field}`,
  );
}
