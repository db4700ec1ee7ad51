/** The call-start prefetch switch, read the same way by the webhook, npm start and the stack. */
import { ConfigError, type Env } from './env';

const VALUES = ['on', 'off'] as const;

/**
 * BUSY_PREFETCH: `on` (the default) reads a manager's busy time when a call starts, so the call's first
 * get_availability asks no provider; `off` reads it only when asked. Anything else fails fast naming the variable.
 */
export function readBusyPrefetch(env: Env): boolean {
  const raw = env.BUSY_PREFETCH?.trim();
  if (!raw) return true;
  const value = VALUES.find((v) => v === raw.toLowerCase());
  if (!value) throw new ConfigError(`BUSY_PREFETCH must be one of ${VALUES.join(', ')}, got "${raw}"`);
  return value === 'on';
}
