/** Booking rules from configuration: default zone and working hours, slot length, interval, buffer, notice, horizon. */
import {
  type AvailabilityRules,
  isTimeZone,
  parseClock,
  type TimeOfDayRange,
  WEEKDAYS,
  type Weekday,
  type WorkingSchedule,
} from './booking-rules';
import { boolean, ConfigError, gather, integer, orDefault, type Env } from './env';

/** Parses "mon-fri 09:00-17:00; sat 10:00-14:00" into weekly working hours. */
export function parseWorkingHours(spec: string, timeZone: string, variable = 'DEFAULT_WORKING_HOURS'): WorkingSchedule {
  const week: Partial<Record<Weekday, TimeOfDayRange[]>> = {};
  for (const part of spec
    .split(';')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([a-z]{3})(?:-([a-z]{3}))?\s+(\d{2}:\d{2})-(\d{2}:\d{2})$/i.exec(part);
    const from = WEEKDAYS.findIndex((d) => d.startsWith(match?.[1]?.toLowerCase() ?? '#'));
    const to = match?.[2] ? WEEKDAYS.findIndex((d) => d.startsWith(match[2]!.toLowerCase())) : from;
    const [start, end] = [parseClock(match?.[3] ?? ''), parseClock(match?.[4] ?? '')];
    if (!match || from < 0 || to < from || start === undefined || end === undefined || start >= end) {
      throw new ConfigError(`${variable} must look like "mon-fri 09:00-17:00; sat 10:00-14:00", got "${spec}"`);
    }
    for (let i = from; i <= to; i++) (week[WEEKDAYS[i]!] ??= []).push({ start: match[3]!, end: match[4]! });
  }
  if (!Object.keys(week).length) {
    throw new ConfigError(`${variable} must look like "mon-fri 09:00-17:00; sat 10:00-14:00", got "${spec}"`);
  }
  return { timeZone, week };
}

/** Booking rules from configuration (the domain's AvailabilityRules shape). */
export type BookingDefaults = AvailabilityRules;

/** The default zone: an IANA name (aliases such as Europe/Kiev are fine). */
function readTimeZone(env: Env): string {
  const timeZone = env.DEFAULT_TIME_ZONE?.trim() || 'America/New_York';
  if (!isTimeZone(timeZone)) {
    throw new ConfigError(`DEFAULT_TIME_ZONE must be an IANA time zone such as America/New_York, got "${timeZone}"`);
  }
  return timeZone;
}

/** Booking rules used when the mailbox does not say otherwise; every bad variable is reported at once. */
export function readBookingDefaults(env: Env): BookingDefaults {
  const timeZone = () => readTimeZone(env);
  const slotMinutes = () => integer(env, 'SLOT_MINUTES', 30, 5, 480);
  const hours = env.DEFAULT_WORKING_HOURS?.trim() || 'mon-fri 09:00-17:00';
  return gather<BookingDefaults>({
    timeZone,
    // A bad zone or slot length is reported by its own reader; the values that depend on it are still checked.
    working: () => parseWorkingHours(hours, orDefault(timeZone, 'UTC')),
    slotMinutes,
    intervalMinutes: () => integer(env, 'SLOT_INTERVAL_MINUTES', orDefault(slotMinutes, 30), 5, 480),
    bufferMinutes: () => integer(env, 'BUFFER_MINUTES', 0, 0, 240),
    minNoticeMinutes: () => integer(env, 'MIN_NOTICE_MINUTES', 120, 0, 60 * 24 * 30),
    horizonDays: () => integer(env, 'HORIZON_DAYS', 14, 1, 365),
    tentativeBlocks: () => boolean(env, 'TENTATIVE_BLOCKS', true),
  });
}
