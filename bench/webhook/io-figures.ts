/**
 * From invocation traces to figures: own-code time (wall minus the union of I/O intervals, since requests may
 * overlap; the same for the process's CPU time), and sequential round trips (the longest chain of requests none of
 * which overlaps the next: requests that overlap in time are one step). "Answered" counts what the caller waited
 * for: requests over by the answer.
 */
import type { InvocationTrace, IoRequest, Timed } from './io-trace';

type Span = Timed & { end: number };

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems', 'BatchWriteItem']);

/** How many of one kind of request a call made, and how many of them ran one after another. */
export interface ChainCount {
  /** Every request the invocation started (background work included). */
  requests: number;
  /** Requests over by the answer. */
  answered: number;
  /** Longest chain of non-overlapping answered requests: the sequential round trips the caller waited for. */
  chain: number;
  /** The same over every request, background work included. */
  chainAll: number;
}

/** One call's I/O: wall, I/O and own-code time (ms), and its DynamoDB and provider requests. */
export interface CallIo {
  wallMs: number;
  ioMs: number;
  ownMs: number;
  /**
   * The process's CPU time over the wall time minus that within the I/O (ms; NaN without CPU readings): own code
   * without the time the process waited for a core on a shared machine (GC and libuv threads included).
   */
  ownCpuMs: number;
  /** Where the own-code time goes: before the first I/O, between I/O, after the last (ms; they sum to ownMs). */
  ownSplitMs: { beforeIo: number; betweenIo: number; afterIo: number };
  dynamo: ChainCount & {
    /** Writes among the answered requests. */
    writesAnswered: number;
    /** Answered requests as steps of overlapping ones, e.g. "GetItem+GetItem → TransactWriteItems". */
    steps: string;
    /** Operations left running after the answer. */
    background: string[];
  };
  provider: ChainCount;
}

/**
 * The union of `spans` clipped to `window`, as disjoint segments in order; a clipped end takes the window's CPU
 * reading, a merged segment the CPU reading of the span that ends it.
 */
export function unionSegments(spans: Span[], window: Span): Span[] {
  const clipped = spans
    .map((s) => (s.end > window.end ? { ...s, end: window.end, endCpu: window.endCpu } : s))
    .map((s) => (s.start < window.start ? { ...s, start: window.start, startCpu: window.startCpu } : s))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const segments: Span[] = [];
  for (const s of clipped) {
    const last = segments.at(-1);
    if (!last || s.start > last.end) segments.push({ ...s });
    else if (s.end > last.end) Object.assign(last, { end: s.end, endCpu: s.endCpu });
  }
  return segments;
}

/** Total length of the union of `spans`, clipped to [from, to]. */
export function unionMs(spans: Span[], from: number, to: number): number {
  return unionSegments(spans, { start: from, end: to }).reduce((sum, s) => sum + s.end - s.start, 0);
}

/** CPU ms between the readings of `span` (NaN when one is missing). */
const cpuMs = (span: Timed) => ((span.endCpu ?? Number.NaN) - (span.startCpu ?? Number.NaN)) / 1000;

/** The longest chain of spans each starting at or after the previous one's end (earliest-end greedy is optimal). */
export function longestChain(spans: Span[]): number {
  let chain = 0;
  let free = Number.NEGATIVE_INFINITY;
  for (const s of [...spans].sort((a, b) => a.end - b.end)) {
    if (s.start < free) continue;
    chain += 1;
    free = s.end;
  }
  return chain;
}

/** Requests in order of start, grouped where they overlap: "GetItem+GetItem → TransactWriteItems". */
export function stepsOf(requests: IoRequest[]): string {
  const steps: { end: number; ops: string[] }[] = [];
  for (const r of [...requests].sort((a, b) => a.start - b.start)) {
    const last = steps[steps.length - 1];
    const end = r.end ?? Number.POSITIVE_INFINITY;
    if (last && r.start < last.end) {
      last.ops.push(r.op);
      last.end = Math.max(last.end, end);
    } else steps.push({ end, ops: [r.op] });
  }
  return steps.map((s) => s.ops.join('+')).join(' → ');
}

const span = (r: Timed): Span => ({ ...r, end: r.end ?? Number.POSITIVE_INFINITY });

function count(requests: IoRequest[], answeredBy: number): ChainCount {
  const answered = requests.filter((r) => (r.end ?? Number.POSITIVE_INFINITY) <= answeredBy);
  return {
    requests: requests.length,
    answered: answered.length,
    chain: longestChain(answered.map(span)),
    chainAll: longestChain(requests.map(span)),
  };
}

function ownSplit(io: Span[], window: Span): CallIo['ownSplitMs'] {
  if (!io.length) return { beforeIo: window.end - window.start, betweenIo: 0, afterIo: 0 };
  const beforeIo = io[0]!.start - window.start;
  const afterIo = window.end - io.at(-1)!.end;
  const ioMs = io.reduce((sum, s) => sum + s.end - s.start, 0);
  return { beforeIo, betweenIo: window.end - window.start - ioMs - beforeIo - afterIo, afterIo };
}

/** The I/O figures of one traced invocation (one still unanswered is measured up to its last request). */
export function callIo(trace: InvocationTrace): CallIo {
  const answeredBy = trace.end ?? Number.POSITIVE_INFINITY;
  const to = trace.end ?? Math.max(trace.start, ...trace.requests.map((r) => r.end ?? r.start));
  const window: Span = { ...trace, end: to };
  const io = unionSegments(trace.requests.map(span), window);
  const ioMs = io.reduce((sum, s) => sum + s.end - s.start, 0);
  const dynamo = trace.requests.filter((r) => r.kind === 'dynamo');
  const answered = dynamo.filter((r) => (r.end ?? Number.POSITIVE_INFINITY) <= answeredBy);
  return {
    wallMs: to - trace.start,
    ioMs,
    ownMs: to - trace.start - ioMs,
    ownCpuMs: cpuMs(window) - io.reduce((sum, s) => sum + cpuMs(s), 0),
    ownSplitMs: ownSplit(io, window),
    dynamo: {
      ...count(dynamo, answeredBy),
      writesAnswered: answered.filter((r) => WRITES.has(r.op)).length,
      steps: stepsOf(answered),
      background: dynamo.filter((r) => !answered.includes(r)).map((r) => r.op),
    },
    provider: count(
      trace.requests.filter((r) => r.kind === 'provider'),
      answeredBy,
    ),
  };
}
