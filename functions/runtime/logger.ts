/** The structured logger. Log names and ids only: never tokens, codes, states, secrets or raw events. */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Log } from '../domain/ports';

/** Shared Powertools logger (level from POWERTOOLS_LOG_LEVEL / LOG_LEVEL, default INFO). */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'calendar-booking' });

// Per-call keys live on a child logger in async-local scope: appendKeys on the shared logger would leak between
// invocations that overlap (npm start serves many at once in one process).
const scope = new AsyncLocalStorage<Logger>();

/** The logger of the current scope (a tool call's child logger), else the shared one. */
export function currentLogger(): Logger {
  return scope.getStore() ?? logger;
}

/** Runs `work` with a child logger whose every line carries `keys` (and `correlationId`, when given). */
export function withLogKeys<T>(keys: Record<string, unknown>, work: () => T, correlationId?: string): T {
  const child = currentLogger().createChild();
  if (correlationId) child.setCorrelationId(correlationId);
  child.appendKeys(Object.fromEntries(Object.entries(keys).filter(([, v]) => v !== undefined)));
  return scope.run(child, work);
}

/** An error as log keys (name, `reason`, `cause`): the domain's one definition. */
export { errorFields as errorKeys } from '../domain/errors';

/** The domain's Log port, writing through the current scope's logger. */
export const warnLogger: Log = {
  warn: (message, extra) => currentLogger().warn(message, extra ?? {}),
  error: (message, extra) => currentLogger().error(message, extra ?? {}),
};

/** Sink for msal-node's own log lines (PII logging is off in the msal client). */
export const msalLog = (level: 'error' | 'warning', message: string): void =>
  level === 'error' ? currentLogger().error(`msal: ${message}`) : currentLogger().warn(`msal: ${message}`);
