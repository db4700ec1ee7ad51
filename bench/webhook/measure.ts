/** Turning raw call samples into figures: latency percentiles, provider round trips per call, process memory. */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { LatencyFigures, MemorySample, RoundTripFigures } from './figures';
import type { CallIo } from './io-figures';

/** Non-provider routes of the emulator (the browser's sign-in page, the sandbox dump). */
const NOT_PROVIDER = new Set(['authorize', 'dump']);

/** One measured tool call: its client-side duration and the provider requests it caused. */
export interface CallSample {
  ms: number;
  graph: number;
  token: number;
  routes: string[];
  /** The invocation's I/O as traced in-process (absent when no tracer ran or the call could not be traced). */
  io?: CallIo;
}

/** The provider routes (Graph and token endpoint) of the emulator requests logged from index `from` on. */
export function providerRoutes(requests: ReadonlyArray<{ route: string }>, from: number): string[] {
  return requests
    .slice(from)
    .map((r) => r.route)
    .filter((r) => !NOT_PROVIDER.has(r));
}

/** Requests per route, keyed in order of first appearance. */
export function countRoutes(routes: string[]): Record<string, number> {
  const byRoute: Record<string, number> = {};
  for (const r of routes) byRoute[r] = (byRoute[r] ?? 0) + 1;
  return byRoute;
}

/** The nearest-rank `p`th percentile of ascending `sorted` (NaN when empty). */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/** p50, p99, mean and max of call durations (nearest-rank percentiles). */
export function latency(times: number[]): LatencyFigures {
  const sorted = [...times].sort((a, b) => a - b);
  return {
    calls: sorted.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    meanMs: sorted.reduce((s, t) => s + t, 0) / (sorted.length || 1),
    maxMs: sorted[sorted.length - 1] ?? Number.NaN,
  };
}

/** Graph and token-endpoint requests per call (average and max), and the totals per route. */
export function roundTrips(samples: CallSample[]): RoundTripFigures {
  const n = samples.length || 1;
  return {
    graphAvg: samples.reduce((a, s) => a + s.graph, 0) / n,
    graphMax: Math.max(0, ...samples.map((s) => s.graph)),
    tokenAvg: samples.reduce((a, s) => a + s.token, 0) / n,
    tokenMax: Math.max(0, ...samples.map((s) => s.token)),
    byRoute: countRoutes(samples.flatMap((s) => s.routes)),
  };
}

const mb = (bytes: number) => Math.round((bytes / 1024 / 1024) * 10) / 10;

/** A full GC, also without --expose-gc (the flag can be set at run time; the function comes from a fresh context). */
const collectGarbage: () => void = (() => {
  if (typeof globalThis.gc === 'function') return globalThis.gc;
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
})();

/** RSS and heap as they are, then the live heap after a full GC. */
export function memory(): MemorySample {
  const m = process.memoryUsage();
  collectGarbage();
  return { rssMb: mb(m.rss), heapUsedMb: mb(m.heapUsed), liveHeapMb: mb(process.memoryUsage().heapUsed) };
}
