/**
 * Text ↔ wall times without a zone: "YYYY-MM-DD" dates and "YYYY-MM-DDTHH:mm[:ss[.fraction]]" date-times, as
 * providers and callers write them. Parsing checks the calendar (no 31 April) and never consults a zone or the
 * machine's clock.
 */
import { DAY, MINUTE } from './zone-offsets';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?$/;
const OFFSET = /^(?:Z|([+-])(\d{2})(?::?(\d{2}))?)$/i;

function wallOf(y: string, mo: string, d: string, h = '0', mi = '0', s = '0', fraction = ''): number | undefined {
  const [year, month, day, hour, minute, second] = [y, mo, d, h, mi, s].map(Number) as number[];
  if (month! < 1 || month! > 12 || day! < 1 || hour! > 23 || minute! > 59 || second! > 59) return undefined;
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: that one reads years 0-99 as 1900-1999.
  date.setUTCFullYear(year!, month! - 1, day!);
  date.setUTCHours(hour!, minute!, second!, Number(fraction.padEnd(3, '0').slice(0, 3)));
  // 31 April rolls over to 1 May: a date that does not round-trip is not a real one.
  return date.getUTCDate() === day && year! >= 1 ? date.getTime() : undefined;
}

/** The day number of a "YYYY-MM-DD" date, or undefined when malformed or not a real date. */
export function parseDate(text: string): number | undefined {
  const m = DATE.exec(text.trim());
  const wall = m ? wallOf(m[1]!, m[2]!, m[3]!) : undefined;
  return wall === undefined ? undefined : wall / DAY;
}

/** A "YYYY-MM-DDTHH:mm[:ss[.fraction]]" wall time (providers may write seven fraction digits), or undefined. */
export function parseWallDateTime(text: string): number | undefined {
  const m = DATE_TIME.exec(text.trim());
  return m ? wallOf(m[1]!, m[2]!, m[3]!, m[4], m[5], m[6], m[7]) : undefined;
}

/** An offset suffix ("Z", "+05:45", "-0300", "+01") as minutes east of UTC, or undefined. */
export function parseOffset(text: string): number | undefined {
  const m = OFFSET.exec(text.trim());
  if (!m) return undefined;
  if (!m[1]) return 0;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return Number(m[3] ?? 0) < 60 && Number(m[2]) < 24 ? (m[1] === '-' ? -minutes : minutes) : undefined;
}

/** "YYYY-MM-DD" of a day number. */
export function dateText(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}

/** "YYYY-MM-DDTHH:mm:ss" of a wall time (whole seconds). */
export function wallText(wall: number): string {
  return new Date(Math.floor(wall / 1000) * 1000).toISOString().slice(0, 19);
}

/** The weekday of a day number, 0 = Monday … 6 = Sunday (1970-01-01 was a Thursday). */
export function weekdayOf(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

/** Whole minutes of a wall time's clock reading. */
export function wallMinuteOfDay(wall: number): number {
  return Math.floor((((wall % DAY) + DAY) % DAY) / MINUTE);
}
