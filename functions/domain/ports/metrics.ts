/**
 * Figures an operator graphs and alarms on (CloudWatch EMF in AWS). Dimensions name tools, providers, operations and
 * outcomes only: never a secret, a manager's address or anything the caller said.
 */

/** Count metrics. */
export type CountMetric = 'ToolCall' | 'ProviderThrottle' | 'ReconnectRequired' | 'BookingReconciled';

/** Duration metrics (milliseconds). */
export type DurationMetric = 'ToolCallDuration' | 'ProviderRequestDuration';

/** Where the domain and the adapters report figures; the runtime flushes them once per invocation. */
export interface Metrics {
  /** Adds `value` (default 1) to a count with these dimensions. */
  count(name: CountMetric, dimensions?: Readonly<Record<string, string>>, value?: number): void;
  /** Records one duration in milliseconds with these dimensions. */
  duration(name: DurationMetric, ms: number, dimensions?: Readonly<Record<string, string>>): void;
}
