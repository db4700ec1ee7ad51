/** Free slots: aligned candidate starts within working hours, swept once against merged busy time. */
import type { AvailabilityRules, CalendarEntry, Interval, Slot } from '../types';
import { busyIntervals } from './busy';
import { dayStart, DAY, localDayOf, MINUTE } from '../time';
import { alignedStarts } from './aligned-starts';
import { workingWindows } from './working-hours';

/** When a slot may start: from now plus the minimum notice, up to the end of the horizon's last local day. */
export interface BookingWindow {
  /** Earliest allowed start (epoch ms). */
  earliest: number;
  /** Starts must be before this instant: the end of local day today + horizonDays. */
  horizonEnd: number;
  /** The owner's local today and last bookable day, as day numbers (days since 1970-01-01). */
  today: number;
  lastDay: number;
}

/** The booking window for `rules` at `now`; the horizon counts whole local days, today being day 0. */
export function bookingWindow(rules: AvailabilityRules, now: number): BookingWindow {
  const today = localDayOf(now, rules.timeZone);
  const lastDay = today + Math.max(0, rules.horizonDays);
  return {
    earliest: now + Math.max(0, rules.minNoticeMinutes) * MINUTE,
    horizonEnd: dayStart(lastDay + 1, rules.timeZone),
    today,
    lastDay,
  };
}

/** Longest viewing the engine accepts; longer (or non-positive, non-finite) requests fall back to the rules. */
export const MAX_SLOT_MINUTES = 24 * 60;

/** The slot length in minutes for an optional requested duration. */
export function slotMinutesFor(rules: AvailabilityRules, durationMinutes?: number): number {
  if (durationMinutes === undefined || !Number.isFinite(durationMinutes)) return rules.slotMinutes;
  const minutes = Math.round(durationMinutes);
  return minutes >= 1 && minutes <= MAX_SLOT_MINUTES ? minutes : rules.slotMinutes;
}

/**
 * The instants to ask the provider for so one fetch serves any request up to MAX_SLOT_MINUTES long: every candidate
 * slot plus its buffers, and a day of margin either side because providers may express all-day entries in a zone
 * other than the owner's.
 */
export function searchRange(input: { rules: AvailabilityRules; now: number; durationMinutes?: number }): Interval {
  const { rules, now } = input;
  const { earliest, horizonEnd } = bookingWindow(rules, now);
  const buffer = Math.max(0, rules.bufferMinutes) * MINUTE;
  const longest = Math.max(slotMinutesFor(rules, input.durationMinutes), rules.slotMinutes) * MINUTE;
  return { start: earliest - buffer - DAY, end: horizonEnd + longest + buffer + DAY };
}

/** Every free slot from `now` on, ascending. O(n log n) in entries plus linear in candidate slots. */
export function freeSlots(
  rules: AvailabilityRules,
  entries: readonly CalendarEntry[],
  now: number,
  durationMinutes?: number,
): Slot[] {
  const length = slotMinutesFor(rules, durationMinutes) * MINUTE;
  const { earliest, horizonEnd } = bookingWindow(rules, now);
  const busy = busyIntervals(entries, rules);
  const windows = workingWindows(rules.working, { start: earliest, end: horizonEnd + length });
  const slots: Slot[] = [];
  let b = 0;
  for (const window of windows) {
    const last = Math.min(window.end - length, horizonEnd - 1);
    for (const start of alignedStarts(rules.timeZone, rules.intervalMinutes, Math.max(window.start, earliest), last)) {
      const end = start + length;
      // Candidates ascend, so busy intervals that ended before this one can never matter again.
      while (b < busy.length && busy[b]!.end <= start) b++;
      if (b < busy.length && busy[b]!.start < end) continue;
      slots.push({ start, end });
    }
  }
  return slots;
}
