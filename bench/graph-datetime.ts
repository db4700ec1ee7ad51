/**
 * Graph date-time micro-bench: ms per 100,000 parses of Graph's UTC dateTimes (seven fraction digits, three, none),
 * before the fast path (zone name → wall text regex → DST resolution, the general path parseGraphDateTime took) and
 * after (parseGraphDateTime as it is: the char-code fast path into Date.UTC). In-process, no I/O.
 * Run: npx tsx bench/graph-datetime.ts
 */
import { pathToFileURL } from 'node:url';
import { parseGraphDateTime, type GraphDateTime } from '../functions/adapters/microsoft/graph-mapping';
import { toIanaZone } from '../functions/adapters/microsoft/windows-zones';
import { instantOfUtcWallText, parseWallDateTime, resolveWall } from '../functions/domain/time';
import { seededRandom } from './random';

export interface GraphDateTimeFigures {
  parses: number;
  /** The general path, as parseGraphDateTime read a UTC dateTime before the fast path (median of the rounds). */
  beforeMsPer100k: number;
  /** parseGraphDateTime now (fast path). */
  afterMsPer100k: number;
  /** The fast parser alone (instantOfUtcWallText), without the adapter's zone-name check. */
  fastOnlyMsPer100k: number;
  /** before / after. */
  speedup: number;
}

/** The general path: what parseGraphDateTime did for every dateTime before the fast path. */
export function generalGraphDateTime(value: GraphDateTime): number | undefined {
  const zone = toIanaZone(value.timeZone ?? 'UTC');
  const wall = zone ? parseWallDateTime(value.dateTime) : undefined;
  return wall === undefined || !zone ? undefined : resolveWall(wall, zone);
}

/** `count` Graph UTC dateTimes over 60 days on 15-minute marks, a third each with 7, 3 and no fraction digits. */
export function graphUtcDateTimes(count: number, seed = 11): GraphDateTime[] {
  const rnd = seededRandom(seed);
  const from = Date.UTC(2026, 11, 1);
  return Array.from({ length: count }, (_, i) => {
    const text = new Date(from + Math.floor(rnd() * 60 * 96) * 15 * 60_000).toISOString().slice(0, 19);
    const fraction = ['.0000000', '.000', ''][i % 3];
    return { dateTime: `${text}${fraction}`, timeZone: 'UTC' };
  });
}

function msPer100k(values: GraphDateTime[], parse: (v: GraphDateTime) => number | undefined, parses: number) {
  let sink = 0;
  const started = performance.now();
  for (let i = 0; i < parses; i++) sink += parse(values[i % values.length]!) ?? 0;
  const ms = performance.now() - started;
  if (sink === 42) console.log('unlikely');
  return (ms * 100_000) / parses;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** Times the three parsers over the same dateTimes, `rounds` interleaved rounds of `parses` each (after a warm-up). */
export function benchGraphDateTime(
  opts: { parses?: number; rounds?: number; log?: (line: string) => void } = {},
): GraphDateTimeFigures {
  const parses = opts.parses ?? 100_000;
  const rounds = opts.rounds ?? 7;
  const values = graphUtcDateTimes(2_000);
  const parsers = {
    before: generalGraphDateTime,
    after: parseGraphDateTime,
    fast: (v: GraphDateTime) => instantOfUtcWallText(v.dateTime),
  };
  const times = { before: [] as number[], after: [] as number[], fast: [] as number[] };
  for (const parse of Object.values(parsers)) msPer100k(values, parse, Math.min(parses, 20_000));
  for (let r = 0; r < rounds; r++)
    for (const [name, parse] of Object.entries(parsers))
      times[name as keyof typeof times].push(msPer100k(values, parse, parses));
  const figures: GraphDateTimeFigures = {
    parses,
    beforeMsPer100k: median(times.before),
    afterMsPer100k: median(times.after),
    fastOnlyMsPer100k: median(times.fast),
    speedup: median(times.before) / median(times.after),
  };
  (opts.log ?? console.log)(
    `graph-datetime: ms per 100k UTC dateTime parses (median of ${rounds} rounds of ${parses}): ` +
      `before (general path) ${figures.beforeMsPer100k.toFixed(1)} ms, ` +
      `after (parseGraphDateTime, fast path) ${figures.afterMsPer100k.toFixed(1)} ms ` +
      `(${figures.speedup.toFixed(1)}x; target: faster than before), ` +
      `fast parser alone ${figures.fastOnlyMsPer100k.toFixed(1)} ms`,
  );
  return figures;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = benchGraphDateTime();
  if (!(figures.afterMsPer100k < figures.beforeMsPer100k)) process.exitCode = 1;
}
