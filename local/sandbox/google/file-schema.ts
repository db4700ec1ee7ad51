/**
 * The SANDBOX_GOOGLE_CALENDAR_FILE: the account and its calendars, each with events as events.insert takes them.
 * Per calendar extras: accessRole, primary, allowedConferenceSolutionTypes (see README.md). Cross-field rules are in
 * file-rules.ts.
 */
import * as z from 'zod/mini';
// The sandbox answers with zod's own words (describeIssues).
import '../../../functions/contract/zod-english';
import { isKnownZone } from '../../../functions/domain/time';
import { ACCESS_ROLES, CONFERENCE_TYPES } from './calendar/calendars';
import type { EventResource } from './calendar/event-types';
import { checkFile } from './file-rules';

const email = z.string().check(z.regex(/^[^@\s]+@[^@\s]+$/, 'expected an email address'));
const zone = z.string().check(z.refine(isKnownZone, { message: 'unknown IANA time zone' }));

/** An event: any object here; its fields are checked against its calendar's zone in file-rules.ts. */
const fileEvent = z.pipe(
  z.looseObject({}),
  z.transform((ev) => ev as unknown as EventResource),
);

/** One calendar. Unknown keys are refused: a typo ("timezone") must not pass silently. */
export const fileCalendarSchema = z.strictObject({
  id: z.string().check(z.trim(), z.minLength(1, 'a calendar needs an id')),
  summary: z.optional(z.string()),
  description: z.optional(z.string()),
  timeZone: zone,
  /** Default owner; reader and freeBusyReader calendars refuse writes (403). */
  accessRole: z.optional(z.enum(ACCESS_ROLES)),
  /** Default: the calendar with id "primary" (or the account's email), else the first. */
  primary: z.optional(z.boolean()),
  /** Default ["hangoutsMeet"]; [] refuses every conference request. */
  allowedConferenceSolutionTypes: z.optional(z.array(z.enum(CONFERENCE_TYPES))),
  events: z._default(z.array(fileEvent), []),
});

export const googleSandboxSchema = z
  .strictObject({
    user: z.strictObject({ name: z.string().check(z.trim(), z.minLength(1)), email }),
    calendars: z.array(fileCalendarSchema).check(z.minLength(1, 'at least one calendar')),
  })
  .check(z.superRefine(checkFile));

/** One calendar of the file (or of a dump). */
export type SandboxGoogleCalendar = z.output<typeof fileCalendarSchema>;

/** The sandbox file: the account and its calendars. */
export type GoogleSandboxFile = z.output<typeof googleSandboxSchema>;
