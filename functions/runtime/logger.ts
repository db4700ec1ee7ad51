/** The structured logger. Log names and ids only: never tokens, codes, states, secrets or raw events. */
import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@aws-lambda-powertools/logger';
import type { Log } from '../domain/ports';
import { bundleFile, mapStacksLazily } from './stack-traces';

// Every handler's bundle holds this module: its stack traces name the TypeScript sources (see stack-traces.ts).
mapStacksLazily(bundleFile());

/** Shared Powertools logger (level from POWERTOOLS_LOG_LEVEL / LOG_LEVEL, default INFO). */
export const logger = new Logger({ serviceName: process.env.POWERTOOLS_SERVICE_NAME ?? 'calendar-booking' });

type Keys = Record<string, unknown>;

// The keys of the current call live in async-local scope and are merged into each line of the one shared logger:
// appendKeys on it would leak between invocations that overlap (npm start serves many at once in one process), and a
// child logger per call would re-compute cold_start (every line would claim a cold start).
const scope = new AsyncLocalStorage<Keys>();

type Level = 'debug' | 'info' | 'warn' | 'error';

/** The shared logger with the current scope's keys added to every line. */
export interface ScopedLogger extends Log {
  debug(message: string, extra?: Keys): void;
  info(message: string, extra?: Keys): void;
}

const write = (level: Level) => (message: string, extra?: Keys) =>
  logger[level](message, { ...scope.getStore(), ...extra });

const scoped: ScopedLogger = { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };

/** The logger for the current scope (a webhook invocation, one of its tool calls). */
export function currentLogger(): ScopedLogger {
  return scoped;
}

/** Runs `work` with `keys` (and `correlation_id`, when given) on every line it logs; nested scopes add to them. */
export function withLogKeys<T>(keys: Keys, work: () => T, correlationId?: string): T {
  const defined = Object.fromEntries(Object.entries(keys).filter(([, v]) => v !== undefined));
  const next = { ...scope.getStore(), ...(correlationId ? { correlation_id: correlationId } : {}), ...defined };
  return scope.run(next, work);
}

/** An error as log keys (name, `reason`, `cause`): the domain's one definition. */
export { errorFields as errorKeys } from '../domain/errors';

/** The domain's Log port, writing through the current scope. */
export const warnLogger: Log = { warn: scoped.warn, error: scoped.error };

/** Sink for msal-node's own log lines (PII logging is off in the msal client). */
export const msalLog = (level: 'error' | 'warning', message: string): void =>
  level === 'error' ? scoped.error(`msal: ${message}`) : scoped.warn(`msal: ${message}`);
