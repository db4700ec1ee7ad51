/** The whole runtime configuration an operator sets, read at once so a bad start-up names every bad variable. */
import { readBookingDefaults, type BookingDefaults } from '../contract/booking-config';
import {
  readCallerDailyCap,
  readHoldMinutes,
  readInviteTtlHours,
  readLogLevel,
  readMailboxRefreshHours,
  readWebhookBudgetMs,
} from './config';
import { gather, type Env } from '../contract/env';
import { readBusyPrefetch } from '../contract/prefetch-config';
import { readMetricsNamespace } from '../contract/metrics-config';
import { readRouting, type RoutingConfig } from '../contract/routing-config';
import { readSecretsMaxAgeSeconds, readVapiAuthMode, type VapiAuthMode } from '../contract/secret-config';

/** Everything the handlers read that an operator sets, besides tables, secrets and endpoints. */
export interface RuntimeConfig {
  booking: BookingDefaults;
  routing: RoutingConfig;
  webhookBudgetMs: number;
  inviteTtlHours: number;
  mailboxRefreshHours: number;
  holdMinutes: number;
  callerDailyCap: number;
  logLevel: string | undefined;
  /** CloudWatch namespace of the EMF metrics (POWERTOOLS_METRICS_NAMESPACE). */
  metricsNamespace: string;
  /** Seconds a secret is reused before Secrets Manager is asked again (SECRETS_MAX_AGE_SECONDS). */
  secretsMaxAgeSeconds: number;
  /** VAPI_AUTH_MODE: `hmac` refuses the static secret. */
  vapiAuthMode: VapiAuthMode;
  /** BUSY_PREFETCH: read a manager's busy time when a call starts (default on). */
  busyPrefetch: boolean;
}

/** The whole runtime configuration, checked at once: a ConfigError lists every bad variable, one line each. */
export function readRuntimeConfig(env: Env): RuntimeConfig {
  return gather<RuntimeConfig>({
    booking: () => readBookingDefaults(env),
    routing: () => readRouting(env),
    webhookBudgetMs: () => readWebhookBudgetMs(env),
    inviteTtlHours: () => readInviteTtlHours(env),
    mailboxRefreshHours: () => readMailboxRefreshHours(env),
    holdMinutes: () => readHoldMinutes(env),
    callerDailyCap: () => readCallerDailyCap(env),
    logLevel: () => readLogLevel(env),
    metricsNamespace: () => readMetricsNamespace(env),
    secretsMaxAgeSeconds: () => readSecretsMaxAgeSeconds(env),
    vapiAuthMode: () => readVapiAuthMode(env),
    busyPrefetch: () => readBusyPrefetch(env),
  });
}
