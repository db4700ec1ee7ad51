/** The emulator's mailbox back in the calendar-file format: what GET /calendar serves and a file can load again. */
import type { EmulatorContext } from './context';
import type { SandboxCalendar, SandboxCalendarFile } from './file-schema';

/**
 * The mailbox, its settings, the default calendar's events at the top level (as before several calendars), and every
 * calendar under `calendars` with the events written to it. Loading it gives the same mailbox: the top-level events
 * repeat the isDefault calendar's, which the file rules accept.
 */
export function dumpMailbox(ctx: EmulatorContext, user: SandboxCalendarFile['user']): SandboxCalendarFile {
  const calendars: SandboxCalendar[] = ctx.calendars.all().map((calendar) => ({
    name: calendar.name,
    isDefault: calendar.isDefault,
    ...(calendar.canEdit ? {} : { canEdit: false }),
    ...(calendar.sharedSpec !== undefined ? { shared: structuredClone(calendar.sharedSpec) } : {}),
    ...(calendar.onlineSpec ? { allowedOnlineMeetingProviders: [...calendar.onlineProviders] } : {}),
    events: ctx.events.dump(calendar.id),
  }));
  return {
    user: { ...user },
    mailboxSettings: structuredClone(ctx.mailboxSettings),
    events: ctx.events.dump(ctx.calendars.default().id),
    calendars,
  };
}
