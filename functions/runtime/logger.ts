/** The structured logger. Log names and ids only: never tokens, codes, states, secrets or raw events. */
import { Logger } from '@aws-lambda-powertools/logger';

/** Shared Powertools logger (level from POWERTOOLS_LOG_LEVEL / LOG_LEVEL, default INFO). */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'calendar-booking' });

/** The narrow logger the domain and adapters accept (warn, and error for alarms). */
export const warnLogger = {
  warn: (message: string, extra?: Record<string, unknown>) => logger.warn(message, extra ?? {}),
  error: (message: string, extra?: Record<string, unknown>) => logger.error(message, extra ?? {}),
};

/** Sink for msal-node's own log lines (PII logging is off in the msal client). */
export const msalLog = (level: 'error' | 'warning', message: string): void =>
  level === 'error' ? logger.error(`msal: ${message}`) : logger.warn(`msal: ${message}`);
