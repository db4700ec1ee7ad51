import { describe, expect, it } from 'vitest';
import { requestMetrics } from '../../../functions/adapters/shared/request-metrics';
import { MemoryMetrics } from '../../fakes/metrics';

const trip = (status: number | undefined, durationMs = 120) => ({
  method: 'POST',
  path: '/me/calendars/AAMkAGI2=/events',
  status,
  durationMs,
});

describe('Function: requestMetrics', () => {
  it('times every round trip by provider and operation, never by path, and counts a 429 as a throttle', () => {
    // Prepare
    const metrics = new MemoryMetrics();
    const hook = requestMetrics(metrics, 'microsoft', () => 'createEvent');
    const dims = { provider: 'microsoft', operation: 'createEvent' };
    // Act
    hook(trip(201, 340));
    hook(trip(429, 15));
    hook(trip(undefined, 5_000));
    // Assess
    expect(metrics.figures).toEqual([
      { name: 'ProviderRequestDuration', value: 340, dimensions: dims },
      { name: 'ProviderRequestDuration', value: 15, dimensions: dims },
      { name: 'ProviderThrottle', value: 1, dimensions: dims },
      { name: 'ProviderRequestDuration', value: 5_000, dimensions: dims },
    ]);
    expect(JSON.stringify(metrics.figures)).not.toContain('AAMk');
  });

  it("takes the provider's own throttle rule when given one", () => {
    // Prepare
    const metrics = new MemoryMetrics();
    const hook = requestMetrics(
      metrics,
      'google',
      () => 'listEvents',
      (event) => event.status === 403,
    );
    // Act
    hook(trip(429));
    hook(trip(403));
    // Assess
    expect(metrics.named('ProviderThrottle')).toHaveLength(1);
  });
});
