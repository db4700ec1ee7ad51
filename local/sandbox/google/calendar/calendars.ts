/** The account's calendars: lookup by id (`primary` and the account's email name the primary one) and access roles. */
import type { SandboxGoogleCalendar } from '../file-schema';

export const ACCESS_ROLES = ['freeBusyReader', 'reader', 'writer', 'owner'] as const;
export type AccessRole = (typeof ACCESS_ROLES)[number];
export const CONFERENCE_TYPES = ['eventHangout', 'eventNamedHangout', 'hangoutsMeet'] as const;
export type ConferenceType = (typeof CONFERENCE_TYPES)[number];

export interface CalendarEntry {
  /** The id as the file gave it (the dump keeps it). */
  key: string;
  summary: string;
  description?: string;
  timeZone: string;
  accessRole: AccessRole;
  primary: boolean;
  conferenceTypes: ConferenceType[];
  /** The file's own entry, so a dump writes back only the extras it gave. */
  spec: SandboxGoogleCalendar;
}

/** Whether `role` is at least `needed`. */
export function hasRole(role: AccessRole, needed: AccessRole): boolean {
  return ACCESS_ROLES.indexOf(role) >= ACCESS_ROLES.indexOf(needed);
}

/** The primary calendar's index: the one marked so, else the one named "primary" or by the email, else the first. */
export function primaryIndex(calendars: ReadonlyArray<{ id: string; primary?: boolean }>, userEmail: string): number {
  const explicit = calendars.findIndex((c) => c.primary === true);
  const byId = calendars.findIndex((c) => c.id === 'primary' || c.id.toLowerCase() === userEmail.toLowerCase());
  return explicit >= 0 ? explicit : Math.max(byId, 0);
}

/** The calendar entries of a parsed file. */
export function calendarsOf(calendars: readonly SandboxGoogleCalendar[], userEmail: string): CalendarEntry[] {
  const primary = primaryIndex(calendars, userEmail);
  return calendars.map((c, i) => ({
    key: c.id,
    summary: c.summary ?? (i === primary ? userEmail : c.id),
    description: c.description,
    timeZone: c.timeZone,
    accessRole: c.accessRole ?? 'owner',
    primary: i === primary,
    conferenceTypes: [...(c.allowedConferenceSolutionTypes ?? ['hangoutsMeet'])],
    spec: c,
  }));
}

/** The account's calendars and the ids they answer to. */
export class CalendarBook {
  constructor(
    private readonly entries: CalendarEntry[],
    private readonly userEmail: string,
  ) {}

  /** Every calendar, in file order. */
  all(): CalendarEntry[] {
    return this.entries;
  }

  /** The primary calendar. */
  primary(): CalendarEntry {
    return this.entries.find((c) => c.primary)!;
  }

  /** The calendar a path or freeBusy item names: `primary`, the account's email (any case), or a file id. */
  find(calendarId: string): CalendarEntry | undefined {
    if (calendarId === 'primary' || calendarId.toLowerCase() === this.userEmail.toLowerCase()) return this.primary();
    return this.entries.find((c) => c.key === calendarId);
  }

  /** The id Google shows for a calendar: the primary calendar's is the account's email. */
  publicId(calendar: CalendarEntry): string {
    return calendar.primary ? this.userEmail : calendar.key;
  }

  /** The address that is "self" on a calendar's events: the account on the primary, the calendar's id elsewhere. */
  ownerEmail(calendar: CalendarEntry): string {
    return this.publicId(calendar).toLowerCase();
  }
}
