/** Shared builders for the availability tests: rules, entries and local-time helpers with a fixed clock. */
import { DateTime } from 'luxon';
import { instantOfLocalText } from '../../../functions/domain/time';
import type { AvailabilityRules, CalendarEntry, Slot, TimeOfDayRange, Weekday } from '../../../functions/domain/types';

export const NY = 'America/New_York';
export const LONDON = 'Europe/London';

export const WEEK: Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** The same hours on each of `days` (default Monday to Friday). */
export function hours(
  start = '09:00',
  end = '17:00',
  days: Weekday[] = WEEK.slice(0, 5),
): Partial<Record<Weekday, TimeOfDayRange[]>> {
  return Object.fromEntries(days.map((day) => [day, [{ start, end }]]));
}

/** Default rules (Mon–Fri 09:00–17:00, 30 min slots, 2 h notice, 14 days) in `zone`, with overrides. */
export function rules(overrides: Partial<AvailabilityRules> = {}, zone = NY): AvailabilityRules {
  return {
    timeZone: zone,
    working: { timeZone: zone, week: hours() },
    slotMinutes: 30,
    intervalMinutes: 30,
    bufferMinutes: 0,
    minNoticeMinutes: 120,
    horizonDays: 14,
    tentativeBlocks: true,
    ...overrides,
  };
}

/** Rules working around the clock every day. */
export function roundTheClock(zone: string, overrides: Partial<AvailabilityRules> = {}): AvailabilityRules {
  return rules({ working: { timeZone: zone, week: hours('00:00', '24:00', WEEK) }, ...overrides }, zone);
}

/** Epoch ms of a local wall time such as "2026-11-24T14:00" (the product's own DST rules, whatever the clock says). */
export function at(local: string, zone = NY): number {
  const ms = instantOfLocalText(local, zone);
  if (ms === undefined) throw new Error(`not a local date-time: ${local}`);
  return ms;
}

/** Monday, November 23, 2026, 08:00 in New York: the fixed "now" of most tests. */
export const NOW = at('2026-11-23T08:00');

/** A busy entry between two local wall times. */
export function entry(
  startLocal: string,
  endLocal: string,
  extra: Partial<CalendarEntry> = {},
  zone = NY,
): CalendarEntry {
  return {
    start: at(startLocal, zone),
    end: at(endLocal, zone),
    availability: 'busy',
    isCancelled: false,
    isAllDay: false,
    ...extra,
  };
}

/** Slot starts as local "yyyy-MM-dd HH:mm". */
export function localStarts(slots: readonly Slot[], zone = NY): string[] {
  return slots.map((slot) => DateTime.fromMillis(slot.start, { zone }).toFormat('yyyy-MM-dd HH:mm'));
}

/** Slot starts as UTC ISO strings. */
export function utcStarts(slots: readonly Slot[]): string[] {
  return slots.map((slot) => new Date(slot.start).toISOString());
}

/** The slots starting on a local date. */
export function onDate(slots: readonly Slot[], date: string, zone = NY): Slot[] {
  return slots.filter((slot) => DateTime.fromMillis(slot.start, { zone }).toISODate() === date);
}
