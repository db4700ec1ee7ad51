/** Candidate slot starts: instants whose local minute-of-day is a multiple of the slot interval. */
import { dayStart, DAY, localDayOf, MINUTE, offsetMinutes } from '../time';

/**
 * Instants in [from, to] whose local minute-of-day is a multiple of `intervalMinutes`, ascending. A wall time that
 * happens twice (fall-back) yields both instants; one that never happens (spring-forward) yields none.
 */
export function alignedStarts(zone: string, intervalMinutes: number, from: number, to: number): number[] {
  const step = intervalMinutes * MINUTE;
  const out: number[] = [];
  if (!(step > 0) || !(to >= from)) return out;
  for (let day = localDayOf(from, zone); ; day++) {
    const start = dayStart(day, zone);
    if (start > to) break;
    const midnight = day * DAY;
    const next = dayStart(day + 1, zone);
    const before = offsetMinutes(start, zone);
    const after = offsetMinutes(next - 1, zone);
    if (before === after) {
      // No change inside the day: wall time maps to instants by one fixed offset, but only within [start, next). A
      // gap at either edge (Santiago's midnight, Nuuk's 23:00 that jumps to the next day) belongs to no day: its wall
      // times mapped by this offset would repeat the neighbouring day's instants.
      const base = midnight - before * MINUTE;
      for (let k = Math.max(0, Math.ceil((Math.max(from, start) - base) / step)); k * step < DAY; k++) {
        const t = base + k * step;
        if (t > to || t >= next) break;
        out.push(t);
      }
    } else {
      out.push(...changeDayStarts(zone, midnight, step, [before, after], from, to));
    }
  }
  return out;
}

/** A DST day: each aligned wall time is tried under both of the day's offsets and kept where that offset is real. */
function changeDayStarts(
  zone: string,
  midnight: number,
  step: number,
  offsets: number[],
  from: number,
  to: number,
): number[] {
  const found: number[] = [];
  for (let wall = midnight; wall < midnight + DAY; wall += step) {
    for (const offset of offsets) {
      const t = wall - offset * MINUTE;
      if (t >= from && t <= to && offsetMinutes(t, zone) === offset) found.push(t);
    }
  }
  return found.sort((a, b) => a - b);
}
