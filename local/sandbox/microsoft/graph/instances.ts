/** What calendarView and getSchedule see: single events plus expanded occurrences, as local times and instants. */
import type { DateTime } from 'luxon';
import type { EventStore, StoredEvent } from './event-store';
import { expandRecurrence } from './recurrence';
import { localOf } from './time';

export interface Instance {
  event: StoredEvent;
  id: string;
  type: 'singleInstance' | 'occurrence' | 'seriesMaster';
  seriesMasterId: string | null;
  /** Local start/end in the event's own zones (all-day events: midnights of that zone). */
  start: DateTime;
  end: DateTime;
}

/** Occurrence ids are the master id plus the local date, so they are stable and resolvable. */
export function occurrenceId(masterId: string, start: DateTime): string {
  return `${masterId}_${start.toFormat('yyyyLLdd')}`;
}

/** The event itself as an instance (a single event, or a series master). */
export function ownInstance(event: StoredEvent): Instance {
  return {
    event,
    id: event.id,
    type: event.input.recurrence ? 'seriesMaster' : 'singleInstance',
    seriesMasterId: null,
    start: localOf(event.input.start),
    end: localOf(event.input.end),
  };
}

/** Whether [start, end) overlaps [from, to); a zero-length event counts when it starts inside. */
function overlaps(start: number, end: number, from: number, to: number): boolean {
  return start < to && (end > from || (start === end && start >= from));
}

/** Single events and occurrences overlapping [fromMs, toMs), ordered by start, then end, then id. */
export function instancesIn(store: EventStore, fromMs: number, toMs: number): Instance[] {
  const out: Instance[] = [];
  for (const event of store.all()) {
    const { recurrence, start, end } = event.input;
    if (!recurrence) {
      const own = ownInstance(event);
      if (overlaps(own.start.toMillis(), own.end.toMillis(), fromMs, toMs)) out.push(own);
      continue;
    }
    for (const occ of expandRecurrence(start, end, recurrence, fromMs, toMs)) {
      out.push({ event, id: occurrenceId(event.id, occ.start), type: 'occurrence', seriesMasterId: event.id, start: occ.start, end: occ.end });
    }
  }
  return out.sort((a, b) => a.start.toMillis() - b.start.toMillis() || a.end.toMillis() - b.end.toMillis() || (a.id < b.id ? -1 : 1));
}

/** Resolves an event id or an occurrence id ("<masterId>_<yyyyMMdd>"). */
export function findInstance(store: EventStore, id: string): Instance | undefined {
  const event = store.get(id);
  if (event) return ownInstance(event);
  const match = /^(.+)_(\d{8})$/.exec(id);
  const master = match?.[1] ? store.get(match[1]) : undefined;
  if (!master?.input.recurrence) return undefined;
  const day = localOf(master.input.start).set({ year: Number(id.slice(-8, -4)), month: Number(id.slice(-4, -2)), day: Number(id.slice(-2)) });
  const from = day.startOf('day').toMillis();
  const occ = expandRecurrence(master.input.start, master.input.end, master.input.recurrence, from, day.endOf('day').toMillis())
    .find((o) => o.start.toFormat('yyyyLLdd') === id.slice(-8));
  return occ && { event: master, id, type: 'occurrence', seriesMasterId: master.id, start: occ.start, end: occ.end };
}
