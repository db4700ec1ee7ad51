/** The owner's zone and working hours from Outlook mailbox settings (Windows zone names are the norm there). */
import type { Log } from '../../domain/ports';
import { WEEKDAYS, type OwnerSchedule, type TimeOfDayRange, type Weekday } from '../../domain/types';
import { toIanaZone } from './windows-zones';

/** Outlook mailbox settings as Graph returns them (only the fields we use). */
export interface MailboxSettings {
  timeZone?: string | null;
  workingHours?: {
    daysOfWeek?: string[];
    startTime?: string;
    endTime?: string;
    timeZone?: { name?: string | null; bias?: number; '@odata.type'?: string } | null;
  } | null;
}

/** "08:00:00.0000000" (Graph's form) or "08:00" to "HH:mm"; undefined when malformed. */
function clockOf(text: string | undefined): string | undefined {
  const match = /^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(text?.trim() ?? '');
  return match && Number(match[1]) < 24 && Number(match[2]) < 60 ? `${match[1]}:${match[2]}` : undefined;
}

/** An IANA zone for a mailbox zone name; a name we cannot map is logged (never a crash, never silently UTC). */
function zoneOf(name: string | null | undefined, field: string, log?: Pick<Log, 'warn'>): string | undefined {
  const zone = toIanaZone(name);
  if (!zone && typeof name === 'string' && name.trim()) {
    log?.warn('mailbox time zone is not a Windows or IANA zone we know; using the configured default', {
      field,
      zone: name,
    });
  }
  return zone;
}

function workingFrom(
  hours: NonNullable<MailboxSettings['workingHours']>,
  mailboxZone: string | undefined,
  log?: Pick<Log, 'warn'>,
): OwnerSchedule['working'] {
  const days = [...new Set((hours.daysOfWeek ?? []).map((day) => day.trim().toLowerCase()))].filter(
    (day): day is Weekday => (WEEKDAYS as readonly string[]).includes(day),
  );
  const start = clockOf(hours.startTime);
  let end = clockOf(hours.endTime);
  // Outlook writes a working day that runs to midnight as an end of 00:00.
  if (end === '00:00' && start !== '00:00') end = '24:00';
  if (!days.length || !start || !end || end <= start) return undefined;
  // A custom zone carries only bias rules we do not model; the mailbox's own zone is the best stand-in.
  const custom = /customTimeZone/i.test(hours.timeZone?.['@odata.type'] ?? '');
  const timeZone = (!custom && zoneOf(hours.timeZone?.name, 'workingHours.timeZone', log)) || mailboxZone;
  const range: TimeOfDayRange = { start, end };
  return { ...(timeZone ? { timeZone } : {}), week: Object.fromEntries(days.map((day) => [day, [{ ...range }]])) };
}

/**
 * The owner's IANA zone and working hours from mailbox settings; what is missing or unreadable is left out, so the
 * domain falls back to the configured defaults (hours without a zone are read in the owner's zone).
 */
export function ownerScheduleFromMailbox(
  settings: MailboxSettings | null | undefined,
  log?: Pick<Log, 'warn'>,
): OwnerSchedule {
  const timeZone = zoneOf(settings?.timeZone, 'timeZone', log);
  const working = settings?.workingHours ? workingFrom(settings.workingHours, timeZone, log) : undefined;
  return { ...(timeZone ? { timeZone } : {}), ...(working ? { working } : {}) };
}
