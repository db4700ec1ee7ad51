/**
 * What a listing or a lookup serves: each stored event, or each instance of a series (generated from the master, or
 * an exception stored under the instance's id), with its instants and whether it reads as cancelled.
 */
import { dateText } from '../../../../functions/domain/time';
import type { GoogleContext } from '../context';
import type { CalendarEntry } from './calendars';
import type { EventDateTime } from './event-types';
import type { StoredEvent } from './event-store';
import { expandSeries, findOccurrence, isSeries, type Occurrence, splitInstanceId } from './instances';
import { timingOf } from './times';

export interface EventView {
  /** Where the fields come from: the event, the exception, or (generated instance) the series master. */
  event: StoredEvent;
  id: string;
  start: EventDateTime;
  end: EventDateTime;
  startMs: number;
  endMs: number;
  cancelled: boolean;
  /** An instance (generated or exception): its series and original start. */
  instanceOf?: { masterId: string; originalStart: EventDateTime; originalStartMs: number };
  /** A generated instance: true (it has no record of its own until patched or deleted). */
  generated: boolean;
  /** A series master in a listing without singleEvents: whether any instance overlaps the window. */
  overlaps?: boolean;
}

/** A stored event (single, master or exception) with its own times. */
export function storedView(event: StoredEvent, calendar: CalendarEntry, master?: StoredEvent): EventView {
  const { start, end, recurringEventId, originalStartTime } = event.body;
  const timing = timingOf(start, end, calendar.timeZone);
  const view: EventView = {
    event,
    id: event.id,
    start,
    end,
    startMs: timing.startMs,
    endMs: timing.endMs,
    cancelled: event.deleted || !!master?.deleted,
    generated: false,
  };
  if (recurringEventId && originalStartTime) {
    const original = timingOf(originalStartTime, originalStartTime, calendar.timeZone);
    view.instanceOf = {
      masterId: recurringEventId,
      originalStart: originalStartTime,
      originalStartMs: original.startMs,
    };
  }
  return view;
}

function generatedView(master: StoredEvent, occ: Occurrence): EventView {
  const zone = master.body.start.timeZone;
  const at = (ms: number, day?: number): EventDateTime =>
    day !== undefined
      ? { date: dateText(day) }
      : { dateTime: new Date(ms).toISOString(), ...(zone ? { timeZone: zone } : {}) };
  return {
    event: master,
    id: occ.id,
    start: at(occ.startMs, occ.startDay),
    end: at(occ.endMs, occ.endDay),
    startMs: occ.startMs,
    endMs: occ.endMs,
    cancelled: master.deleted,
    instanceOf: {
      masterId: master.id,
      originalStart: at(occ.originalStartMs, occ.startDay),
      originalStartMs: occ.originalStartMs,
    },
    generated: true,
  };
}

const overlapping = (v: EventView, fromMs?: number, toMs?: number) =>
  (fromMs === undefined || v.endMs > fromMs) && (toMs === undefined || v.startMs < toMs);

/** A series' instances overlapping the window: generated ones, and exceptions in their stead, in start order. */
export function seriesViews(
  ctx: GoogleContext,
  calendar: CalendarEntry,
  master: StoredEvent,
  fromMs?: number,
  toMs?: number,
): EventView[] {
  const exceptions = ctx.events.list(calendar.key).filter((e) => e.body.recurringEventId === master.id);
  const taken = new Set(exceptions.map((e) => e.id));
  const generated = expandSeries(master.id, master.body, calendar.timeZone, fromMs, toMs)
    .filter((occ) => !taken.has(occ.id))
    .map((occ) => generatedView(master, occ));
  const own = exceptions.map((e) => storedView(e, calendar, master)).filter((v) => overlapping(v, fromMs, toMs));
  return [...generated, ...own].sort((a, b) => a.startMs - b.startMs);
}

/** Every event of a calendar for a listing: instances expanded when `singleEvents`, else masters and exceptions. */
export function calendarViews(
  ctx: GoogleContext,
  calendar: CalendarEntry,
  singleEvents: boolean,
  fromMs?: number,
  toMs?: number,
): EventView[] {
  const events = ctx.events.list(calendar.key);
  const masters = new Map(events.filter((e) => isSeries(e.body)).map((e) => [e.id, e]));
  const views: EventView[] = [];
  for (const event of events) {
    const master = event.body.recurringEventId ? masters.get(event.body.recurringEventId) : undefined;
    if (master && singleEvents) continue;
    if (!isSeries(event.body)) {
      const view = storedView(event, calendar, master);
      if (overlapping(view, fromMs, toMs)) views.push(view);
    } else if (singleEvents) views.push(...seriesViews(ctx, calendar, event, fromMs, toMs));
    else {
      const overlaps = expandSeries(event.id, event.body, calendar.timeZone, fromMs, toMs, 1).length > 0;
      if (overlaps) views.push({ ...storedView(event, calendar), overlaps });
    }
  }
  return views;
}

/** The event or instance with this id (deleted ones included), for get, patch and delete. */
export function findView(ctx: GoogleContext, calendar: CalendarEntry, id: string): EventView | undefined {
  const stored = ctx.events.get(calendar.key, id);
  const masterId = splitInstanceId(id)?.masterId;
  const master = masterId ? ctx.events.get(calendar.key, masterId) : undefined;
  if (stored) return storedView(stored, calendar, master && isSeries(master.body) ? master : undefined);
  if (!master || !isSeries(master.body)) return undefined;
  const occ = findOccurrence(master.id, master.body, calendar.timeZone, id);
  return occ && generatedView(master, occ);
}
