/**
 * The SANDBOX_GOOGLE_CALENDAR_FILE: the account and its calendars, each with events as events.insert takes them.
 * Per calendar extras: accessRole, primary, allowedConferenceSolutionTypes (see README.md). Cross-field rules are in
 * file-rules.ts.
 */
import { z } from 'zod';
import { isKnownZone } from '../../../functions/domain/time';
import { ACCESS_ROLES, CONFERENCE_TYPES } from './calendar/calendars';
import type { EventResource } from './calendar/event-types';
import { checkFile } from './file-rules';

const email = z.string().regex(/^[^@\s]+@[^@\s]+$/, 'expected an email address');
const zone = z.string().refine(isKnownZone, { message: 'unknown IANA time zone' });

/** An event: any object here; its fields are checked against its calendar's zone in file-rules.ts. */
const fileEvent = z.looseObject({}).transform((ev) => ev as unknown as EventResource);

/** One calendar. Unknown keys are refused: a typo ("timezone") must not pass silently. */
export const fileCalendarSchema = z.strictObject({
  id: z.string().trim().min(1, 'a calendar needs an id'),
  summary: z.string().optional(),
  description: z.string().optional(),
  timeZone: zone,
  /** Default owner; reader and freeBusyReader calendars refuse writes (403). */
  accessRole: z.enum(ACCESS_ROLES).optional(),
  /** Default: the calendar with id "primary" (or the account's email), else the first. */
  primary: z.boolean().optional(),
  /** Default ["hangoutsMeet"]; [] refuses every conference request. */
  allowedConferenceSolutionTypes: z.array(z.enum(CONFERENCE_TYPES)).optional(),
  events: z.array(fileEvent).default([]),
});

export const googleSandboxSchema = z
  .strictObject({
    user: z.strictObject({ name: z.string().trim().min(1), email }),
    calendars: z.array(fileCalendarSchema).min(1, 'at least one calendar'),
  })
  .superRefine(checkFile);

/** One calendar of the file (or of a dump). */
export type SandboxGoogleCalendar = z.output<typeof fileCalendarSchema>;

/** The sandbox file: the account and its calendars. */
export type GoogleSandboxFile = z.output<typeof googleSandboxSchema>;
