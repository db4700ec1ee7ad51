/** A tool's I/O figures over its measured calls: percentiles of each call's own-code time and round trips. */
import type { CallIo } from './io-figures';
import { percentile } from './measure';

/** p50, p99 (nearest rank), mean and max. */
export interface Stat {
  p50: number;
  p99: number;
  mean: number;
  max: number;
}

/** The Stat of `values` (NaN throughout when there are none). */
export function stat(values: number[]): Stat {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.length ? sorted.reduce((s, v) => s + v, 0) / sorted.length : Number.NaN;
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), mean, max: sorted.at(-1) ?? Number.NaN };
}

/** I/O figures of one tool over its measured calls. */
export interface IoFigures {
  /** Measured calls, and those of them with exactly one traced invocation (the others are left out). */
  calls: number;
  traced: number;
  wallMs: Stat;
  ioMs: Stat;
  ownMs: Stat;
  ownCpuMs: Stat;
  /** Medians of where the own-code time goes (ms). */
  ownSplitP50Ms: CallIo['ownSplitMs'];
  dynamo: {
    requests: Stat;
    chain: Stat;
    chainAll: Stat;
    writesAnswered: Stat;
    /** Requests per call left running after the answer. */
    background: Stat;
    /** The commonest answered step pattern and how many calls had it. */
    commonSteps: { steps: string; calls: number };
  };
  provider: { requests: Stat; chain: Stat; chainAll: Stat };
}

/** Figures over the calls' I/O (`undefined` for a call that could not be traced). */
export function ioFigures(calls: Array<CallIo | undefined>): IoFigures {
  const io = calls.filter((c): c is CallIo => c !== undefined);
  const of = (pick: (c: CallIo) => number) => stat(io.map(pick));
  const patterns = new Map<string, number>();
  for (const c of io) patterns.set(c.dynamo.steps, (patterns.get(c.dynamo.steps) ?? 0) + 1);
  const [steps, n] = [...patterns].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
  return {
    calls: calls.length,
    traced: io.length,
    wallMs: of((c) => c.wallMs),
    ioMs: of((c) => c.ioMs),
    ownMs: of((c) => c.ownMs),
    ownCpuMs: of((c) => c.ownCpuMs),
    ownSplitP50Ms: {
      beforeIo: of((c) => c.ownSplitMs.beforeIo).p50,
      betweenIo: of((c) => c.ownSplitMs.betweenIo).p50,
      afterIo: of((c) => c.ownSplitMs.afterIo).p50,
    },
    dynamo: {
      requests: of((c) => c.dynamo.requests),
      chain: of((c) => c.dynamo.chain),
      chainAll: of((c) => c.dynamo.chainAll),
      writesAnswered: of((c) => c.dynamo.writesAnswered),
      background: of((c) => c.dynamo.background.length),
      commonSteps: { steps, calls: n },
    },
    provider: {
      requests: of((c) => c.provider.requests),
      chain: of((c) => c.provider.chain),
      chainAll: of((c) => c.provider.chainAll),
    },
  };
}
