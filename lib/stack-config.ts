/**
 * Stack configuration from CDK context (`-c key=value`, cdk.json) or stack props. It is validated at synth with the
 * same readers the functions run at cold start, so a config that synthesizes is one the functions accept.
 */
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import { readBookingDefaults } from '../functions/contract/booking-config';
import { readBusyPrefetch } from '../functions/contract/prefetch-config';
import { ConfigError, type Env, gather } from '../functions/contract/env';
import { readRouting } from '../functions/contract/routing-config';
import { readVapiAuthMode } from '../functions/contract/secret-config';
import { readCallerDailyCap, readHoldMinutes, readMailboxRefreshHours } from '../functions/contract/service-config';
import {
  KEEPER_CONTEXT_KEYS,
  type KeeperContextInput,
  type KeeperStackConfig,
  resolveKeeperConfig,
} from './keeper-config';
import { ABUSE_CONTEXT_KEYS, type AbuseConfig, type AbuseConfigInput, resolveAbuseConfig } from './abuse-config';
import { invalid, providerProblems } from './provider-config';

/** Thrown at synth when the configuration is missing or malformed; one line per bad context key, each naming it. */
export class StackConfigError extends Error {
  readonly problems: string[];
  constructor(problems: string[]) {
    super(problems.join('\n'));
    this.name = 'StackConfigError';
    this.problems = problems;
  }
}

/** Booking settings that become webhook environment variables, keyed by context key. */
const BOOKING_ENV = {
  defaultManagerId: 'DEFAULT_MANAGER_ID',
  defaultTimeZone: 'DEFAULT_TIME_ZONE',
  defaultWorkingHours: 'DEFAULT_WORKING_HOURS',
  vapiRoutes: 'VAPI_ROUTES',
  slotMinutes: 'SLOT_MINUTES',
  slotIntervalMinutes: 'SLOT_INTERVAL_MINUTES',
  bufferMinutes: 'BUFFER_MINUTES',
  minNoticeMinutes: 'MIN_NOTICE_MINUTES',
  horizonDays: 'HORIZON_DAYS',
  tentativeBlocks: 'TENTATIVE_BLOCKS',
  mailboxRefreshHours: 'MAILBOX_REFRESH_HOURS',
  holdMinutes: 'HOLD_MINUTES',
  callerDailyCap: 'MAX_BOOKINGS_PER_CALLER_PER_DAY',
  // `hmac`: the webhook refuses the static secret (README, Rotating secrets).
  vapiAuthMode: 'VAPI_AUTH_MODE',
  // `off`: no call-start prefetch of busy time (README, Call-start prefetch); the webhook's grant goes with it.
  busyPrefetch: 'BUSY_PREFETCH',
} as const;

type BookingKey = keyof typeof BOOKING_ENV;

/** One address, as SNS takes it: no spaces, one @, a dot in the domain. */
const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/;

/** Configuration as given: strings from `-c`, or typed values from cdk.json and stack props. */
export type BookingStackConfigInput = {
  /** Application (client) ID of the Entra app registration (this or googleClientId is required). */
  microsoftClientId?: string;
  /** Entra tenant: 'common' (default), 'organizations', a tenant GUID or a verified domain. */
  microsoftTenantId?: string;
  /** OAuth client ID of the Google Cloud web application ("….apps.googleusercontent.com"); offers Google Calendar. */
  googleClientId?: string;
  /** Days to keep function and access logs (a CloudWatch retention value; default 30). */
  logRetentionDays?: number | string;
  /** phoneNumberId/assistantId → managerId, as an object or its JSON. */
  vapiRoutes?: Record<string, string> | string;
  /** An address subscribed to the alarm topic (it must confirm the subscription from the mail SNS sends). */
  alarmEmail?: string;
} & { [K in Exclude<BookingKey, 'vapiRoutes'>]?: string | number | boolean } & KeeperContextInput &
  AbuseConfigInput;

/** Configuration after validation. */
export interface BookingStackConfig {
  /** Microsoft 365, when offered. */
  microsoft?: { clientId: string; tenantId: string };
  /** Google Calendar, when offered. */
  google?: { clientId: string };
  logRetention: RetentionDays;
  /** Webhook environment for the booking settings that were configured (unset ones keep the runtime defaults). */
  bookingEnv: Record<string, string>;
  /** Where alarm notifications are mailed, besides the topic itself. */
  alarmEmail?: string;
  /** The scheduled keeper: its schedule, its KEEPER_* variables and its timeout (lib/keeper-config.ts). */
  keeper: KeeperStackConfig;
  /** The WAF's VAPI allow-list and the functions' reserved concurrency (lib/abuse-config.ts). */
  abuse: AbuseConfig;
}

