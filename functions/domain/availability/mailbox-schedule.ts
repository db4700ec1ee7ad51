/** The owner's zone and working hours from Outlook mailbox settings, where Windows zone names are the norm. */
import { toIanaZone } from '../time-zones';
import type { MailboxSettings, TimeOfDayRange, Weekday, WorkingSchedule } from '../types';
import { WEEKDAYS } from './working-hours';

export interface OwnerSchedule {
  /** The owner's IANA zone. */
  timeZone: string;
  working: WorkingSchedule;
  /** False when the mailbox had no usable working hours and the fallback's were used (moved into the owner's zone). */
  workingFromMailbox: boolean;
}

/** "08:00:00.0000000" (Graph's form) or "08:00" to "HH:mm"; undefined when malformed. */
function clockOf(text: string | undefined): string | undefined {
  const match = /^(\d{2}):(\d{2})(?::\d{2}(?:\.\d+)?)?$/.exec(text?.trim() ?? '');
  return match && Number(match[1]) < 24 && Number(match[2]) < 60 ? `${match[1]}:${match[2]}` : undefined;
}

function workingFrom(hours: NonNullable<MailboxSettings['workingHours']>, mailboxZone: string): WorkingSchedule | undefined {
  const days = [...new Set((hours.daysOfWeek ?? []).map((day) => day.trim().toLowerCase()))]
    .filter((day): day is Weekday => (WEEKDAYS as readonly string[]).includes(day));
  const start = clockOf(hours.startTime);
  let end = clockOf(hours.endTime);
  // Outlook writes a working day that runs to midnight as an end of 00:00.
  if (end === '00:00' && start !== '00:00') end = '24:00';
  if (!days.length || !start || !end || end <= start) return undefined;
  // A custom zone carries only bias rules we do not model; the mailbox's own zone is the best stand-in.
  const custom = /customTimeZone/i.test(hours.timeZone?.['@odata.type'] ?? '');
  const timeZone = (!custom && toIanaZone(hours.timeZone?.name)) || mailboxZone;
  const range: TimeOfDayRange = { start, end };
  return { timeZone, week: Object.fromEntries(days.map((day) => [day, [{ ...range }]])) };
}

/**
 * The owner's zone (mailbox timeZone, Windows or IANA, else the fallback's) and working hours (mailbox workingHours,
 * else the fallback's weekly hours read in the owner's zone, because "9 to 5" means the owner's 9 to 5).
 */
export function scheduleFromMailbox(
  settings: MailboxSettings | null | undefined,
  fallback: { timeZone: string; working: WorkingSchedule },
): OwnerSchedule {
  const timeZone = toIanaZone(settings?.timeZone) ?? fallback.timeZone;
  const working = settings?.workingHours ? workingFrom(settings.workingHours, timeZone) : undefined;
  if (working) return { timeZone, working, workingFromMailbox: true };
  return { timeZone, working: { ...fallback.working, timeZone }, workingFromMailbox: false };
}
