/** Composition root of the VAPI webhook: stores, cipher, the calendar providers and the two tools. */
import { randomUUID } from 'node:crypto';
import { DynamoBookingStore } from '../adapters/dynamo/booking-store';
import { DynamoBusyCache } from '../adapters/dynamo/busy-cache';
import { DynamoConnectionStore } from '../adapters/dynamo/connection-store';
import { DynamoReplayGuard } from '../adapters/dynamo/replay-guard';
import { DynamoSettingsStore } from '../adapters/dynamo/settings-store';
import { sha256 } from '../domain/connect/oauth-transaction';
import type { Deadline, ReplayGuard } from '../domain/ports';
import { PREFETCH_SPENDING_TOOLS, spendingPrefetch } from '../domain/scheduling/busy-prefetch';
import { type AgentDeps, TOOL_NAMES, TOOL_TABLE, type ToolEntry } from '../domain/tools/table';
import type { ToolHandlers } from '../domain/vapi/dispatch';
import { buildCalendars } from './calendar-registry';
import { readTables, type VapiAuthMode } from './config';
import { cipherFor, documentClient, once, secretsFor } from './factories';
import { warnLogger } from './logger';
import { createMetrics, type MetricsSink } from './metrics';
import { readRuntimeConfig } from './runtime-config';

export interface WebhookDeps extends AgentDeps {
  budgetMs: number;
  /** Tool calls, provider round trips and reconnects, flushed once per invocation (vapiWebhook's middleware). */
  metrics: MetricsSink;
  /** Accepted webhook secrets: the current one, and the previous one while a rotation settles. */
  vapiSecrets(): Promise<string[]>;
  /** VAPI_AUTH_MODE: `hmac` refuses the static secret. */
  vapiAuthMode: VapiAuthMode;
  /** Signatures already admitted (replay records in the OAuth state table). */
  replays: ReplayGuard;
}

/** Everything the webhook needs, built once per container. */
export const webhookDeps = once(async (): Promise<WebhookDeps> => {
  const env = process.env;
  // First, so a bad configuration names every bad variable before anything is built.
  const config = readRuntimeConfig(env);
  const tables = readTables(env, ['connections', 'settings', 'bookings', 'oauthState']);
  const secrets = secretsFor(env, ['vapiSecret']);
  const doc = documentClient(env);
  const connections = new DynamoConnectionStore(doc, tables.connections);
  const cipher = cipherFor(env);
  const metrics = createMetrics(env);
  const shared = { connections, cipher, secrets, log: warnLogger, clock: Date.now, metrics };
  // Cold start: the webhook secret (AWSCURRENT and AWSPREVIOUS) is read beside the providers' client secrets, not
  // after them. Its failure is left to the request's authentication, which reads it again (failures are not cached).
  // Calendars only (calendar-registry.ts): the connect flow and its msal are not in this bundle.
  const [calendars] = await Promise.all([
    buildCalendars(env, shared),
    secrets.versions('vapiSecret').catch(() => undefined),
  ]);
  return {
    connections,
    settings: new DynamoSettingsStore(doc, tables.settings),
    bookings: new DynamoBookingStore(doc, tables.bookings),
    calendars,
    defaults: config.booking,
    routing: config.routing,
    scheduleRefreshMs: config.mailboxRefreshHours * 3_600_000,
    holdMinutes: config.holdMinutes,
    maxBookingsPerCallerPerDay: config.callerDailyCap,
    clock: Date.now,
    log: warnLogger,
    metrics,
    budgetMs: config.webhookBudgetMs,
    // AWSCURRENT and AWSPREVIOUS deployed (VAPI_SECRET_PREVIOUS inline locally), re-read after SECRETS_MAX_AGE_SECONDS.
    vapiSecrets: () => secrets.versions('vapiSecret'),
    vapiAuthMode: config.vapiAuthMode,
    replays: new DynamoReplayGuard(doc, tables.oauthState),
    // BUSY_PREFETCH=off: no cache at all, so every read is live and a call start reads nothing.
    ...(config.busyPrefetch ? { busyCache: new DynamoBusyCache(doc, tables.oauthState) } : {}),
  };
});

/**
 * Every tool of the table bound to this invocation's deadline. Legacy function-calls carry no tool-call id of their
 * own: one is derived from the arguments, which the claim key scopes to the call (random without a call id).
 */
export function toolHandlers(deps: WebhookDeps, deadline: Deadline, legacy = false): ToolHandlers {
  const bind = (tool: ToolEntry<unknown>) => (args: unknown, call: Parameters<ToolEntry<unknown>['run']>[1]) => {
    const toolCallId = !legacy
      ? call.toolCallId
      : call.context.callId
        ? `function-call:${sha256(JSON.stringify(args))}`
        : `function-call:${randomUUID()}`;
    return tool.run(args, { ...call, toolCallId }, deps, deadline);
  };
  // A write of the call (booking, hold, move, cancel) marks its prefetch spent alongside: its next read is live.
  const spending =
    (run: ReturnType<typeof bind>): ReturnType<typeof bind> =>
    (args, call) =>
      spendingPrefetch(call.context.callId, deps, () => run(args, call));
  return Object.fromEntries(
    TOOL_NAMES.map((name) => {
      const run = bind(TOOL_TABLE[name] as ToolEntry<unknown>);
      return [name, PREFETCH_SPENDING_TOOLS.includes(name) ? spending(run) : run];
    }),
  ) as ToolHandlers;
}
