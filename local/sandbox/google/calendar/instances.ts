/**
 * A recurring event's instances: wall readings from recurrence.ts resolved to instants in the series' zone. Instance
 * ids are Google's: `${id}_${YYYYMMDDTHHMMSSZ}` (the original start in UTC), all-day `${id}_${YYYYMMDD}`.
 */
import { DAY, dayStart, resolveWall, wallMs } from '../../../../functions/domain/time';
import type { EventResource } from './event-types';
import { occurrenceWalls, parseRecurrence } from './recurrence';
import { dayStamp, type Timing, timingOf, utcStamp } from './times';

/** Never list more instances of one series than this (an endless series viewed without timeMax). */
export const MAX_INSTANCES = 2500;
/** Without timeMax an endless series is expanded this far past the later of its start and timeMin. */
export const OPEN_END_MS = 2 * 366 * DAY;

export interface Occurrence {
  id: string;
  startMs: number;
  endMs: number;
  allDay: boolean;
  /** All-day only: the instance's dates as day numbers (end exclusive). */
  startDay?: number;
  endDay?: number;
  /** Timed only: the instance's start before any exception moved it (the id's stamp). */
  originalStartMs: number;
}

/** Whether an event is a series master (it has a recurrence and is not itself an instance). */
export function isSeries(event: EventResource): boolean {
  return !!event.recurrence?.length && !event.recurringEventId;
}

function occurrenceAt(masterId: string, timing: Timing, wall: number, calendarZone: string): Occurrence {
  if (timing.allDay) {
    const startDay = Math.floor(wall / DAY);
    const endDay = startDay + Math.round((timing.endWall - timing.startWall) / DAY);
    const startMs = dayStart(startDay, calendarZone);
    const id = `${masterId}_${dayStamp(startDay)}`;
    return {
      id,
      startMs,
      endMs: dayStart(endDay, calendarZone),
      allDay: true,
      startDay,
      endDay,
      originalStartMs: startMs,
    };
  }
  const startMs = resolveWall(wall, timing.zone);
  // Each instance lasts what the owner set on the wall clock (a 01:00-03:00 series stays two hours on fall-back day).
  const length = timing.sameZone ? timing.endWall - timing.startWall : timing.endMs - timing.startMs;
  return {
    id: `${masterId}_${utcStamp(startMs)}`,
    startMs,
    endMs: startMs + length,
    allDay: false,
    originalStartMs: startMs,
  };
}

/**
 * Instances of a series master overlapping [fromMs, toMs) (either bound optional), in start order, at most `limit`.
 */
export function expandSeries(
  masterId: string,
  master: EventResource,
  calendarZone: string,
  fromMs?: number,
  toMs?: number,
  limit = MAX_INSTANCES,
): Occurrence[] {
  const rec = parseRecurrence(master.recurrence ?? []);
  if (!rec) return [];
  const timing = timingOf(master.start, master.end, calendarZone);
  const zone = timing.allDay ? calendarZone : timing.zone;
  const length = Math.max(0, timing.endWall - timing.startWall);
  // Readings are compared with a day's slack either side; the exact overlap test below is on instants.
  const fromWall =
    fromMs === undefined ? timing.startWall : Math.max(timing.startWall, wallMs(fromMs, zone) - length - DAY);
  const toWall = toMs === undefined ? Math.max(fromWall, timing.startWall) + OPEN_END_MS : wallMs(toMs, zone) + DAY;
  const first = { wall: timing.startWall, zone, allDay: timing.allDay };
  const out: Occurrence[] = [];
  for (const wall of occurrenceWalls(rec, first, fromWall, toWall, limit + 64)) {
    const occ = occurrenceAt(masterId, timing, wall, calendarZone);
    if ((fromMs === undefined || occ.endMs > fromMs) && (toMs === undefined || occ.startMs < toMs)) out.push(occ);
    if (out.length >= limit) break;
  }
  return out;
}

/** The master id and stamp of an instance id, or undefined for a plain id. */
export function splitInstanceId(id: string): { masterId: string; stamp: string } | undefined {
  const m = /^(.+)_(\d{8}(?:T\d{6}Z)?)$/.exec(id);
  return m ? { masterId: m[1]!, stamp: m[2]! } : undefined;
}

/** The instance of a series with this id, if the series has one. */
export function findOccurrence(
  masterId: string,
  master: EventResource,
  calendarZone: string,
  id: string,
): Occurrence | undefined {
  const stamp = splitInstanceId(id)?.stamp;
  if (!stamp) return undefined;
  const y = Number(stamp.slice(0, 4));
  const mo = Number(stamp.slice(4, 6)) - 1;
  const d = Number(stamp.slice(6, 8));
  const at = stamp.length === 8 ? Date.UTC(y, mo, d) : Date.UTC(y, mo, d, +stamp.slice(9, 11), +stamp.slice(11, 13));
  // A window a day either side of the stamp holds the instance if it exists.
  const found = expandSeries(masterId, master, calendarZone, at - DAY, at + 2 * DAY, MAX_INSTANCES);
  return found.find((o) => o.id === id);
}
