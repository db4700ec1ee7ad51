/**
 * The sandbox calendar FILE: who the mailbox is, its settings and its calendars' events, in Graph's shapes. The
 * top-level "events" are the default calendar's; "calendars" adds others (rules in file-rules.ts).
 */
import * as z from 'zod/mini';
import {
  eventShape,
  eventTimesProblem,
  type GraphEventInput,
  localDateTime,
  mailboxSettingsSchema,
  type SandboxMailboxSettings,
  zoneName,
} from './calendar-schema';
import { checkCalendars } from './file-rules';

/** A field that may be absent or null (as a dump of Graph writes it); null reads as absent. */
const absentIfNull = <T extends z.core.SomeType>(schema: T) =>
  z.pipe(
    z.optional(z.nullable(schema)),
    z.transform((v: z.output<T> | null | undefined) => v ?? undefined),
  );

/**
 * An event in a calendar FILE: the fields that shape free/busy time are checked as Graph would; any other property
 * (a dump of real Graph events carries createdDateTime, changeKey, organizer, @odata.etag, …) is ignored, not
 * refused.
 */
export const fileEventSchema = z
  .object({
    id: eventShape.id,
    subject: absentIfNull(z.string()),
    body: z.pipe(
      z.optional(z.looseObject({ contentType: z.optional(z.string()), content: z.optional(z.string()) })),
      z.transform((b) =>
        b?.content === undefined
          ? undefined
          : { contentType: /^html$/i.test(b.contentType ?? '') ? 'html' : 'text', content: b.content },
      ),
    ),
    start: z.object({ dateTime: localDateTime, timeZone: zoneName }),
    end: z.object({ dateTime: localDateTime, timeZone: zoneName }),
    showAs: eventShape.showAs,
    isAllDay: eventShape.isAllDay,
    isCancelled: eventShape.isCancelled,
    isOrganizer: eventShape.isOrganizer,
    recurrence: eventShape.recurrence,
    location: eventShape.location,
    attendees: eventShape.attendees,
    isOnlineMeeting: eventShape.isOnlineMeeting,
    onlineMeetingProvider: eventShape.onlineMeetingProvider,
    transactionId: absentIfNull(z.string().check(z.minLength(1))),
  })
  .check(
    z.superRefine((ev, ctx) => {
      const problem = eventTimesProblem(ev);
      if (problem) ctx.addIssue({ code: 'custom', path: ['end'], message: problem });
    }),
  );

const emailAddress = z.string().check(z.regex(/^[^@\s]+@[^@\s]+$/, 'expected an email address'));

// What Graph's calendar resource lists (an empty list: no online meetings at all, as on some personal accounts).
const onlineProvider = z.enum(['teamsForBusiness', 'skypeForBusiness', 'skypeForConsumer']);

/** An online meeting provider a calendar can offer. */
export type OfferedProvider = z.infer<typeof onlineProvider>;

/** Someone else's calendar shared with the mailbox: `true`, or who owns it. */
const sharedSchema = z.union([
  z.boolean(),
  z.strictObject({ name: z.optional(z.string().check(z.minLength(1))), address: emailAddress }),
]);

/** One calendar of the mailbox. Unknown keys are refused: a typo ("isdefault") must not pass silently. */
export const fileCalendarSchema = z.strictObject({
  name: z.string().check(z.trim(), z.minLength(1, 'a calendar needs a name')),
  isDefault: z.optional(z.boolean()),
  /** Default true; false: the mailbox may only read it (a booking cannot be written there). */
  canEdit: z.optional(z.boolean()),
  shared: z.optional(sharedSchema),
  /** Default ["teamsForBusiness"]; an event asking for a provider not listed is made without an online meeting. */
  allowedOnlineMeetingProviders: z.optional(z.array(onlineProvider)),
  events: z._default(z.array(fileEventSchema), []),
});

export const sandboxCalendarSchema = z.pipe(
  z
    .object({
      user: z.object({
        displayName: z.string().check(z.minLength(1)),
        mail: emailAddress,
        userPrincipalName: z.optional(z.string()),
      }),
      mailboxSettings: mailboxSettingsSchema,
      events: z.optional(z.array(fileEventSchema)),
      calendars: z.optional(z.array(fileCalendarSchema)),
    })
    .check(z.superRefine(checkCalendars)),
  z.transform(({ events, calendars, ...rest }) => ({
    ...rest,
    events: events ?? [],
    ...(calendars ? { calendars } : {}),
  })),
);

/** One calendar of the file (or of a dump). */
export type SandboxCalendar = {
  name: string;
  isDefault?: boolean;
  canEdit?: boolean;
  shared?: boolean | { name?: string; address: string };
  allowedOnlineMeetingProviders?: OfferedProvider[];
  events: GraphEventInput[];
};

/** The sandbox calendar: the mailbox, its settings, the default calendar's events, and any other calendars. */
export type SandboxCalendarFile = {
  user: z.output<typeof sandboxCalendarSchema>['user'];
  mailboxSettings: SandboxMailboxSettings;
  /** The default calendar's events (the "Calendar" when no entry of `calendars` is isDefault). */
  events: GraphEventInput[];
  calendars?: SandboxCalendar[];
};
