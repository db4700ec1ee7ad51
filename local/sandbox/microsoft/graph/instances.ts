/** What calendarView and getSchedule see: single events plus expanded occurrences, as instants and wall readings. */
import { dateText, DAY, parseDate, wallMs } from '../../../../functions/domain/time';
import type { EventStore, StoredEvent } from './event-store';
import { expandRecurrence } from './recurrence';
import { ianaOf, instantOf, wallOf } from './time';

export interface Instance {
  event: StoredEvent;
  id: string;
  type: 'singleInstance' | 'occurrence' | 'seriesMaster';
  seriesMasterId: string | null;
  /** Instants (all-day events: the first instants of their local dates in the event's own zone). */
  startMs: number;
  endMs: number;
  /** Wall readings in the event's own start zone: what an all-day event is relabelled with, never converted. */
  startWall: number;
  endWall: number;
}

/** Occurrence ids are the master id plus the local date, so they are stable and resolvable. */
export function occurrenceId(masterId: string, startWall: number): string {
  return `${masterId}_${dateText(Math.floor(startWall / DAY)).replace(/-/g, '')}`;
}

/** The event itself as an instance (a single event, or a series master). */
export function ownInstance(event: StoredEvent): Instance {
  const { start, end, recurrence } = event.input;
  const endMs = instantOf(end);
  return {
    event,
    id: event.id,
    type: recurrence ? 'seriesMaster' : 'singleInstance',
    seriesMasterId: null,
    startMs: instantOf(start),
    endMs,
    startWall: wallOf(start),
    endWall: start.timeZone === end.timeZone ? wallOf(end) : wallMs(endMs, ianaOf(start.timeZone)),
  };
}

/** Whether [start, end) overlaps [from, to); a zero-length event counts when it starts inside. */
function overlaps(start: number, end: number, from: number, to: number): boolean {
  return start < to && (end > from || (start === end && start >= from));
}

/** Single events and occurrences overlapping [fromMs, toMs) (of the given calendars), by start, end, then id. */
export function instancesIn(
  store: EventStore,
  fromMs: number,
  toMs: number,
  calendarIds?: ReadonlySet<string>,
): Instance[] {
  const out: Instance[] = [];
  for (const event of store.all(calendarIds)) {
    const { recurrence, start, end } = event.input;
    if (!recurrence) {
      const own = ownInstance(event);
      if (overlaps(own.startMs, own.endMs, fromMs, toMs)) out.push(own);
      continue;
    }
    for (const occ of expandRecurrence(start, end, recurrence, fromMs, toMs)) {
      out.push({
        event,
        id: occurrenceId(event.id, occ.startWall),
        type: 'occurrence',
        seriesMasterId: event.id,
        ...occ,
      });
    }
  }
  return out.sort((a, b) => a.startMs - b.startMs || a.endMs - b.endMs || (a.id < b.id ? -1 : 1));
}

/** Resolves an event id or an occurrence id ("<masterId>_<yyyyMMdd>"). */
export function findInstance(store: EventStore, id: string): Instance | undefined {
  const event = store.get(id);
  if (event) return ownInstance(event);
  const match = /^(.+)_(\d{4})(\d{2})(\d{2})$/.exec(id);
  const master = match?.[1] ? store.get(match[1]) : undefined;
  const day = match ? parseDate(`${match[2]}-${match[3]}-${match[4]}`) : undefined;
  if (!master?.input.recurrence || day === undefined) return undefined;
  // Two days either side of the local date cover any zone's offset.
  const { start, end, recurrence } = master.input;
  const occ = expandRecurrence(start, end, recurrence, (day - 2) * DAY, (day + 3) * DAY).find(
    (o) => occurrenceId(master.id, o.startWall) === id,
  );
  return occ && { event: master, id, type: 'occurrence', seriesMasterId: master.id, ...occ };
}
