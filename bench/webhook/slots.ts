/** The free slots the bench books: harvested from get_availability answers, each handed out once. */
import { DateTime } from 'luxon';
import { EVENT_DAYS, ZONE } from './calendar';

export interface Slot {
  start: string;
  end: string;
}

/** A pool of offered slots not booked yet; a slot once taken is never offered again. */
export function slotPool() {
  const pool = new Map<string, Slot>();
  const used = new Set<string>();
  return {
    get size() {
      return pool.size;
    },
    /** Adds the slots of a get_availability result (skipping slots already taken). */
    add(result: Record<string, unknown> | undefined): void {
      for (const slot of (result?.slots as Slot[] | undefined) ?? [])
        if (!used.has(slot.start)) pool.set(slot.start, slot);
    },
    /**
     * Takes the latest start first: a slot near the minimum-notice
     * edge could turn "too soon" between offer and booking.
     */
    take(): Slot | undefined {
      let latest: Slot | undefined;
      for (const slot of pool.values()) if (!latest || Date.parse(slot.start) > Date.parse(latest.start)) latest = slot;
      if (!latest) return undefined;
      pool.delete(latest.start);
      used.add(latest.start);
      return latest;
    },
  };
}

/**
 * The get_availability arguments the bench cycles through:
 * the whole horizon, then each (day × part of day) from today.
 */
export function availabilityQueries(): Array<Record<string, unknown>> {
  const today = DateTime.now().setZone(ZONE).startOf('day');
  const queries: Array<Record<string, unknown>> = [
    {},
    { time_of_day: 'morning' },
    { time_of_day: 'afternoon' },
    { time_of_day: 'evening' },
  ];
  for (let d = 0; d <= EVENT_DAYS; d++) {
    const date = today.plus({ days: d }).toISODate()!;
    queries.push(
      { date },
      { date, time_of_day: 'morning' },
      { date, time_of_day: 'afternoon' },
      { date, time_of_day: 'evening' },
    );
  }
  return queries;
}
