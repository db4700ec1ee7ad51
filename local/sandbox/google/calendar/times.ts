/**
 * Event times on the wire: RFC 3339 with offsets out, `{date}` / `{dateTime, timeZone}` in. Wall times resolve by the
 * product's local-time rules (functions/domain/time): a repeated reading is its earlier instant, a skipped one moves
 * forward by the gap, and an all-day date starts at the first instant of its day in the calendar's zone.
 */
import {
  DAY,
  dayStart,
  instantOfIsoText,
  MINUTE,
  offsetMinutes,
  parseDate,
  parseWallDateTime,
  wallMs,
  wallText,
} from '../../../../functions/domain/time';
import type { EventDateTime } from './event-types';

const pad = (n: number) => String(n).padStart(2, '0');

/** RFC 3339 of instant `ms` as the clock in `zone` reads it, with that offset ("Z" at offset zero). */
export function rfc3339(ms: number, zone: string): string {
  const offset = Math.round(offsetMinutes(ms, zone));
  const text = wallText(ms + offset * MINUTE);
  if (offset === 0) return `${text}Z`;
  const abs = Math.abs(offset);
  return `${text}${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** "2026-03-16T04:00:00.000Z", the form Google echoes timeMin/timeMax and created/updated in. */
export function isoMs(ms: number): string {
  return new Date(ms).toISOString();
}

/** An RFC 3339 date-time with a mandatory offset (timeMin, timeMax, updatedMin), or undefined. */
export function parseRfc3339(text: string | null | undefined): number | undefined {
  if (!text || !/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  const parsed = instantOfIsoText(text, 'UTC');
  return parsed?.hadOffset ? parsed.ms : undefined;
}

/** An event's times: instants for overlap, wall readings (or day numbers × DAY) for recurrence arithmetic. */
export interface Timing {
  allDay: boolean;
  startMs: number;
  endMs: number;
  /** The start as written in `zone` (a reading in a DST gap stays as written; its instant moves). */
  startWall: number;
  endWall: number;
  /** Where the wall times are read: start.timeZone, else the calendar's zone. */
  zone: string;
  /** Whether the end's zone is the start's (then a series keeps the wall-clock length). */
  sameZone: boolean;
}

function side(t: EventDateTime, zone: string, calendarZone: string): { ms: number; wall: number } {
  if (t.date !== undefined) {
    const day = parseDate(t.date)!;
    return { ms: dayStart(day, calendarZone), wall: day * DAY };
  }
  const text = t.dateTime ?? '';
  const parsed = instantOfIsoText(text, t.timeZone ?? zone);
  if (!parsed) throw new Error(`Unreadable dateTime ${JSON.stringify(text)}`);
  // An offset-less reading keeps its own wall (02:30 in a gap stays 02:30 for the series); else the zone's reading.
  const wall = parsed.hadOffset ? wallMs(parsed.ms, t.timeZone ?? zone) : parseWallDateTime(text)!;
  return { ms: parsed.ms, wall };
}

/** The timing of validated start/end times in a calendar of zone `calendarZone`. */
export function timingOf(start: EventDateTime, end: EventDateTime, calendarZone: string): Timing {
  const zone = start.timeZone ?? calendarZone;
  const s = side(start, zone, calendarZone);
  const e = side(end, end.timeZone ?? zone, calendarZone);
  return {
    allDay: start.date !== undefined,
    startMs: s.ms,
    endMs: e.ms,
    startWall: s.wall,
    endWall: e.wall,
    zone,
    sameZone: (end.timeZone ?? zone) === zone,
  };
}

/** "20260310T150000Z" (instance ids, EXDATE values) of an instant. */
export function utcStamp(ms: number): string {
  return isoMs(ms)
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');
}

/** "20260310" of a day number. */
export function dayStamp(day: number): string {
  return isoMs(day * DAY)
    .slice(0, 10)
    .replace(/-/g, '');
}
