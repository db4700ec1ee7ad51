/** Zod schemas of Graph's own shapes (events as POST /me/events takes them, mailbox settings): files and API. */
import { z } from 'zod';
import { toIanaZone } from '../../../functions/adapters/microsoft/windows-zones';
import { parseWallDateTime } from '../../../functions/domain/time';
import { instantOf } from './graph/time';

export const weekday = z.enum(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']);

export const localDateTime = z
  .string()
  .regex(
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?$/,
    'expected a local date-time "YYYY-MM-DDTHH:mm:ss" without offset',
  )
  .refine((s) => parseWallDateTime(s) !== undefined, 'not a real calendar date-time');

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date "YYYY-MM-DD"');

const timeOfDay = z.string().regex(/^\d{2}:\d{2}(:\d{2}(\.\d{1,7})?)?$/, 'expected a time "HH:mm:ss"');

/** A zone name the emulator can compute with: Windows (as Outlook writes) or IANA. */
export const zoneName = z
  .string()
  .refine(
    (n) => toIanaZone(n) !== undefined,
    'unknown time zone (use a Windows name like "Pacific Standard Time" or an IANA name)',
  );

export const dateTimeTimeZoneSchema = z.strictObject({ dateTime: localDateTime, timeZone: zoneName });

const patternSchema = z
  .strictObject({
    type: z.enum(['daily', 'weekly', 'absoluteMonthly', 'relativeMonthly', 'absoluteYearly', 'relativeYearly']),
    interval: z.number().int().min(1).max(99),
    daysOfWeek: z.array(weekday).optional(),
    // Graph echoes 0 for fields a pattern type does not use, so 0 must load.
    dayOfMonth: z.number().int().min(0).max(31).optional(),
    month: z.number().int().min(0).max(12).optional(),
    firstDayOfWeek: weekday.optional(),
    index: z.enum(['first', 'second', 'third', 'fourth', 'last']).optional(),
  })
  .superRefine((p, ctx) => {
    const needsDays = p.type === 'weekly' || p.type.startsWith('relative');
    if (needsDays && !p.daysOfWeek?.length)
      ctx.addIssue({ code: 'custom', path: ['daysOfWeek'], message: `required for ${p.type}` });
    if (p.type.startsWith('absolute') && !p.dayOfMonth)
      ctx.addIssue({ code: 'custom', path: ['dayOfMonth'], message: `required for ${p.type}` });
    if (p.type.endsWith('Yearly') && !p.month)
      ctx.addIssue({ code: 'custom', path: ['month'], message: `required for ${p.type}` });
  });

const rangeSchema = z
  .strictObject({
    type: z.enum(['endDate', 'noEnd', 'numbered']),
    startDate: isoDate,
    endDate: isoDate.optional(),
    recurrenceTimeZone: z.string().optional(),
    numberOfOccurrences: z.number().int().min(0).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.type === 'endDate' && (!r.endDate || r.endDate < r.startDate)) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'required for type endDate, on or after startDate' });
    }
    if (r.type === 'numbered' && !r.numberOfOccurrences) {
      ctx.addIssue({ code: 'custom', path: ['numberOfOccurrences'], message: 'required (>= 1) for type numbered' });
    }
  });

export const recurrenceSchema = z.strictObject({ pattern: patternSchema, range: rangeSchema });

const emailAddress = z.looseObject({ address: z.string().min(3), name: z.string().optional() });

/**
 * The writable event properties Graph accepts on POST/PATCH, plus `id` (present in dumps).
 * Unknown keys are rejected, as Graph does.
 */
export const eventShape = {
  id: z.string().min(1).optional(),
  '@odata.type': z.string().optional(),
  subject: z.string().optional(),
  body: z
    .strictObject({ contentType: z.string().regex(/^(text|html)$/i, 'expected "text" or "html"'), content: z.string() })
    .optional(),
  start: dateTimeTimeZoneSchema,
  end: dateTimeTimeZoneSchema,
  showAs: z.enum(['free', 'tentative', 'busy', 'oof', 'workingElsewhere', 'unknown']).optional(),
  isAllDay: z.boolean().optional(),
  isCancelled: z.boolean().optional(),
  /** Sandbox extension: false marks a meeting the manager was only invited to (cancel then answers 400). */
  isOrganizer: z.boolean().optional(),
  recurrence: recurrenceSchema.nullable().optional(),
  location: z.looseObject({ displayName: z.string().optional() }).optional(),
  locations: z.array(z.looseObject({ displayName: z.string().optional() })).optional(),
  attendees: z
    .array(z.looseObject({ emailAddress, type: z.enum(['required', 'optional', 'resource']).optional() }))
    .max(500)
    .optional(),
  transactionId: z.string().min(1).optional(),
  categories: z.array(z.string()).optional(),
  importance: z.enum(['low', 'normal', 'high']).optional(),
  sensitivity: z.enum(['normal', 'personal', 'private', 'confidential']).optional(),
  isReminderOn: z.boolean().optional(),
  reminderMinutesBeforeStart: z.number().int().min(0).optional(),
  isOnlineMeeting: z.boolean().optional(),
  onlineMeetingProvider: z.enum(['unknown', 'teamsForBusiness', 'skypeForBusiness', 'skypeForConsumer']).optional(),
  allowNewTimeProposals: z.boolean().optional(),
  responseRequested: z.boolean().optional(),
  hideAttendees: z.boolean().optional(),
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

export const graphEventPatchSchema = z.strictObject(eventShape).partial();

export const graphEventInputSchema = z.strictObject(eventShape).superRefine((ev, ctx) => {
  const problem = eventTimesProblem(ev);
  if (problem) ctx.addIssue({ code: 'custom', path: ['end'], message: problem });
});

export const mailboxSettingsSchema = z.looseObject({
  timeZone: z.string().min(1).nullable().optional(),
  workingHours: z
    .looseObject({
      daysOfWeek: z.array(weekday),
      startTime: timeOfDay,
      endTime: timeOfDay,
      timeZone: z
        .looseObject({
          name: z.string().nullable().optional(),
          bias: z.number().optional(),
          '@odata.type': z.string().optional(),
        })
        .nullable()
        .optional(),
    })
    .nullable()
    .optional(),
});

/** An event as POST /me/events takes it (dumps add `id`). */
export type GraphEventInput = z.infer<typeof graphEventInputSchema>;
/** A partial event as PATCH /me/events/{id} takes it. */
export type GraphEventPatch = z.infer<typeof graphEventPatchSchema>;
export type PatternedRecurrence = z.infer<typeof recurrenceSchema>;
export type DateTimeTimeZone = z.infer<typeof dateTimeTimeZoneSchema>;
export type SandboxMailboxSettings = z.infer<typeof mailboxSettingsSchema>;
