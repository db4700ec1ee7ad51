/** Where the metrics go: the namespace (default, trimmed, CloudWatch's rule) and the fixed `service` dimension. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

type MetricsConfig = typeof import('../../functions/contract/metrics-config');
type Metrics = typeof import('../../functions/runtime/metrics');
let config: MetricsConfig;
let metrics: Metrics;

beforeEach(async () => {
  // The default namespace, the service name and the namespace rule are module-level values: load them afresh
  // (why: test/mutation/README.md).
  vi.resetModules();
  config = await import('../../functions/contract/metrics-config');
  metrics = await import('../../functions/runtime/metrics');
});

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('Function: createMetrics', () => {
  it('writes to VoiceCalendarBooking with the calendar-booking service when no namespace is set', () => {
    // Prepare
    vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
    const lines: Array<Record<string, any>> = [];
    vi.spyOn(console, 'log').mockImplementation((text: unknown) => void lines.push(JSON.parse(String(text))));
    const sink = metrics.createMetrics({});

    // Act
    sink.count('ToolCall', { tool: 'get_availability', outcome: 'answered' });
    sink.flush();

    // Assess
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Namespace: 'VoiceCalendarBooking' }] },
      service: 'calendar-booking',
    });
  });
});

const RULE = 'up to 255 of A-Z a-z 0-9 . - _ / # : and space, not starting with "AWS/"';

describe('Function: readMetricsNamespace', () => {
  it('trims the namespace and takes every character CloudWatch allows, up to 255', () => {
    // Act + Assess
    expect(config.readMetricsNamespace({ POWERTOOLS_METRICS_NAMESPACE: ' Prod/Booking ' })).toBe('Prod/Booking');
    expect(config.readMetricsNamespace({ POWERTOOLS_METRICS_NAMESPACE: 'a.b-c_d/e#f:g h9Z' })).toBe(
      'a.b-c_d/e#f:g h9Z',
    );
    expect(config.readMetricsNamespace({ POWERTOOLS_METRICS_NAMESPACE: 'x'.repeat(255) })).toBe('x'.repeat(255));
  });

  it.each(['Booking!', '!Booking', 'x'.repeat(256)])('refuses "%s" with the rule', (ns) => {
    // Act + Assess
    expect(() => config.readMetricsNamespace({ POWERTOOLS_METRICS_NAMESPACE: ns })).toThrow(
      `POWERTOOLS_METRICS_NAMESPACE must be ${RULE}, got "${ns}"`,
    );
  });
});
