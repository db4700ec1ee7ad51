/**
 * Stack configuration from CDK context (`-c key=value`, cdk.json) or stack props. It is validated at synth with the
 * same readers the functions run at cold start, so a config that synthesizes is one the functions accept.
 */
import { RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Node } from 'constructs';
import { assertManagerId } from '../functions/domain/connect/invite';
import { ConfigError, readBookingDefaults, readRouting, type Env } from '../functions/runtime/config';

/** Thrown at synth when the configuration is missing or malformed; the message names the context key. */
export class StackConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StackConfigError';
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
} as const;

type BookingKey = keyof typeof BOOKING_ENV;

/** Configuration as given: strings from `-c`, or typed values from cdk.json and stack props. */
export type BookingStackConfigInput = {
  /** Application (client) ID of the Entra app registration (required). */
  microsoftClientId?: string;
  /** Entra tenant: 'common' (default), 'organizations', a tenant GUID or a verified domain. */
  microsoftTenantId?: string;
  /** Days to keep function and access logs (a CloudWatch retention value; default 30). */
  logRetentionDays?: number | string;
  /** phoneNumberId/assistantId → managerId, as an object or its JSON. */
  vapiRoutes?: Record<string, string> | string;
} & { [K in Exclude<BookingKey, 'vapiRoutes'>]?: string | number | boolean };

/** Configuration after validation. */
export interface BookingStackConfig {
  microsoftClientId: string;
  microsoftTenantId: string;
  logRetention: RetentionDays;
  /** Webhook environment for the booking settings that were configured (unset ones keep the runtime defaults). */
  bookingEnv: Record<string, string>;
}

/** Every context key the app reads. */
export const CONTEXT_KEYS = ['microsoftClientId', 'microsoftTenantId', 'logRetentionDays', ...Object.keys(BOOKING_ENV)] as const;

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TENANT = /^(common|organizations|consumers|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[a-z0-9-]+(\.[a-z0-9-]+)+)$/i;

/** Reads the configuration from CDK context (cdk.json "context" or `-c key=value`). */
export function configFromContext(node: Node): BookingStackConfigInput {
  const input: Record<string, unknown> = {};
  for (const key of CONTEXT_KEYS) {
    const value: unknown = node.tryGetContext(key);
    if (value !== undefined && value !== null && value !== '') input[key] = value;
  }
  return input as BookingStackConfigInput;
}

function fail(key: string, problem: string, example: string): never {
  throw new StackConfigError(`Invalid CDK context "${key}": ${problem}. Example: -c ${key}=${example}`);
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

/** Runs the functions' own readers over the webhook env, re-labelling their errors with the context key. */
function checkWithRuntimeReaders(env: Env): void {
  let routes: Record<string, string>;
  try {
    readBookingDefaults(env);
    routes = readRouting(env).routes;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    const key = Object.entries(BOOKING_ENV).find(([, name]) => error.message.startsWith(name))?.[0] ?? 'vapiRoutes';
    throw new StackConfigError(`Invalid CDK context "${key}": ${error.message}`);
  }
  const managerIds: [string, string][] = Object.values(routes).map((id) => ['vapiRoutes', id]);
  if (env.DEFAULT_MANAGER_ID) managerIds.push(['defaultManagerId', env.DEFAULT_MANAGER_ID]);
  for (const [key, managerId] of managerIds) {
    try {
      assertManagerId(managerId);
    } catch {
      fail(key, `"${managerId}" is not a manager id (1-128 letters, digits and . _ @ + -)`, key === 'vapiRoutes' ? `'{"<phoneNumberId>":"manager-1"}'` : 'manager-1');
    }
  }
}

/** Validates the configuration; throws StackConfigError with a message naming the offending context key. */
export function resolveConfig(input: BookingStackConfigInput): BookingStackConfig {
  const clientId = input.microsoftClientId?.trim();
  if (!clientId) {
    throw new StackConfigError(
      'Missing CDK context "microsoftClientId": the Application (client) ID of your Entra app registration. ' +
        'Pass -c microsoftClientId=<guid> or set it under "context" in cdk.json ' +
        '(a CI synth may use -c microsoftClientId=00000000-0000-0000-0000-000000000000).',
    );
  }
  if (!GUID.test(clientId)) fail('microsoftClientId', `expected a GUID, got "${clientId}"`, '11111111-2222-3333-4444-555555555555');
  const tenant = input.microsoftTenantId?.trim() || 'common';
  if (!TENANT.test(tenant)) fail('microsoftTenantId', `expected common, organizations, a tenant GUID or a domain, got "${tenant}"`, 'contoso.onmicrosoft.com');
  const days = Number(input.logRetentionDays ?? RetentionDays.ONE_MONTH);
  if (!(Object.values(RetentionDays) as unknown[]).includes(days) || days === RetentionDays.INFINITE) {
    fail('logRetentionDays', `expected a CloudWatch retention such as 7, 30, 90 or 365, got "${input.logRetentionDays}"`, '30');
  }
  if (typeof input.vapiRoutes === 'string' && !/^\s*\{/.test(input.vapiRoutes)) {
    fail('vapiRoutes', 'expected a JSON object of phoneNumberId/assistantId → managerId', `'{"<phoneNumberId>":"manager-1"}'`);
  }
  const tentative = input.tentativeBlocks;
  if (tentative !== undefined && !['true', 'false'].includes(String(tentative).trim().toLowerCase())) {
    fail('tentativeBlocks', `expected true or false, got "${tentative}"`, 'false');
  }
  const env = bookingEnv(input);
  checkWithRuntimeReaders(env);
  return { microsoftClientId: clientId, microsoftTenantId: tenant, logRetention: days as RetentionDays, bookingEnv: env as Record<string, string> };
}
