/** Working hours as instants: each weekday's wall-clock ranges placed on real dates in the schedule's own zone. */
import { parseClock } from '../../contract/booking-rules';
import { DAY, instantAtMinute, localDayOf } from '../time';
import { type Interval, WEEKDAYS, type WorkingSchedule } from '../types';

export { parseClock } from '../../contract/booking-rules';

/** Each weekday's usable ranges as wall minutes [from, to); an end not after the start runs into the next day. */
function parsedWeek(schedule: WorkingSchedule): [number, number][][] {
  return WEEKDAYS.map((weekday) =>
    (schedule.week[weekday] ?? []).flatMap((hours): [number, number][] => {
      const from = parseClock(hours.start);
      const to = parseClock(hours.end);
      if (from === undefined || to === undefined || from >= 24 * 60) return [];
      return [[from, to > from ? to : to + 24 * 60]];
    }),
  );
}

/**
 * Working time overlapping `range`, clipped to it: sorted, disjoint, touching ranges merged (so 09:00–12:00 plus
 * 12:00–17:00 is one window). Wall times follow the DST rules of domain/time: a repeated one is its earlier instant,
 * a skipped one moves forward by the gap, and 00:00 / 24:00 are the day's first instant.
 */
export function workingWindows(schedule: WorkingSchedule, range: Interval): Interval[] {
  const zone = schedule.timeZone;
  const week = parsedWeek(schedule);
  const windows: Interval[] = [];
  // Local day numbers since 1970-01-01 (a Thursday); a day early, as an overnight range may reach into `range`.
  const lastDay = localDayOf(range.end, zone);
  for (let day = localDayOf(range.start, zone) - 1; day <= lastDay; day++) {
    for (const [from, to] of week[(((day + 3) % 7) + 7) % 7]!) {
      const start = Math.max(instantAtMinute(day, from, zone), range.start);
      const end = Math.min(instantAtMinute(day, to, zone), range.end);
      if (end > start) windows.push({ start, end });
    }
  }
  windows.sort((a, b) => a.start - b.start);
  const merged: Interval[] = [];
  for (const window of windows) {
    const last = merged[merged.length - 1];
    if (last && window.start <= last.end) last.end = Math.max(last.end, window.end);
    else merged.push(window);
  }
  return merged;
}

/** Whether `slot` lies wholly inside the working hours of `schedule`. */
export function withinWorkingHours(schedule: WorkingSchedule, slot: Interval): boolean {
  // Windows are merged before the test, so a slot spanning two touching ranges still counts.
  return workingWindows(schedule, { start: slot.start - DAY, end: slot.end + DAY }).some(
    (window) => window.start <= slot.start && slot.end <= window.end,
  );
}
