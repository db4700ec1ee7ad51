import { afterEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../functions/contract/env';
import { createMetrics, flushMetrics } from '../../functions/runtime/metrics';

type Emf = Record<string, any> & { _aws: { CloudWatchMetrics: Array<Record<string, any>> } };

/** The EMF lines written (POWERTOOLS_DEV sends them through the global console; metrics are switched on here). */
function captureEmf(enabled = true): Emf[] {
  if (enabled) vi.stubEnv('POWERTOOLS_METRICS_DISABLED', 'false');
  const lines: Emf[] = [];
  vi.spyOn(console, 'log').mockImplementation((text: unknown) => void lines.push(JSON.parse(String(text)) as Emf));
  return lines;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe('Function: createMetrics', () => {
  it('writes one EMF line per dimension set, with the service-only rollup, counts summed and durations listed', () => {
    // Prepare
    const lines = captureEmf();
    const metrics = createMetrics({ POWERTOOLS_METRICS_NAMESPACE: 'Prod-Booking' });
    const booked = { tool: 'set_appointment', outcome: 'booked' };
    // Act
    metrics.count('ToolCall', booked);
    metrics.duration('ToolCallDuration', 812.4, { outcome: 'booked', tool: 'set_appointment' });
    metrics.count('ToolCall', { tool: 'set_appointment', outcome: 'booked' });
    metrics.duration('ToolCallDuration', 95, booked);
    metrics.count('ReconnectRequired', { provider: 'google' }, 2);
    metrics.flush();
    // Assess
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({
      _aws: {
        CloudWatchMetrics: [
          {
            Namespace: 'Prod-Booking',
            Dimensions: [['service', 'tool', 'outcome'], ['service']],
            Metrics: [
              { Name: 'ToolCall', Unit: 'Count' },
              { Name: 'ToolCallDuration', Unit: 'Milliseconds' },
            ],
          },
        ],
      },
      service: 'calendar-booking',
      tool: 'set_appointment',
      outcome: 'booked',
      ToolCall: 2,
      ToolCallDuration: [812, 95],
    });
    expect(lines[1]).toMatchObject({
      _aws: { CloudWatchMetrics: [{ Dimensions: [['service', 'provider'], ['service']] }] },
      provider: 'google',
      ReconnectRequired: 2,
    });
  });

  it('writes a figure without dimensions under the service set alone', () => {
    // Prepare
    const lines = captureEmf();
    const metrics = createMetrics({});
    // Act
    metrics.count('BookingReconciled');
    metrics.flush();
    // Assess
    expect(lines).toEqual([
      expect.objectContaining({
        _aws: expect.objectContaining({
          CloudWatchMetrics: [
            expect.objectContaining({ Namespace: 'VoiceCalendarBooking', Dimensions: [['service']] }),
          ],
        }),
        BookingReconciled: 1,
      }),
    ]);
  });

  it('writes nothing when nothing was recorded, and forgets what a flush wrote', () => {
    // Prepare
    const lines = captureEmf();
    const metrics = createMetrics({});
    // Act
    metrics.flush();
    metrics.count('ProviderThrottle', { provider: 'microsoft', operation: 'createEvent' });
    metrics.flush();
    metrics.flush();
    // Assess
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ provider: 'microsoft', operation: 'createEvent', ProviderThrottle: 1 });
  });

  it('splits more than 100 durations of one set over lines that all keep their dimensions', () => {
    // Prepare
    const lines = captureEmf();
    const metrics = createMetrics({});
    const dims = { provider: 'google', operation: 'listEvents' };
    // Act
    for (let i = 0; i < 150; i++) metrics.duration('ProviderRequestDuration', i, dims);
    metrics.count('ProviderThrottle', dims);
    metrics.flush();
    // Assess
    expect(lines.map((l) => (l.ProviderRequestDuration as number[]).length)).toEqual([99, 51]);
    expect(lines.map((l) => [l.provider, l.operation])).toEqual([
      ['google', 'listEvents'],
      ['google', 'listEvents'],
    ]);
    expect(lines.map((l) => l.ProviderThrottle)).toEqual([1, undefined]);
  });

  it('prints nothing under POWERTOOLS_DEV unless metrics are switched on (tests and npm start stay quiet)', () => {
    // Prepare
    const lines = captureEmf(false);
    const metrics = createMetrics({});
    // Act
    metrics.count('ToolCall', { tool: 'get_availability', outcome: 'answered' });
    metrics.flush();
    // Assess
    expect(process.env.POWERTOOLS_DEV).toBe('true');
    expect(lines).toEqual([]);
  });

  it.each(['AWS/Lambda', 'bad|name', 'x'.repeat(256)])('refuses the namespace "%s", naming the variable', (ns) => {
    // Act
    const act = () => createMetrics({ POWERTOOLS_METRICS_NAMESPACE: ns });
    // Assess
    expect(act).toThrow(ConfigError);
    expect(act).toThrow(/^POWERTOOLS_METRICS_NAMESPACE must be up to 255 of/);
  });
});

describe('Function: flushMetrics', () => {
  it('flushes after the handler and after an error, and tolerates a sink not built yet', async () => {
    // Prepare
    const sink = { count: vi.fn(), duration: vi.fn(), flush: vi.fn() };
    const middleware = flushMetrics(() => sink);
    const unbuilt = flushMetrics(() => undefined);
    const request = {} as never;
    // Act
    await middleware.after!(request);
    await middleware.onError!(request);
    await unbuilt.after!(request);
    // Assess
    expect(sink.flush).toHaveBeenCalledTimes(2);
  });
});
