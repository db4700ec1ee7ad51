/** The structured logger. Log names and ids only: never tokens, codes, states, secrets or raw events. */
import { Logger } from '@aws-lambda-powertools/logger';

/** Shared Powertools logger (level from POWERTOOLS_LOG_LEVEL / LOG_LEVEL, default INFO). */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'calendar-booking' });

/**
 * An error as log keys. `message` is reserved by Powertools Logger (an extra key of that name is silently dropped),
 * so the error's text goes under `reason`, and its cause's under `cause`.
 */
export function errorKeys(error: unknown): { error: string; reason?: string; cause?: string } {
  if (!(error instanceof Error)) return { error: typeof error, reason: error === undefined ? undefined : String(error) };
  const cause = error.cause instanceof Error ? `${error.cause.name}: ${error.cause.message}` : undefined;
  return { error: error.name, reason: error.message, ...(cause ? { cause } : {}) };
}

/** The narrow logger the domain and adapters accept (warn, and error for alarms). */
export const warnLogger = {
  warn: (message: string, extra?: Record<string, unknown>) => logger.warn(message, extra ?? {}),
  error: (message: string, extra?: Record<string, unknown>) => logger.error(message, extra ?? {}),
};

/** Sink for msal-node's own log lines (PII logging is off in the msal client). */
export const msalLog = (level: 'error' | 'warning', message: string): void =>
  level === 'error' ? logger.error(`msal: ${message}`) : logger.warn(`msal: ${message}`);
