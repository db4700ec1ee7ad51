/** The mailbox's calendars: its default one, others it owns, and calendars other people shared with it. */
import { createHash } from 'node:crypto';
import type { GraphEventInput } from '../calendar-schema';
import type { MailboxUser } from '../context';
import { DEFAULT_CALENDAR_NAME } from '../file-rules';
import type { OfferedProvider, SandboxCalendar, SandboxCalendarFile } from '../file-schema';
import { DEFAULT_ONLINE_PROVIDERS } from './online-meeting';

/** One calendar as the emulator serves it. */
export interface MailboxCalendar {
  /** Stable for the same mailbox and name, so a dump loaded again keeps its calendar ids. */
  id: string;
  name: string;
  isDefault: boolean;
  canEdit: boolean;
  /** The mailbox itself, or whoever shared the calendar. */
  owner: { name: string; address: string };
  shared: boolean;
  /** The file's own `shared` value, written back as given by dumps. */
  sharedSpec?: SandboxCalendar['shared'];
  /** allowedOnlineMeetingProviders: the file's list, else DEFAULT_ONLINE_PROVIDERS (the first is the default one). */
  onlineProviders: readonly OfferedProvider[];
  /** Whether the file gave the list (dumps write it back only then). */
  onlineSpec: boolean;
}

// The file's allowedOnlineMeetingProviders of a calendar, resolved.
function online(spec: SandboxCalendar | undefined): Pick<MailboxCalendar, 'onlineProviders' | 'onlineSpec'> {
  const given = spec?.allowedOnlineMeetingProviders;
  return { onlineProviders: given ? [...given] : DEFAULT_ONLINE_PROVIDERS, onlineSpec: given !== undefined };
}

function calendarId(user: MailboxUser, name: string | undefined): string {
  // The default calendar's id depends on the mailbox only (it was the one calendar before several were served).
  const seed = name === undefined ? user.oid : `${user.oid}|${name.trim().toLowerCase()}`;
  return `AAMkAGI2Cal${createHash('sha256').update(seed).digest('base64url').slice(0, 24)}`;
}

function ownerOf(spec: SandboxCalendar['shared'], user: MailboxUser): MailboxCalendar['owner'] {
  if (typeof spec === 'object') return { name: spec.name ?? spec.address.split('@')[0]!, address: spec.address };
  if (spec) return { name: 'Calendar Owner', address: `calendar.owner@${user.mail.split('@')[1] ?? 'example.com'}` };
  return { name: user.displayName, address: user.mail };
}

/** The calendars of a (validated) file with their events: the default first, then the others in file order. */
export function calendarsOf(
  file: SandboxCalendarFile,
  user: MailboxUser,
): Array<{ calendar: MailboxCalendar; events: GraphEventInput[] }> {
  const listed = file.calendars ?? [];
  const chosen = listed.find((c) => c.isDefault);
  const base = { isDefault: true, canEdit: true, owner: ownerOf(undefined, user), shared: false };
  const id = calendarId(user, undefined);
  const first = chosen
    ? { calendar: { ...base, ...online(chosen), id, name: chosen.name }, events: chosen.events }
    : { calendar: { ...base, ...online(undefined), id, name: DEFAULT_CALENDAR_NAME }, events: file.events };
  const others = listed
    .filter((c) => c !== chosen)
    .map((c) => ({
      calendar: {
        id: calendarId(user, c.name),
        name: c.name,
        isDefault: false,
        canEdit: c.canEdit ?? true,
        owner: ownerOf(c.shared, user),
        shared: !!c.shared,
        ...(c.shared !== undefined ? { sharedSpec: c.shared } : {}),
        ...online(c),
      },
      events: c.events,
    }));
  return [first, ...others];
}

/** Lookups over the mailbox's calendars. */
export class MailboxCalendars {
  constructor(private readonly list: readonly MailboxCalendar[]) {}

  /** Every calendar, the default first. */
  all(): readonly MailboxCalendar[] {
    return this.list;
  }

  /** The default calendar (/me/calendar, /me/events). */
  default(): MailboxCalendar {
    return this.list.find((c) => c.isDefault)!;
  }

  /** A calendar by id (ids are case-sensitive, as Exchange's are). */
  byId(id: string): MailboxCalendar | undefined {
    return this.list.find((c) => c.id === id);
  }

  /** A calendar by name, case-insensitively (addEvent's way to name one). */
  byName(name: string): MailboxCalendar | undefined {
    return this.list.find((c) => c.name.toLowerCase() === name.trim().toLowerCase());
  }

  /** The ids of the calendars the mailbox owns (what its free/busy is made of). */
  ownIds(): Set<string> {
    return new Set(this.list.filter((c) => !c.shared).map((c) => c.id));
  }
}
