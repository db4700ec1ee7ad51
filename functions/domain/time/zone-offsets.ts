/**
 * UTC offsets of IANA zones at instants, from the runtime's own zone data (Intl). An instant has exactly one
 * offset, so nothing here depends on the day the process runs; wall times (which may be ambiguous or missing) are
 * resolved in local-time.ts.
 */
import { isTimeZone } from '../../contract/booking-rules';

export const MINUTE = 60_000;
export const DAY = 86_400_000;

/** Bound on every per-name memory here: names may come from outside (a mailbox's settings, an admin's input). */
const MAX_NAMES = 1_000;

const known = new Map<string, boolean>();

/**
 * Whether `name` is an IANA zone this runtime knows (aliases such as Europe/Kiev included). Remembered per name:
 * each check builds an Intl.DateTimeFormat (~0.1 ms), and a calendar read checks every event's zone.
 */
export function isKnownZone(name: string): boolean {
  let valid = known.get(name);
  if (valid === undefined) {
    valid = isTimeZone(name);
    if (known.size >= MAX_NAMES) known.clear();
    known.set(name, valid);
  }
  return valid;
}

/** Readers by the runtime's own spelling of a zone, and that spelling by every name it was asked under. */
const formats = new Map<string, Intl.DateTimeFormat>();
const spellings = new Map<string, string>();

/**
 * The runtime's own spelling of `zone`; throws RangeError for an unknown name. Readers and day memories are kept per
 * zone, not per spelling: names come from outside in any letter case, and each must not cost a reader of its own.
 */
function canonicalOf(zone: string): string {
  const known = spellings.get(zone);
  if (known !== undefined) return known;
  // 24-hour, with the era: what intlOffset reads.
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: zone,
    hourCycle: 'h23',
    era: 'short',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
  const canonical = format.resolvedOptions().timeZone;
  if (spellings.size >= MAX_NAMES) spellings.clear();
  spellings.set(zone, canonical);
  if (!formats.has(canonical)) formats.set(canonical, format);
  return canonical;
}

/** The offset in minutes at `ms` of a zone in its `canonical` spelling, asked of Intl: its wall reading minus `ms`. */
function intlOffset(ms: number, canonical: string): number {
  const fields: Record<string, number> = {};
  let bc = false;
  for (const { type, value } of formats.get(canonical)!.formatToParts(ms)) {
    if (type === 'era') bc = value === 'BC' || value === 'B';
    else if (type !== 'literal') fields[type] = Number(value);
  }
  const wall = new Date(0);
  // setUTCFullYear, not Date.UTC: that one reads years 0-99 as 1900-1999. Intl writes 1 BC as year 1, era BC.
  wall.setUTCFullYear(bc ? 1 - fields.year! : fields.year!, fields.month! - 1, fields.day!);
  wall.setUTCHours(fields.hour!, fields.minute!, fields.second!, 0);
  // Intl reads whole seconds: compare with the instant's own whole second (rounded down, also before 1970).
  return (wall.getTime() - (ms - (((ms % 1000) + 1000) % 1000))) / MINUTE;
}

/** Per zone: UTC day number → the offset if it is the same at both ends of that day, else NaN (a change day). */
const dayOffsets = new Map<string, Map<number, number>>();

/**
 * The UTC offset in minutes of `zone` at instant `ms`; throws RangeError for an unknown zone (rules are validated
 * before they get here). Asking Intl takes microseconds; a UTC day whose two ends share an offset is taken as
 * constant (zones change at most once a day), so most lookups are one Map read.
 */
export function offsetMinutes(ms: number, zone: string): number {
  if (zone === 'UTC') return 0;
  const canonical = canonicalOf(zone);
  let days = dayOffsets.get(canonical);
  if (!days || days.size > 50_000) dayOffsets.set(canonical, (days = new Map()));
  const day = Math.floor(ms / DAY);
  let offset = days.get(day);
  if (offset === undefined) {
    const start = intlOffset(day * DAY, canonical);
    offset = start === intlOffset(day * DAY + DAY - 1, canonical) ? start : Number.NaN;
    days.set(day, offset);
  }
  return Number.isNaN(offset) ? intlOffset(ms, canonical) : offset;
}

/** The wall-clock reading of instant `ms` in `zone`, encoded as the epoch ms of that same reading in UTC. */
export function wallMs(ms: number, zone: string): number {
  return ms + offsetMinutes(ms, zone) * MINUTE;
}
