/** Wall-clock arithmetic in IANA zones, fast enough for sweeping months of slots: offsets are memoised per UTC day. */
import { DateTime, IANAZone } from 'luxon';

export const MINUTE = 60_000;
export const DAY = 86_400_000;

const zones = new Map<string, IANAZone>();

/** The luxon zone for an IANA name; throws RangeError for an unknown name (rules are validated before they get here). */
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

/**
 * The instant at which the wall clock in `zone` first reads `wall` (a wall-clock reading encoded as UTC epoch ms). A
 * reading the clocks skip has no instant: `exists` is false and `ms` is where the reading would land shifted forward.
 */
export function instantOfWall(wall: number, zone: string): { ms: number; exists: boolean } {
  // Offsets a day either side bracket any change near `wall`.
  const candidates = [wall - DAY, wall, wall + DAY].map((t) => wall - offsetMinutes(t, zone) * MINUTE);
  let first = Number.POSITIVE_INFINITY;
  for (const t of candidates) if (wallMs(t, zone) === wall && t < first) first = t;
  return first < Number.POSITIVE_INFINITY ? { ms: first, exists: true } : { ms: Math.max(...candidates), exists: false };
}

/** Minutes after local midnight of instant `ms` in `zone` (a repeated wall time gives the same answer both times). */
export function minuteOfDay(ms: number, zone: string): number {
  const wall = wallMs(ms, zone);
  return Math.floor((((wall % DAY) + DAY) % DAY) / MINUTE);
}

/** Whether `ms` is a whole minute whose local minute-of-day is a multiple of `intervalMinutes`. */
export function isAligned(ms: number, zone: string, intervalMinutes: number): boolean {
  return ms % MINUTE === 0 && minuteOfDay(ms, zone) % intervalMinutes === 0;
}

/** The local day `YYYY-MM-DD` in `zone` (its first instant), or undefined when malformed or impossible. */
export function parseLocalDate(text: string, zone: string): DateTime | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  const day = DateTime.fromISO(text, { zone });
  return day.isValid ? day.startOf('day') : undefined;
}

/** The first instant of the local day containing `ms`. */
export function startOfLocalDay(ms: number, zone: string): DateTime {
  return DateTime.fromMillis(ms, { zone }).startOf('day');
}

/**
 * Instants in [from, to] whose local minute-of-day is a multiple of `intervalMinutes`, ascending. A wall time that
 * happens twice (fall-back) yields both instants; one that never happens (spring-forward) yields none.
 */
export function alignedStarts(zone: string, intervalMinutes: number, from: number, to: number): number[] {
  const step = intervalMinutes * MINUTE;
  const out: number[] = [];
  if (!(step > 0) || !(to >= from)) return out;
  for (let midnight = Math.floor(wallMs(from, zone) / DAY) * DAY; ; midnight += DAY) {
    const dayStart = instantOfWall(midnight, zone).ms;
    if (dayStart > to) break;
    const before = offsetMinutes(dayStart, zone);
    const after = offsetMinutes(instantOfWall(midnight + DAY, zone).ms - 1, zone);
    if (before === after) {
      // No change today: wall time maps to instants by one fixed offset.
      const base = midnight - before * MINUTE;
      for (let k = Math.max(0, Math.ceil((from - base) / step)); k * step < DAY; k++) {
        const t = base + k * step;
        if (t > to) break;
        out.push(t);
      }
    } else {
      out.push(...changeDayStarts(zone, midnight, step, [before, after], from, to));
    }
  }
  return out;
}

/** A DST day: each aligned wall time is tried under both of the day's offsets and kept where that offset is real. */
function changeDayStarts(zone: string, midnight: number, step: number, offsets: number[], from: number, to: number): number[] {
  const found: number[] = [];
  for (let wall = midnight; wall < midnight + DAY; wall += step) {
    for (const offset of offsets) {
      const t = wall - offset * MINUTE;
      if (t >= from && t <= to && offsetMinutes(t, zone) === offset) found.push(t);
    }
  }
  return found.sort((a, b) => a - b);
}
