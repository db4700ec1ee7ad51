import { afterEach, describe, expect, it, vi } from 'vitest';
import { createMetrics } from '../../functions/runtime/metrics';

type Line = Record<string, unknown> & { _aws?: { CloudWatchMetrics: { Dimensions: string[][] }[] }; warning?: string };
const BOTH_SETS = [['service', 'provider'], ['service']];

/** Everything the sink printed: EMF lines and Powertools' own warnings (POWERTOOLS_DEV: the global console). */
function captureConsole() {
  vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  const printed: Line[] = [];
  const keep = (text: unknown) => {
    const raw = String(text);
    printed.push(raw.startsWith('{') ? (JSON.parse(raw) as Line) : { warning: raw });
  };
  for (const method of ['log', 'warn', 'info', 'error'] as const) vi.spyOn(console, method).mockImplementation(keep);
  return printed;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('Function: createMetrics (full lines of durations)', () => {
  it('keeps the dimensions of every duration metric when one of them has 100 values, and warns of nothing', () => {
    // Prepare
    const printed = captureConsole();
    const metrics = createMetrics({ POWERTOOLS_METRICS_NAMESPACE: 'Prod-Booking' });
    for (let i = 0; i < 100; i += 1) metrics.duration('ProviderRequestDuration', i, { provider: 'google' });
    metrics.duration('ToolCallDuration', 5, { provider: 'google' });

    // Act
    metrics.flush();

    // Assess
    expect(printed.filter((line) => line.warning)).toEqual([]);
    expect(printed.map((line) => line.provider)).toEqual(['google', 'google']);
    // Each line under both sets: the provider's, and the service-only one the alarms read.
    const dimensions = printed.map((line) => line._aws?.CloudWatchMetrics[0]?.Dimensions);
    expect(dimensions).toEqual([BOTH_SETS, BOTH_SETS]);
    expect(printed.flatMap((line) => line.ProviderRequestDuration ?? [])).toHaveLength(100);
    expect(printed.flatMap((line) => line.ToolCallDuration ?? [])).toEqual([5]);
  });

  it('writes a set whose durations exactly fill one line as that one line, with no empty line after it', () => {
    // Prepare
    const printed = captureConsole();
    const metrics = createMetrics({ POWERTOOLS_METRICS_NAMESPACE: 'Prod-Booking' });
    for (let i = 0; i < 99; i += 1) metrics.duration('ProviderRequestDuration', i, { provider: 'google' });

    // Act
    metrics.flush();

    // Assess
    expect(printed).toHaveLength(1);
    expect(printed[0]?.ProviderRequestDuration).toHaveLength(99);
  });
});
