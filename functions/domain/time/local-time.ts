/**
 * Wall time → instant, the one place where DST gaps and overlaps are resolved, by fixed rules that never look at the
 * machine's clock (luxon's own resolution guesses with the offset of *now*, so January and July disagree):
 * - a wall time the clocks show twice (fall-back) is its earlier instant;
 * - a wall time the clocks skip (spring-forward) moves forward by the length of the gap;
 * - a local day starts at its first existing instant (its midnight, or the end of a gap that swallowed it).
 * Wall times are encoded as the epoch ms of the same reading in UTC; local days as day numbers since 1970-01-01.
 */
import { DAY, MINUTE, offsetMinutes, wallMs } from './zone-offsets';

/**
 * The instant at which the wall clock in `zone` first reads `wall`. A reading the clocks skip has no instant: `exists`
 * is false and `ms` is where the reading lands shifted forward by the gap.
 */
export function instantOfWall(wall: number, zone: string): { ms: number; exists: boolean } {
  // Offsets a day either side bracket any change near `wall`.
  const candidates = [wall - DAY, wall, wall + DAY].map((t) => wall - offsetMinutes(t, zone) * MINUTE);
  let first = Number.POSITIVE_INFINITY;
  for (const t of candidates) if (wallMs(t, zone) === wall && t < first) first = t;
  return first < Number.POSITIVE_INFINITY
    ? { ms: first, exists: true }
    : { ms: Math.max(...candidates), exists: false };
}

/** The instant of wall time `wall` in `zone` under the rules above. */
export function resolveWall(wall: number, zone: string): number {
  return instantOfWall(wall, zone).ms;
}

/** The local day number (days since 1970-01-01) of instant `ms` in `zone`. */
export function localDayOf(ms: number, zone: string): number {
  return Math.floor(wallMs(ms, zone) / DAY);
}

/** The first existing instant of local day `day` in `zone`. */
export function dayStart(day: number, zone: string): number {
  const midnight = day * DAY;
  const found = instantOfWall(midnight, zone);
  if (found.exists) return found.ms;
  // Midnight fell in a gap: the day begins where the gap ends, the first instant whose reading is past midnight.
  // Between the two candidate instants the reading rises across exactly one change: bisect in whole seconds (zones
  // change on whole seconds) keeping reading(lo) < midnight <= reading(hi).
  const before = Math.max(...[midnight - DAY, midnight + DAY].map((t) => offsetMinutes(t, zone)));
  let lo = Math.floor((midnight - before * MINUTE) / 1000);
  let hi = Math.ceil(found.ms / 1000);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (wallMs(mid * 1000, zone) >= midnight) hi = mid;
    else lo = mid;
  }
  return hi * 1000;
}

/** The first instant of the local day containing `ms`. */
export function startOfLocalDay(ms: number, zone: string): number {
  return dayStart(localDayOf(ms, zone), zone);
}

/** The instant `minutes` after the start of local day `day` by the wall clock (0 and 1440 are day starts). */
export function instantAtMinute(day: number, minutes: number, zone: string): number {
  if (minutes % 1440 === 0) return dayStart(day + minutes / 1440, zone);
  return resolveWall(day * DAY + minutes * MINUTE, zone);
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
