/**
 * Expands a Graph patternedRecurrence into occurrences. Dates are walked in the event's own start zone, and each
 * occurrence keeps the master's wall-clock time as written (not as resolved: a first occurrence in a spring-forward gap
 * must not move every later one), so a 09:00 meeting stays at 09:00 local across a DST change.
 */
import { DAY, wallMs } from '../../../../functions/domain/time';
import type { PatternedRecurrence } from '../calendar-schema';
import { ianaOf, instantOf, instantOfWallIn, wallOf, type WireDateTime } from './time';

/** Never walk further than this from the series start (a noEnd series viewed far in the future). */
const MAX_DAYS = 366 * 50;
const DAY_MS = 86_400_000;

const WEEKDAY: Record<string, number> = {
  monday: 1,
  tuesday: 2,
  wednesday: 3,
  thursday: 4,
  friday: 5,
  saturday: 6,
  sunday: 7,
};
const INDEX: Record<string, number> = { first: 0, second: 1, third: 2, fourth: 3, last: -1 };

/** One occurrence: instants, and wall readings in the series' zone (all-day occurrences are floating dates). */
export interface Occurrence {
  startMs: number;
  endMs: number;
  startWall: number;
  endWall: number;
}

/** A calendar date without zone or time; walking these is plain integer arithmetic (luxon per day is too slow). */
interface CivilDate {
  dayNo: number;
  year: number;
  month: number;
  day: number;
  /** 1 = Monday … 7 = Sunday, as luxon counts. */
  weekday: number;
  daysInMonth: number;
}

function civil(dayNo: number): CivilDate {
  const d = new Date(dayNo * DAY_MS);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  return {
    dayNo,
    year,
    month,
    day: d.getUTCDate(),
    weekday: ((d.getUTCDay() + 6) % 7) + 1,
    daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate(),
  };
}

function dayNoOf(isoDate: string): number {
  return Date.parse(`${isoDate}T00:00:00Z`) / DAY_MS;
}

/** Whether `d` is the index-th ("first"… "last") day of its month whose weekday is in `days`. */
function isIndexedDay(d: CivilDate, days: number[], index: string): boolean {
  if (!days.includes(d.weekday)) return false;
  const firstWeekday = ((d.weekday - 1 - ((d.day - 1) % 7) + 7) % 7) + 1;
  const matching: number[] = [];
  for (let day = 1; day <= d.daysInMonth; day += 1)
    if (days.includes(((firstWeekday - 1 + day - 1) % 7) + 1)) matching.push(day);
  const pick = INDEX[index] ?? 0;
  return (pick < 0 ? matching[matching.length - 1] : matching[pick]) === d.day;
}

/** A predicate telling whether a date carries an occurrence of the pattern anchored at `anchor`. */
function patternMatcher(rec: PatternedRecurrence, anchor: CivilDate): (d: CivilDate) => boolean {
  const p = rec.pattern;
  const days = (p.daysOfWeek ?? []).map((w) => WEEKDAY[w] ?? 0);
  const firstDay = WEEKDAY[p.firstDayOfWeek ?? 'sunday'] ?? 7;
  const weekStart = (d: CivilDate) => d.dayNo - ((d.weekday - firstDay + 7) % 7);
  const months = (d: CivilDate) => (d.year - anchor.year) * 12 + (d.month - anchor.month);
  // Months without the day (the 31st, 29 February) get the occurrence on their last day, as Outlook does.
  const isDayOfMonth = (d: CivilDate) => d.day === Math.min(p.dayOfMonth ?? 1, d.daysInMonth);
  const index = p.index ?? 'first';
  switch (p.type) {
    case 'daily':
      return (d) => (d.dayNo - anchor.dayNo) % p.interval === 0;
    case 'weekly':
      return (d) => days.includes(d.weekday) && ((weekStart(d) - weekStart(anchor)) / 7) % p.interval === 0;
    case 'absoluteMonthly':
      return (d) => months(d) % p.interval === 0 && isDayOfMonth(d);
    case 'relativeMonthly':
      return (d) => months(d) % p.interval === 0 && isIndexedDay(d, days, index);
    case 'absoluteYearly':
      return (d) => (d.year - anchor.year) % p.interval === 0 && d.month === p.month && isDayOfMonth(d);
    case 'relativeYearly':
      return (d) => (d.year - anchor.year) % p.interval === 0 && d.month === p.month && isIndexedDay(d, days, index);
  }
}

/** Occurrences of a series overlapping [fromMs, toMs), in the zone of the master's start. */
export function expandRecurrence(
  start: WireDateTime,
  end: WireDateTime,
  rec: PatternedRecurrence,
  fromMs: number,
  toMs: number,
): Occurrence[] {
  const zone = ianaOf(start.timeZone);
  const firstWall = wallOf(start);
  const endMs = instantOf(end);
  // The end as read in the start's zone: its own wall text when it shares the zone (a midnight in a gap stays 00:00).
  const lastWall = end.timeZone === start.timeZone ? wallOf(end) : wallMs(endMs, zone);
  // The length the owner set is the master's wall-clock length (a 02:30-03:30 meeting is an hour long even when the
  // master itself fell in a spring-forward gap). All-day occurrences span whole local days; timed ones last that long
  // in real time, as Outlook keeps a series' duration (a 30-minute 01:30 meeting on a fall-back night stays
  // 30 minutes).
  const allDay = firstWall % DAY === 0 && lastWall % DAY === 0;
  const wallLength = lastWall - firstWall;
  const clock = ((firstWall % DAY) + DAY) % DAY;
  // The range's startDate anchors the pattern (interval counting, numbered ranges);
  // Graph keeps it equal to the master's date.
  const anchorNo = /^\d{4}-\d{2}-\d{2}$/.test(rec.range.startDate)
    ? dayNoOf(rec.range.startDate)
    : Math.floor(firstWall / DAY);
  const matches = patternMatcher(rec, civil(anchorNo));
  const endNo = rec.range.type === 'endDate' && rec.range.endDate ? dayNoOf(rec.range.endDate) : Infinity;
  const limit = rec.range.type === 'numbered' ? (rec.range.numberOfOccurrences ?? 0) : Infinity;
  // Local dates can be a day off UTC ones; two days of slack either side keeps the window exact.
  const lastNo = Math.floor(toMs / DAY_MS) + 2;
  const spanDays = Math.ceil(Math.max(0, wallLength) / DAY_MS) + 2;
  // Only a numbered range needs counting from its start; otherwise jump close to the window.
  let dayNo = limit === Infinity ? Math.max(anchorNo, Math.floor(fromMs / DAY_MS) - spanDays) : anchorNo;
  const out: Occurrence[] = [];
  for (let count = 0; dayNo <= Math.min(endNo, lastNo, anchorNo + MAX_DAYS) && count < limit; dayNo += 1) {
    const d = civil(dayNo);
    if (!matches(d)) continue;
    count += 1;
    const startWall = dayNo * DAY + clock;
    const s = instantOfWallIn(startWall, zone);
    if (s >= toMs) break;
    const e = allDay ? instantOfWallIn(startWall + wallLength, zone) : s + wallLength;
    const endWall = allDay ? startWall + wallLength : wallMs(e, zone);
    if (e > fromMs || (s === e && s >= fromMs)) out.push({ startMs: s, endMs: e, startWall, endWall });
  }
  return out;
}
