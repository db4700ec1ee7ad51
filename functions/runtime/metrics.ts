/**
 * The Metrics port over Powertools Metrics (CloudWatch EMF on stdout). Figures are gathered per dimension set during
 * an invocation and written at its end, one EMF line per set, each also under the `service`-only set that the alarms
 * read. POWERTOOLS_DEV (the tests) or POWERTOOLS_METRICS_DISABLED=true (npm start's default) keeps stdout quiet.
 */
import { Metrics as Powertools, MetricUnit } from '@aws-lambda-powertools/metrics';
import type { MiddlewareObj } from '@middy/core';
import { METRICS_SERVICE, readMetricsNamespace } from '../contract/metrics-config';
import type { CountMetric, DurationMetric, Metrics } from '../domain/ports';
import type { Env } from './config';

/** The port, and the one call that writes what was gathered (once per invocation or keeper run). */
export interface MetricsSink extends Metrics {
  /** Writes every figure gathered since the last flush, then forgets them; a no-op when there are none. */
  flush(): void;
}

type Dimensions = Readonly<Record<string, string>>;

/**
 * Values of one metric per EMF line. EMF takes 100, but Powertools writes a line by itself the moment a metric holds
 * 100 values, dropping the line's dimensions for the metrics added after it: 99 keeps every line whole.
 */
const MAX_VALUES = 99;

interface Group {
  dimensions: Dimensions;
  counts: Map<CountMetric, number>;
  durations: Map<DurationMetric, number[]>;
}

/** A dimension set's key: sorted names and values, so {a, b} and {b, a} are one set. */
function keyOf(dimensions: Dimensions): string {
  return JSON.stringify(Object.entries(dimensions).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/**
 * A sink writing to the namespace in POWERTOOLS_METRICS_NAMESPACE (a ConfigError naming it when invalid). Used by the
 * webhook (flushed by flushMetrics) and by anything outside middy (the keeper calls flush() at the end of a run).
 */
export function createMetrics(env: Env): MetricsSink {
  const powertools = new Powertools({ namespace: readMetricsNamespace(env), serviceName: METRICS_SERVICE });
  const groups = new Map<string, Group>();
  const group = (dimensions: Dimensions = {}): Group => {
    const key = keyOf(dimensions);
    let found = groups.get(key);
    if (!found) {
      found = { dimensions: { ...dimensions }, counts: new Map(), durations: new Map() };
      groups.set(key, found);
    }
    return found;
  };
  return {
    count(name, dimensions, value = 1) {
      const counts = group(dimensions).counts;
      counts.set(name, (counts.get(name) ?? 0) + value);
    },
    duration(name, ms, dimensions) {
      const durations = group(dimensions).durations;
      durations.set(name, [...(durations.get(name) ?? []), Math.max(0, Math.round(ms))]);
    },
    flush() {
      for (const { dimensions, counts, durations } of groups.values()) {
        // At most MAX_VALUES values of a metric per line: more durations than that go out in further lines.
        for (let from = 0; from === 0 || [...durations.values()].some((v) => v.length > from); from += MAX_VALUES) {
          for (const [name, value] of Object.entries(dimensions)) powertools.addDimension(name, value);
          // The `service`-only set: what an alarm on "any provider" or "any tool" reads.
          powertools.addDimensions({});
          if (from === 0) for (const [name, value] of counts) powertools.addMetric(name, MetricUnit.Count, value);
          for (const [name, values] of durations)
            for (const ms of values.slice(from, from + MAX_VALUES))
              powertools.addMetric(name, MetricUnit.Milliseconds, ms);
          powertools.publishStoredMetrics();
        }
      }
      groups.clear();
    },
  };
}

/** middy: flushes the sink after the handler, answered or thrown; `sink` may be undefined until the deps are built. */
export function flushMetrics<E, R>(sink: () => MetricsSink | undefined): MiddlewareObj<E, R> {
  const flush = async (): Promise<void> => sink()?.flush();
  return { after: flush, onError: flush };
}
