/**
 * UTC offsets of IANA zones at instants. An instant has exactly one offset, so nothing here depends on the day the
 * process runs; wall times (which may be ambiguous or missing) are resolved in local-time.ts.
 */
import { IANAZone } from 'luxon';

export const MINUTE = 60_000;
export const DAY = 86_400_000;

const zones = new Map<string, IANAZone>();
const known = new Map<string, boolean>();

/**
 * Whether `name` is an IANA zone this runtime knows (aliases such as Europe/Kiev included). Remembered per name:
 * luxon builds an Intl.DateTimeFormat for every check (~0.1 ms), and a calendar read checks every event's zone. The
 * memory is bounded, since names may come from outside.
 */
export function isKnownZone(name: string): boolean {
  let valid = known.get(name);
  if (valid === undefined) {
    valid = IANAZone.isValidZone(name);
    if (known.size >= 1_000) known.clear();
    known.set(name, valid);
  }
  return valid;
}

/**
 * The luxon zone for an IANA name; throws RangeError for an unknown name (rules are validated before they get here).
 */
export function zoneOf(name: string): IANAZone {
  let zone = zones.get(name);
  if (!zone) {
    zone = IANAZone.create(name);
    if (!zone.isValid) throw new RangeError(`Unknown time zone "${name}"`);
    zones.set(name, zone);
  }
  return zone;
}

/** Per zone: UTC day number → the offset if it is the same at both ends of that day, else NaN (a change day). */
const dayOffsets = new Map<string, Map<number, number>>();

/**
 * The UTC offset in minutes of `zone` at instant `ms`. Luxon asks Intl each time (microseconds); a UTC day whose two
 * ends share an offset is taken as constant (zones change at most once a day), so most lookups are one Map read.
 */
export function offsetMinutes(ms: number, zone: string): number {
  let days = dayOffsets.get(zone);
  if (!days || days.size > 50_000) dayOffsets.set(zone, (days = new Map()));
  const day = Math.floor(ms / DAY);
  let offset = days.get(day);
  if (offset === undefined) {
    const tz = zoneOf(zone);
    const start = tz.offset(day * DAY);
    offset = start === tz.offset(day * DAY + DAY - 1) ? start : Number.NaN;
    days.set(day, offset);
  }
  return Number.isNaN(offset) ? zoneOf(zone).offset(ms) : offset;
}

/** The wall-clock reading of instant `ms` in `zone`, encoded as the epoch ms of that same reading in UTC. */
export function wallMs(ms: number, zone: string): number {
  return ms + offsetMinutes(ms, zone) * MINUTE;
}
