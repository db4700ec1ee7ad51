/** Picking the few slots worth saying out loud from the many that are free. */
import type { Interval, Slot } from '../types';
import { MINUTE, wallMs } from '../time';

const HALF_DAY = 12 * 60 * MINUTE;

/** Local date + AM/PM of an instant, as one number (cheap: no luxon per slot). */
function halfDayOf(ms: number, zone: string): number {
  return Math.floor(wallMs(ms, zone) / HALF_DAY);
}

/**
 * Up to `max` slots ordered by start: the earliest first, then the first slot of each further half-day (local date +
 * AM/PM). When there are fewer half-days than `max`, the rest are filled from the remaining slots, each time taking
 * the one farthest from those picked, so a caller hears "12:00, 2:00, or 4:30" rather than three back-to-back times.
 */
export function spreadOptions(slots: readonly Slot[], zone: string, max = 3): Slot[] {
  if (!slots.length || max <= 0) return [];
  const picked = new Set<number>([0]);
  const seen = new Set<number>([halfDayOf(slots[0]!.start, zone)]);
  for (let i = 1; i < slots.length && picked.size < max; i++) {
    const key = halfDayOf(slots[i]!.start, zone);
    if (!seen.has(key)) {
      seen.add(key);
      picked.add(i);
    }
  }
  while (picked.size < Math.min(max, slots.length)) picked.add(farthestFrom(slots, picked));
  return [...picked].sort((a, b) => a - b).map((i) => slots[i]!);
}

/**
 * The unpicked slot whose start is farthest from every picked start (ties to the earlier). Only runs on few half-days.
 */
function farthestFrom(slots: readonly Slot[], picked: ReadonlySet<number>): number {
  let best = -1;
  let bestGap = -1;
  for (let i = 0; i < slots.length; i++) {
    if (picked.has(i)) continue;
    let gap = Infinity;
    for (const p of picked) gap = Math.min(gap, Math.abs(slots[i]!.start - slots[p]!.start));
    if (gap > bestGap) {
      best = i;
      bestGap = gap;
    }
  }
  return best;
}

/** Distance from a slot's start to `target` (zero inside it). */
function distance(slot: Slot, target: Interval): number {
  if (slot.start < target.start) return target.start - slot.start;
  return slot.start < target.end ? 0 : slot.start - target.end;
}

/**
 * The `max` slots (ascending `slots`) whose starts are nearest to `target` — an instant (start = end) or a window —
 * ties going to the earlier slot; returned in start order. O(log n + max).
 */
export function nearestSlots(slots: readonly Slot[], target: Interval, max = 3): Slot[] {
  let lo = 0;
  let hi = slots.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (slots[mid]!.start < target.start) lo = mid + 1;
    else hi = mid;
  }
  const chosen: Slot[] = [];
  let left = lo - 1;
  let right = lo;
  while (chosen.length < max && (left >= 0 || right < slots.length)) {
    const takeLeft =
      right >= slots.length || (left >= 0 && distance(slots[left]!, target) <= distance(slots[right]!, target));
    chosen.push(takeLeft ? slots[left--]! : slots[right++]!);
  }
  return chosen.sort((a, b) => a.start - b.start);
}

/**
 * Alternatives for a window that has nothing free: the latest opening before it and the earliest after it (a caller
 * who wanted Wednesday hears "Tuesday … or Thursday …"), then the nearest others; returned in start order.
 */
export function aroundWindow(slots: readonly Slot[], window: Interval, max = 3): Slot[] {
  const pool = nearestSlots(slots, window, max * 4);
  const before = pool.filter((slot) => slot.start < window.start).at(-1);
  const after = pool.find((slot) => slot.start >= window.end);
  const chosen = [before, after].filter((slot): slot is Slot => slot !== undefined);
  const byDistance = nearestSlots(slots, window, max * 2).sort(
    (a, b) => distance(a, window) - distance(b, window) || a.start - b.start,
  );
  for (const slot of byDistance) {
    if (chosen.length >= max) break;
    if (!chosen.includes(slot)) chosen.push(slot);
  }
  return chosen.slice(0, max).sort((a, b) => a.start - b.start);
}