/** Every context key the app reads. */
export const CONTEXT_KEYS = [
  'microsoftClientId',
  'microsoftTenantId',
  'googleClientId',
  'logRetentionDays',
  'alarmEmail',
  ...Object.keys(BOOKING_ENV),
  ...KEEPER_CONTEXT_KEYS,
  ...ABUSE_CONTEXT_KEYS,
] as const;

/** Reads the configuration from CDK context (cdk.json "context" or `-c key=value`). */
export function configFromContext(node: Node): BookingStackConfigInput {
  const input: Record<string, unknown> = {};
  for (const key of CONTEXT_KEYS) {
    const value: unknown = node.tryGetContext(key);
    if (value !== undefined && value !== null && value !== '') input[key] = value;
  }
  return input as BookingStackConfigInput;
}

function bookingEnv(input: BookingStackConfigInput): Env {
  const env: Env = {};
  for (const [key, name] of Object.entries(BOOKING_ENV) as [BookingKey, string][]) {
    const value = input[key];
    if (value === undefined) continue;
    env[name] = typeof value === 'object' ? JSON.stringify(value) : String(value).trim();
  }
  return env;
}

/** The functions' own readers over the webhook env; each problem is re-labelled with its context key. */
function runtimeProblems(env: Env): string[] {
  try {
    gather({
      booking: () => readBookingDefaults(env),
      routing: () => readRouting(env),
      refresh: () => readMailboxRefreshHours(env),
      hold: () => readHoldMinutes(env),
      cap: () => readCallerDailyCap(env),
      auth: () => readVapiAuthMode(env),
      prefetch: () => readBusyPrefetch(env),
    });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => {
      const key = Object.entries(BOOKING_ENV).find(([, name]) => problem.startsWith(name))?.[0] ?? 'vapiRoutes';
      return `Invalid CDK context "${key}": ${problem}`;
    });
  }
}

/** Validates the configuration; throws StackConfigError listing every bad context key at once. */
export function resolveConfig(input: BookingStackConfigInput): BookingStackConfig {
  const clientId = input.microsoftClientId?.trim();
  const tenant = input.microsoftTenantId?.trim() || 'common';
  const googleId = input.googleClientId?.trim();
  const problems = providerProblems(clientId, tenant, googleId, !!input.microsoftTenantId?.trim());
  const days = Number(input.logRetentionDays ?? RetentionDays.ONE_MONTH);
  if (!(Object.values(RetentionDays) as unknown[]).includes(days) || days === RetentionDays.INFINITE) {
    problems.push(
      invalid(
        'logRetentionDays',
        `expected a CloudWatch retention such as 7, 30, 90 or 365, got "${input.logRetentionDays}"`,
        '30',
      ),
    );
  }
  const env = bookingEnv(input);
  if (typeof input.vapiRoutes === 'string' && !/^\s*\{/.test(input.vapiRoutes)) {
    problems.push(
      invalid(
        'vapiRoutes',
        'expected a JSON object of phoneNumberId/assistantId → managerId',
        `'{"<phoneNumberId>":"manager-1"}'`,
      ),
    );
    delete env.VAPI_ROUTES;
  }
  problems.push(...runtimeProblems(env));
  const alarmEmail = input.alarmEmail === undefined ? undefined : String(input.alarmEmail).trim();
  if (alarmEmail !== undefined && !EMAIL.test(alarmEmail)) {
    problems.push(invalid('alarmEmail', `expected an email address, got "${input.alarmEmail}"`, 'ops@example.com'));
  }
  const { keeper, problems: keeperProblems } = resolveKeeperConfig(input);
  problems.push(...keeperProblems);
  const abuse = resolveAbuseConfig(input);
  problems.push(...abuse.problems);
  if (problems.length || !keeper) throw new StackConfigError(problems);
  return {
    ...(clientId ? { microsoft: { clientId, tenantId: tenant } } : {}),
    ...(googleId ? { google: { clientId: googleId } } : {}),
    logRetention: days as RetentionDays,
    bookingEnv: env as Record<string, string>,
    ...(alarmEmail ? { alarmEmail } : {}),
    keeper,
    abuse: abuse.config,
  };
}
