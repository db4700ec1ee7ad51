/** Provider round trips as figures: a duration per provider and operation, and a count of the throttled ones. */
import type { Metrics } from '../../domain/ports';

/** The part of a round-trip report the figures read (Graph's, the login's and Google's reports all have it). */
export interface TimedRoundTrip {
  method: string;
  path: string;
  status?: number;
  durationMs: number;
}

/**
 * An onRequest hook recording ProviderRequestDuration and, for a throttled answer (429, or what `throttled` says),
 * ProviderThrottle, by provider and operation. `operationOf` names the call from a fixed list: never a path, which
 * carries calendar and event ids.
 */
export function requestMetrics<E extends TimedRoundTrip>(
  metrics: Metrics,
  provider: string,
  operationOf: (event: E) => string,
  throttled: (event: E) => boolean = (event) => event.status === 429,
): (event: E) => void {
  return (event) => {
    const dimensions = { provider, operation: operationOf(event) };
    metrics.duration('ProviderRequestDuration', event.durationMs, dimensions);
    if (throttled(event)) metrics.count('ProviderThrottle', dimensions);
  };
}
