/** In-memory Metrics port: every figure recorded in order, with its dimensions. */
import type { CountMetric, DurationMetric, Metrics } from '../../functions/domain/ports';

export interface Figure {
  name: CountMetric | DurationMetric;
  value: number;
  dimensions: Record<string, string>;
}

export class MemoryMetrics implements Metrics {
  readonly figures: Figure[] = [];

  count(name: CountMetric, dimensions: Readonly<Record<string, string>> = {}, value = 1): void {
    this.figures.push({ name, value, dimensions: { ...dimensions } });
  }

  duration(name: DurationMetric, ms: number, dimensions: Readonly<Record<string, string>> = {}): void {
    this.figures.push({ name, value: ms, dimensions: { ...dimensions } });
  }

  /** The figures of one metric. */
  named(name: CountMetric | DurationMetric): Figure[] {
    return this.figures.filter((f) => f.name === name);
  }
}
