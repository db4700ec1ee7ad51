/** Which calendar entries block bookable time, as sorted, disjoint intervals widened by the buffer. */
import type { AvailabilityRules, CalendarEntry, Interval } from '../types';
import { dayStart, MINUTE, parseDate } from '../time';

/** Whether an entry makes its time unavailable (tentative ones when the rules say so). */
export function blocksTime(
  entry: Pick<CalendarEntry, 'availability' | 'isCancelled'>,
  tentativeBlocks: boolean,
): boolean {
  if (entry.isCancelled) return false;
  if (entry.availability === 'free') return false;
  return entry.availability === 'tentative' ? tentativeBlocks : true;
}

type MidnightCache = Map<string, number | undefined>;

/** The first instant of a local date (its midnight, or the end of a DST gap that swallowed midnight). */
function localDayStart(date: string, zone: string, cache: MidnightCache): number | undefined {
  if (cache.has(date)) return cache.get(date);
  const day = parseDate(date);
  const ms = day === undefined ? undefined : dayStart(day, zone);
  cache.set(date, ms);
  return ms;
}

/**
 * The instants an entry occupies. All-day entries cover the owner's whole local dates as the provider wrote them,
 * whatever zone the provider expressed their instants in, from the first instant of the first date to the first
 * instant of the end date (so a day whose midnight a DST gap swallowed neither loses an hour nor overlaps the next).
 */
export function occupiedInterval(entry: CalendarEntry, zone: string, cache: MidnightCache = new Map()): Interval {
  if (entry.isAllDay && entry.allDay) {
    const start = localDayStart(entry.allDay.startDate, zone, cache);
    const end = localDayStart(entry.allDay.endDate, zone, cache);
    if (start !== undefined && end !== undefined && end > start) return { start, end };
  }
  return { start: entry.start, end: entry.end };
}

/**
 * Busy time of `entries` under `rules`, each widened by the buffer, as sorted, disjoint intervals (touching ones
 * merged). Starts and ends are sorted separately as numbers and swept with a depth counter: the union is the same as
 * merging sorted pairs, and a typed-array sort of plain numbers is several times faster than sorting objects.
 */
export function busyIntervals(
  entries: readonly CalendarEntry[],
  rules: Pick<AvailabilityRules, 'timeZone' | 'bufferMinutes' | 'tentativeBlocks'>,
): Interval[] {
  const buffer = Math.max(0, rules.bufferMinutes) * MINUTE;
  // All-day entries cluster on few dates; resolving a date's first instant is the costly part of this loop.
  const cache: MidnightCache = new Map();
  const starts = new Float64Array(entries.length);
  const ends = new Float64Array(entries.length);
  let n = 0;
  for (const entry of entries) {
    if (!blocksTime(entry, rules.tentativeBlocks)) continue;
    const { start, end } = occupiedInterval(entry, rules.timeZone, cache);
    if (!Number.isFinite(start) || !Number.isFinite(end) || end < start || end + buffer <= start - buffer) continue;
    starts[n] = start - buffer;
    ends[n++] = end + buffer;
  }
  const s = starts.subarray(0, n).sort();
  const e = ends.subarray(0, n).sort();
  const merged: Interval[] = [];
  let depth = 0;
  let open = 0;
  for (let i = 0, j = 0; i < n; ) {
    // On a tie the start goes first, so intervals that touch merge.
    if (s[i]! <= e[j]!) {
      if (depth++ === 0) open = s[i]!;
      i++;
    } else {
      if (--depth === 0) merged.push({ start: open, end: e[j]! });
      j++;
    }
  }
  if (n) merged.push({ start: open, end: e[n - 1]! });
  return merged;
}

/** Whether `slot` overlaps any of the sorted, disjoint `busy` intervals (binary search). */
export function overlapsBusy(busy: readonly Interval[], slot: Interval): boolean {
  let lo = 0;
  let hi = busy.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (busy[mid]!.end <= slot.start) lo = mid + 1;
    else hi = mid;
  }
  return lo < busy.length && busy[lo]!.start < slot.end;
}
