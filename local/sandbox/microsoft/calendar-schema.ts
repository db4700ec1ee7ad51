/** Zod schemas of Graph's own shapes (events as POST /me/events takes them, mailbox settings): files and API. */
import * as z from 'zod/mini';
// The sandbox answers with zod's own words (describeIssues).
import '../../../functions/contract/zod-english';
import { toIanaZone } from '../../../functions/adapters/microsoft/windows-zones';
import { parseWallDateTime } from '../../../functions/domain/time';
import { instantOf } from './graph/time';
import { recurrenceSchema, weekday } from './recurrence-schema';

export { recurrenceSchema, weekday } from './recurrence-schema';

export const localDateTime = z.string().check(
  z.regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?$/,
    'expected a local date-time "YYYY-MM-DDTHH:mm:ss" without offset',
  ),
  z.refine((s) => parseWallDateTime(s) !== undefined, 'not a real calendar date-time'),
);

const timeOfDay = z.string().check(z.regex(/^\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?$/, 'expected a time "HH:mm:ss"'));

/** A zone name the emulator can compute with: Windows (as Outlook writes) or IANA. */
export const zoneName = z
  .string()
  .check(
    z.refine(
      (n) => toIanaZone(n) !== undefined,
      'unknown time zone (use a Windows name like "Pacific Standard Time" or an IANA name)',
    ),
  );

export const dateTimeTimeZoneSchema = z.strictObject({ dateTime: localDateTime, timeZone: zoneName });

const emailAddress = z.looseObject({ address: z.string().check(z.minLength(3)), name: z.optional(z.string()) });

const optionalBoolean = () => z.optional(z.boolean());

/**
 * The writable event properties Graph accepts on POST/PATCH, plus `id` (present in dumps).
 * Unknown keys are rejected, as Graph does.
 */
export const eventShape = {
  id: z.optional(z.string().check(z.minLength(1))),
  '@odata.type': z.optional(z.string()),
  subject: z.optional(z.string()),
  body: z.optional(
    z.strictObject({
      contentType: z.string().check(z.regex(/^(text|html)$/i, 'expected "text" or "html"')),
      content: z.string(),
    }),
  ),
  start: dateTimeTimeZoneSchema,
  end: dateTimeTimeZoneSchema,
  showAs: z.optional(z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown'])),
  isAllDay: optionalBoolean(),
  isCancelled: optionalBoolean(),
  /** Sandbox extension: false marks a meeting the manager was only invited to (cancel then answers 400). */
  isOrganizer: optionalBoolean(),
  recurrence: z.optional(z.nullable(recurrenceSchema)),
  location: z.optional(z.looseObject({ displayName: z.optional(z.string()) })),
  locations: z.optional(z.array(z.looseObject({ displayName: z.optional(z.string()) }))),
  attendees: z.optional(
    z
      .array(z.looseObject({ emailAddress, type: z.optional(z.enum(['required', 'optional', 'resource'])) }))
      .check(z.maxLength(500)),
  ),
  transactionId: z.optional(z.string().check(z.minLength(1))),
  categories: z.optional(z.array(z.string())),
  importance: z.optional(z.enum(['low', 'normal', 'high'])),
  sensitivity: z.optional(z.enum(['normal', 'personal', 'private', 'confidential'])),
  isReminderOn: optionalBoolean(),
  reminderMinutesBeforeStart: z.optional(z.number().check(z.int(), z.gte(0))),
  isOnlineMeeting: optionalBoolean(),
  onlineMeetingProvider: z.optional(z.enum(['unknown', 'teamsForBusiness', 'skypeForBusiness', 'skypeForConsumer'])),
  allowNewTimeProposals: optionalBoolean(),
  responseRequested: optionalBoolean(),
  hideAttendees: optionalBoolean(),
};

type Times = { start: { dateTime: string; timeZone: string }; end: { dateTime: string; timeZone: string } };

/**
 * Why the times of an event are unacceptable to Graph, or undefined when they are fine. Wall times are compared as
 * the instants they stand for under fixed DST rules, so the answer never depends on the day the sandbox runs.
 */
export function eventTimesProblem(ev: Times & { isAllDay?: boolean }): string | undefined {
  // Unknown zones and unreal dates are reported by the fields' own schemas; nothing to compare then.
  if (![ev.start, ev.end].every((t) => toIanaZone(t.timeZone) && parseWallDateTime(t.dateTime) !== undefined))
    return undefined;
  if (instantOf(ev.end) < instantOf(ev.start)) return 'end must not be before start';
  if (!ev.isAllDay) return undefined;
  const midnight = (s: string) => /T00:00(:00(\.0+)?)?$/.test(s);
  if (!midnight(ev.start.dateTime) || !midnight(ev.end.dateTime))
    return 'an all-day event must start and end at midnight';
  if (ev.start.timeZone !== ev.end.timeZone) return 'an all-day event must use the same timeZone for start and end';
  if (ev.end.dateTime.slice(0, 10) <= ev.start.dateTime.slice(0, 10))
    return 'an all-day event must end on a later date than it starts';
  return undefined;
}

export const graphEventPatchSchema = z.partial(z.strictObject(eventShape));

export const graphEventInputSchema = z.strictObject(eventShape).check(
  z.superRefine((ev, ctx) => {
    const problem = eventTimesProblem(ev);
    if (problem) ctx.addIssue({ code: 'custom', path: ['end'], message: problem });
  }),
);

export const mailboxSettingsSchema = z.looseObject({
  timeZone: z.optional(z.nullable(z.string().check(z.minLength(1)))),
  workingHours: z.optional(
    z.nullable(
      z.looseObject({
        daysOfWeek: z.array(weekday),
        startTime: timeOfDay,
        endTime: timeOfDay,
        timeZone: z.optional(
          z.nullable(
            z.looseObject({
              name: z.optional(z.nullable(z.string())),
              bias: z.optional(z.number()),
              '@odata.type': z.optional(z.string()),
            }),
          ),
        ),
      }),
    ),
  ),
});

/** An event as POST /me/events takes it (dumps add `id`). */
export type GraphEventInput = z.infer<typeof graphEventInputSchema>;
/** A partial event as PATCH /me/events/{id} takes it. */
export type GraphEventPatch = z.infer<typeof graphEventPatchSchema>;
export type PatternedRecurrence = z.infer<typeof recurrenceSchema>;
export type DateTimeTimeZone = z.infer<typeof dateTimeTimeZoneSchema>;
export type SandboxMailboxSettings = z.infer<typeof mailboxSettingsSchema>;
