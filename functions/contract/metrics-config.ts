/**
 * Where the functions' metrics go (CloudWatch EMF), read the same way by the functions and the stack's alarms: the
 * namespace (POWERTOOLS_METRICS_NAMESPACE, the stack sets its own name) and the `service` dimension Powertools adds.
 */
import { ConfigError, type Env } from './env';

/** The namespace when none is set: the default stack name (npm start, with metrics on, writes where a deploy does). */
export const DEFAULT_METRICS_NAMESPACE = 'VoiceCalendarBooking';

/** The `service` dimension on every metric (fixed, so alarms can name it whatever POWERTOOLS_SERVICE_NAME says). */
export const METRICS_SERVICE = 'calendar-booking';

// CloudWatch's rule for a namespace: up to 255 of A–Z a–z 0–9 . - _ / # : and space, not starting with "AWS/".
const NAMESPACE = /^[A-Za-z0-9.\-_/#: ]{1,255}$/;

/** POWERTOOLS_METRICS_NAMESPACE, checked (an invalid one would make CloudWatch drop every figure silently). */
export function readMetricsNamespace(env: Env): string {
  const raw = env.POWERTOOLS_METRICS_NAMESPACE?.trim();
  if (!raw) return DEFAULT_METRICS_NAMESPACE;
  if (!NAMESPACE.test(raw) || raw.startsWith('AWS/')) {
    const rule = 'up to 255 of A-Z a-z 0-9 . - _ / # : and space, not starting with "AWS/"';
    throw new ConfigError(`POWERTOOLS_METRICS_NAMESPACE must be ${rule}, got "${raw}"`);
  }
  return raw;
}
