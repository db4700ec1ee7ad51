/** Composition root of the VAPI webhook: stores, cipher, the calendar providers and the two tools. */
import { randomUUID } from 'node:crypto';
import { DynamoBookingStore } from '../adapters/dynamo/booking-store';
import { DynamoConnectionStore } from '../adapters/dynamo/connection-store';
import { DynamoSettingsStore } from '../adapters/dynamo/settings-store';
import { sha256 } from '../domain/connect/oauth-transaction';
import type { Deadline } from '../domain/ports';
import { getAvailability } from '../domain/scheduling/availability-tool';
import { type BookingDeps, setAppointment } from '../domain/scheduling/booking-tool';
import type { ToolHandlers } from '../domain/vapi/dispatch';
import { readTables } from './config';
import { cipherFor, documentClient, once, secretsFor } from './factories';
import { warnLogger } from './logger';
import { buildProviders } from './provider-registry';
import { readRuntimeConfig } from './runtime-config';

export interface WebhookDeps extends BookingDeps {
  budgetMs: number;
  /** Accepted webhook secrets (current; a previous one can be added during rotation). */
  vapiSecrets(): Promise<string[]>;
}

/** Everything the webhook needs, built once per container. */
export const webhookDeps = once(async (): Promise<WebhookDeps> => {
  const env = process.env;
  // First, so a bad configuration names every bad variable before anything is built.
  const config = readRuntimeConfig(env);
  const tables = readTables(env, ['connections', 'settings', 'bookings']);
  const secrets = secretsFor(env, ['vapiSecret']);
  const doc = documentClient(env);
  const connections = new DynamoConnectionStore(doc, tables.connections);
  const cipher = cipherFor(env);
  const providers = await buildProviders(env, { connections, cipher, secrets, log: warnLogger, clock: Date.now });
  return {
    connections,
    settings: new DynamoSettingsStore(doc, tables.settings),
    bookings: new DynamoBookingStore(doc, tables.bookings),
    calendars: providers.access,
    defaults: config.booking,
    routing: config.routing,
    scheduleRefreshMs: config.mailboxRefreshHours * 3_600_000,
    clock: Date.now,
    log: warnLogger,
    budgetMs: config.webhookBudgetMs,
    vapiSecrets: async () => {
      const previous = env.VAPI_SECRET_PREVIOUS?.trim();
      return previous ? [await secrets.get('vapiSecret'), previous] : [await secrets.get('vapiSecret')];
    },
  };
});

/** The two tools bound to this invocation's deadline. Legacy function-calls carry no tool-call id of their own. */
export function toolHandlers(deps: WebhookDeps, deadline: Deadline, legacy = false): ToolHandlers {
  return {
    get_availability: (args, call) => getAvailability(args, call, deps, deadline),
    set_appointment: (args, call) => {
      // A legacy call without a call id has nothing to be idempotent on: a random key keeps callers apart.
      const toolCallId = !legacy
        ? call.toolCallId
        : call.context.callId
          ? `function-call:${sha256(JSON.stringify(args))}`
          : `function-call:${randomUUID()}`;
      return setAppointment(args, { ...call, toolCallId }, deps, deadline);
    },
  };
}
