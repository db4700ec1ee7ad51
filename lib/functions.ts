/** The four Lambdas, each with only the environment and grants its handler uses (names from functions/runtime/config.ts). */
import { Duration } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { AppFunction } from './constructs/app-function';
import type { RouteName } from './api';
import type { AppSecrets } from './secrets';
import type { BookingStackConfig } from './stack-config';
import type { TableRole } from '../functions/contract/tables';
import {
  DEFAULT_TIMEOUT_SECONDS,
  DEFAULT_WEBHOOK_BUDGET_MS,
  WEBHOOK_TIMEOUT_SECONDS,
} from '../functions/contract/timeouts';

/** Lambda timeout of the webhook: under VAPI's 20 s tool timeout, so VAPI always gets our answer, never its own timeout. */
export const WEBHOOK_TIMEOUT = Duration.seconds(WEBHOOK_TIMEOUT_SECONDS);

/** The webhook's own deadline budget (WEBHOOK_BUDGET_MS), well inside its Lambda timeout. */
export const WEBHOOK_BUDGET_MS = DEFAULT_WEBHOOK_BUDGET_MS;

/** Timeout of the browser-facing and status functions. */
export const DEFAULT_TIMEOUT = Duration.seconds(DEFAULT_TIMEOUT_SECONDS);

export interface AppFunctionsProps {
  config: BookingStackConfig;
  tables: Record<TableRole, Table>;
  tokenKey: IKey;
  secrets: AppSecrets;
}

/** Creates the functions; `publicBaseUrl` is wired later because the API needs the functions first. */
export class AppFunctions extends Construct {
  readonly byRoute: Record<RouteName, AppFunction>;

  constructor(scope: Construct, id: string, props: AppFunctionsProps) {
    super(scope, id);
    const { config, tables, tokenKey, secrets } = props;
    const make = (handlerName: RouteName, description: string, timeout = DEFAULT_TIMEOUT): AppFunction =>
      new AppFunction(this, handlerName[0]!.toUpperCase() + handlerName.slice(1), {
        handlerName,
        description,
        timeout,
        logRetention: config.logRetention,
      });
    const microsoft = (fn: AppFunction): AppFunction => {
      fn.addEnvironment('MICROSOFT_CLIENT_ID', config.microsoftClientId);
      fn.addEnvironment('MICROSOFT_TENANT_ID', config.microsoftTenantId);
      return fn.useSecret('MICROSOFT_CLIENT_SECRET', secrets.microsoftClientSecret);
    };

    const authStart = microsoft(make('authStart', 'GET /calendar/auth/start: invite link → Microsoft sign-in'))
      .useSecret('INVITE_SIGNING_KEY', secrets.inviteSigningKey)
      // StateStore.put (conditional PutItem) only.
      .useTable('oauthState', tables.oauthState, ['PutItem']);

    const authCallback = microsoft(
      make('authCallback', 'GET /calendar/auth/callback: code exchange → sealed connection'),
    )
      // StateStore.consume (conditional DeleteItem) and claimInvite (conditional PutItem).
      .useTable('oauthState', tables.oauthState, ['DeleteItem', 'PutItem'])
      // ConnectionStore.get/put; UpdateItem for a token-cache write-back msal may make while the mailbox is read.
      .useTable('connections', tables.connections, ['GetItem', 'PutItem', 'UpdateItem'])
      .useTokenKey(tokenKey, ['generateDataKey', 'decrypt']);
    // A fresh connection falls back to these when the mailbox has no working hours (compose-connect readBookingDefaults).
    for (const name of ['DEFAULT_TIME_ZONE', 'DEFAULT_WORKING_HOURS']) {
      if (config.bookingEnv[name]) authCallback.addEnvironment(name, config.bookingEnv[name]);
    }

    const vapiWebhook = microsoft(
      make('vapiWebhook', 'POST /vapi/webhook: VAPI tool calls (availability, booking)', WEBHOOK_TIMEOUT),
    )
      .useSecret('VAPI_SECRET', secrets.vapiSecret)
      // ConnectionStore.get, then UpdateItem only (token write-back, touch, needsReconnect): never a new connection.
      .useTable('connections', tables.connections, ['GetItem', 'UpdateItem'])
      // DynamoBookingStore: tool-call records, the slot-lock transactions (Put/Update/Delete items, no ConditionCheck),
      // retire (Update + Delete), holderOf reads, and Query for listByManager (the 3-bookings-per-call limit).
      .useTable('bookings', tables.bookings, ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query'])
      // Decrypt to use a token cache, GenerateDataKey to re-seal it after msal refreshes the tokens.
      .useTokenKey(tokenKey, ['decrypt', 'generateDataKey']);
    vapiWebhook.addEnvironment('WEBHOOK_BUDGET_MS', String(WEBHOOK_BUDGET_MS));
    for (const [name, value] of Object.entries(config.bookingEnv)) vapiWebhook.addEnvironment(name, value);

    const status = make('status', 'GET /calendar/auth/status: connection status for the operator')
      .useSecret('ADMIN_TOKEN', secrets.adminToken)
      .useTable('connections', tables.connections, ['GetItem']);

    this.byRoute = { authStart, authCallback, vapiWebhook, status };
  }

  /** Tells every function the public base URL (the OAuth redirect URI and invite links hang off it). */
  setPublicBaseUrl(url: string): void {
    for (const fn of Object.values(this.byRoute)) fn.addEnvironment('PUBLIC_BASE_URL', url);
  }
}
