/**
 * Runs the handler modules the stack deploys in-process, the way Lambda runs them: each coldStart() imports a fresh
 * module graph (composition roots read process.env and build their clients once per container) over the given
 * environment, then the returned function invokes the middy handler with an API Gateway payload 2.0 event.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { vi } from 'vitest';
import type { HttpEvent, HttpResult } from '../../functions/handlers/shared/http';
import { DEFAULT_TIMEOUT_SECONDS, WEBHOOK_TIMEOUT_SECONDS } from '../../functions/contract/timeouts';
import { lambdaContext } from '../../local/api-gateway-event';
import type { HandlerName } from '../../local/routes';
import type { LogEntry } from '../integration/log-capture';

type HandlerModule = { handler: (event: HttpEvent, context: ReturnType<typeof lambdaContext>) => Promise<HttpResult> };

const MODULES: Record<HandlerName, () => Promise<HandlerModule>> = {
  authStart: () => import('../../functions/handlers/authStart'),
  authCallback: () => import('../../functions/handlers/authCallback'),
  status: () => import('../../functions/handlers/status'),
  vapiWebhook: () => import('../../functions/handlers/vapiWebhook'),
};

/** Every variable the handlers read: unset for each cold start unless the test gives it. */
const HANDLER_ENV = [
  'ADMIN_TOKEN',
  'BOOKINGS_TABLE',
  'BUFFER_MINUTES',
  'CONNECTIONS_TABLE',
  'SETTINGS_TABLE',
  'DEFAULT_MANAGER_ID',
  'DEFAULT_TIME_ZONE',
  'DEFAULT_WORKING_HOURS',
  'DYNAMODB_ENDPOINT',
  'GRAPH_BASE_URL',
  'HORIZON_DAYS',
  'INVITE_SIGNING_KEY',
  'INVITE_TTL_HOURS',
  'LOCAL_TOKEN_KEY',
  'MICROSOFT_CLIENT_ID',
  'MICROSOFT_CLIENT_SECRET',
  'MICROSOFT_LOGIN_BASE_URL',
  'MICROSOFT_TENANT_ID',
  'MIN_NOTICE_MINUTES',
  'OAUTH_STATE_TABLE',
  'PUBLIC_BASE_URL',
  'SECRETS_MAX_AGE_SECONDS',
  'SLOT_INTERVAL_MINUTES',
  'SLOT_MINUTES',
  'TENTATIVE_BLOCKS',
  'TOKEN_KMS_KEY_ID',
  'VAPI_AUTH_MODE',
  'VAPI_ROUTES',
  'VAPI_SECRET',
  'VAPI_SECRET_PREVIOUS',
  'WEBHOOK_BUDGET_MS',
] as const;

const SECRET_ENV = ['ADMIN_TOKEN', 'INVITE_SIGNING_KEY', 'MICROSOFT_CLIENT_SECRET', 'VAPI_SECRET'] as const;

export type Invoke = (event: HttpEvent) => Promise<HttpResult>;

/**
 * A cold start of `names` (one shared module graph, as authStart and authCallback share compose-connect) with exactly
 * `env` set (plus dummy AWS credentials and region). The test files undo it with vi.unstubAllEnvs() after each test.
 */
export async function coldStart<N extends HandlerName>(
  names: N[],
  env: Record<string, string>,
): Promise<Record<N, Invoke>> {
  for (const name of [...HANDLER_ENV, ...SECRET_ENV.map((s) => `${s}_ARN`)]) vi.stubEnv(name, undefined);
  const aws = { AWS_REGION: 'us-west-2', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' };
  for (const [name, value] of Object.entries({ ...aws, POWERTOOLS_LOG_LEVEL: 'INFO', ...env })) vi.stubEnv(name, value);
  vi.resetModules();
  const invokes = await Promise.all(
    names.map(async (name) => {
      const { handler } = await MODULES[name]();
      const timeoutMs = (name === 'vapiWebhook' ? WEBHOOK_TIMEOUT_SECONDS : DEFAULT_TIMEOUT_SECONDS) * 1000;
      const invoke: Invoke = (event) => handler(event, lambdaContext(name, timeoutMs));
      return [name, invoke] as const;
    }),
  );
  return Object.fromEntries(invokes) as Record<N, Invoke>;
}

export interface EventChanges {
  /** Replaces the query string (undefined values are left out). */
  query?: Record<string, string | undefined>;
  /** Merged over the fixture's headers; an undefined value removes the header. */
  headers?: Record<string, string | undefined>;
  /** Replaces the fixture's cookies (name=value pairs). */
  cookies?: string[];
  body?: string;
}

/** An API Gateway HTTP API event from test/events/http/<fixture>.json, with query, headers, cookies or body changed. */
export function httpEvent(fixture: string, changes: EventChanges = {}): HttpEvent {
  const file = new URL(`../events/http/${fixture}.json`, import.meta.url);
  const event = JSON.parse(readFileSync(file, 'utf8')) as HttpEvent;
  if (changes.query) {
    const query = defined(changes.query);
    event.queryStringParameters = Object.keys(query).length ? query : undefined;
    event.rawQueryString = new URLSearchParams(query).toString();
  }
  if (changes.headers) event.headers = defined({ ...event.headers, ...changes.headers });
  if (changes.cookies) event.cookies = changes.cookies.length ? changes.cookies : undefined;
  if (changes.body !== undefined) event.body = changes.body;
  return event;
}

/** The entries whose value is not undefined. */
function defined(record: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).filter((e): e is [string, string] => e[1] !== undefined));
}

/** http://127.0.0.1:<port> where nothing listens: connections are refused at once. */
export async function refusingEndpoint(): Promise<string> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return `http://127.0.0.1:${port}`;
}

/**
 * The tables, a refusing DynamoDB endpoint and a local token key: what every webhook cold start needs besides its
 * secrets (a 5xx before any tool call never reaches DynamoDB).
 */
export async function webhookBaseEnv(): Promise<Record<string, string>> {
  return {
    CONNECTIONS_TABLE: 'connections',
    SETTINGS_TABLE: 'settings',
    BOOKINGS_TABLE: 'bookings',
    OAUTH_STATE_TABLE: 'oauth-state',
    DYNAMODB_ENDPOINT: await refusingEndpoint(),
    LOCAL_TOKEN_KEY: randomBytes(32).toString('base64'),
  };
}

/** The log records a failed request left: the error middleware's 'request failed' line(s). */
export const failureLines = (entries: LogEntry[]) => entries.filter((entry) => entry.message === 'request failed');

/** The generic 5xx text every handler shows (functions/handlers/shared/errors.ts publicMessage). */
export const GENERIC_5XX = 'Something went wrong on our side. Please try again later.';

/** The 503 text: Microsoft did not answer in time. */
export const UNAVAILABLE_503 = 'Your calendar provider is not responding right now. Please try again in a few minutes.';

/** What a stack trace or source location looks like in a response body. */
export const STACK_TRACE = /\bat .+:\d+:\d+|\.ts:\d+|node_modules|functions\/|Error:/;
