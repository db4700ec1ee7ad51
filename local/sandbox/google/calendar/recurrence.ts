/**
 * RFC 5545 recurrence lines (RRULE, EXRULE, RDATE, EXDATE) expanded in floating wall time: the rrule package walks
 * wall-clock readings encoded as UTC Dates (no TZID, so it never applies an offset), and instances.ts turns each
 * reading into an instant in the series' zone. That keeps 09:00 at 09:00 across DST, and a first occurrence in a
 * spring-forward gap does not drag the later ones along.
 */
import { createRequire } from 'node:module';
import type { Options, RRule as RRuleType } from 'rrule';
import { DAY, parseWallDateTime, resolveWall, wallMs } from '../../../../functions/domain/time';

// rrule 2.8.1 ships a UMD main whose named exports Node's ESM loader cannot see; require() reads it reliably.
const { RRule } = createRequire(import.meta.url)('rrule') as typeof import('rrule');

/** A date in EXDATE / RDATE: a floating date, an instant (…Z), or a wall reading (in TZID, else the series' zone). */
type DateValue =
  | { kind: 'date'; day: number }
  | { kind: 'utc'; ms: number }
  | { kind: 'wall'; wall: number; zone?: string };

interface Rule {
  options: Partial<Options>;
  /** UNTIL ended in Z: an instant, to be read as a wall in the series' zone. */
  untilUtc: boolean;
  /** UNTIL was a bare date: the whole day counts (a timed series' last occurrence that day is included). */
  untilDate: boolean;
}

export interface ParsedRecurrence {
  rules: Rule[];
  exrules: Rule[];
  rdates: DateValue[];
  exdates: DateValue[];
}

function parseRule(value: string): Rule | undefined {
  const options = RRule.parseString(value);
  if (options.freq === undefined || (options.count != null && options.until != null)) return undefined;
  if (Array.isArray(options.byweekday) && options.byweekday.some((d) => d == null)) return undefined;
  const until = /(?:^|;)UNTIL=(\d{8})(T\d{6}(Z)?)?/i.exec(value);
  // Construct and step once so that a rule rrule cannot evaluate fails here, not in the middle of a listing.
  new RRule({ ...options, dtstart: new Date(0) }).all((_, i) => i < 1);
  return { options, untilUtc: !!until?.[3], untilDate: !!until && !until[2] };
}

function parseDates(params: string, values: string): DateValue[] | undefined {
  const tzid = /(?:^|;)TZID=([^;:]+)/i.exec(params)?.[1];
  const out: DateValue[] = [];
  for (const raw of values.split(',')) {
    const m = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/i.exec(raw.trim());
    if (!m) return undefined;
    const date = `${m[1]}-${m[2]}-${m[3]}`;
    if (m[4] === undefined) {
      const wall = parseWallDateTime(`${date}T00:00`);
      if (wall === undefined) return undefined;
      out.push({ kind: 'date', day: wall / DAY });
      continue;
    }
    const wall = parseWallDateTime(`${date}T${m[4]}:${m[5]}:${m[6]}`);
    if (wall === undefined) return undefined;
    out.push(m[7] ? { kind: 'utc', ms: wall } : { kind: 'wall', wall, zone: tzid });
  }
  return out;
}

/** Parses an event's `recurrence` lines; undefined when any line is not one rrule can evaluate. */
export function parseRecurrence(lines: readonly string[]): ParsedRecurrence | undefined {
  const rec: ParsedRecurrence = { rules: [], exrules: [], rdates: [], exdates: [] };
  try {
    for (const line of lines) {
      const m = /^(RRULE|EXRULE|RDATE|EXDATE)([;:])(.*)$/i.exec(line.trim());
      if (!m) return undefined;
      const name = m[1]!.toUpperCase();
      const [params, value] = m[2] === ':' ? ['', m[3]!] : splitParams(m[3]!);
      if (name === 'RRULE' || name === 'EXRULE') {
        const rule = parseRule(value);
        if (!rule) return undefined;
        (name === 'RRULE' ? rec.rules : rec.exrules).push(rule);
      } else {
        const dates = parseDates(params, value);
        if (!dates) return undefined;
        (name === 'RDATE' ? rec.rdates : rec.exdates).push(...dates);
      }
    }
  } catch {
    return undefined;
  }
  return rec.rules.length || rec.rdates.length ? rec : undefined;
}

function splitParams(rest: string): [string, string] {
  const colon = rest.indexOf(':');
  return colon < 0 ? [rest, ''] : [rest.slice(0, colon), rest.slice(colon + 1)];
}

/** The series' first reading, its zone, and whether it is all-day. */
export interface SeriesStart {
  wall: number;
  zone: string;
  allDay: boolean;
}

function ruleWalls(rule: Rule, first: SeriesStart, fromWall: number, toWall: number, limit: number): number[] {
  let until = rule.options.until?.getTime();
  if (until !== undefined && rule.untilUtc) until = wallMs(until, first.zone);
  if (until !== undefined && rule.untilDate && !first.allDay) until += DAY - 1;
  const rrule: RRuleType = new RRule({
    ...rule.options,
    dtstart: new Date(first.wall),
    tzid: null,
    until: until === undefined ? null : new Date(until),
  });
  return rrule.between(new Date(fromWall), new Date(toWall), true, (_, i) => i < limit).map((d) => d.getTime());
}

/** A date value as a wall reading in the series' zone (a date: its midnight, matched by day for timed series). */
function wallOfValue(value: DateValue, first: SeriesStart): number {
  if (value.kind === 'date') return value.day * DAY;
  if (value.kind === 'utc') return wallMs(value.ms, first.zone);
  return value.zone && value.zone !== first.zone ? wallMs(resolveWall(value.wall, value.zone), first.zone) : value.wall;
}

/** The occurrence readings (sorted walls) of a series between two readings, inclusive, at most `limit`. */
export function occurrenceWalls(
  rec: ParsedRecurrence,
  first: SeriesStart,
  fromWall: number,
  toWall: number,
  limit: number,
): number[] {
  const walls = new Set<number>();
  for (const rule of rec.rules) for (const w of ruleWalls(rule, first, fromWall, toWall, limit)) walls.add(w);
  for (const value of rec.rdates) {
    const w = value.kind === 'date' && !first.allDay ? value.day * DAY + (first.wall % DAY) : wallOfValue(value, first);
    if (w >= fromWall && w <= toWall) walls.add(w);
  }
  const excluded = new Set<number>();
  for (const rule of rec.exrules) for (const w of ruleWalls(rule, first, fromWall, toWall, Infinity)) excluded.add(w);
  const exDays = new Set(rec.exdates.filter((v) => v.kind === 'date').map((v) => (v as { day: number }).day));
  for (const value of rec.exdates) if (value.kind !== 'date') excluded.add(wallOfValue(value, first));
  return [...walls]
    .filter((w) => !excluded.has(w) && !exDays.has(Math.floor(w / DAY)))
    .sort((a, b) => a - b)
    .slice(0, limit);
}
