/**
 * The four Lambdas, each with only the environment and grants
 * its handler uses (names from functions/runtime/config.ts).
 */
import { Duration } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Construct } from 'constructs';
import { AppFunction } from './constructs/app-function';
import type { AppSecrets } from './secrets';
import type { BookingStackConfig } from './stack-config';
import type { FunctionName } from '../functions/contract/routes';
import { readBusyPrefetch } from '../functions/contract/prefetch-config';
import { PREFETCH_KEY_PREFIX, REPLAY_KEY_PREFIX, type TableRole } from '../functions/contract/tables';
import {
  DEFAULT_TIMEOUT_SECONDS,
  DEFAULT_WEBHOOK_BUDGET_MS,
  WEBHOOK_TIMEOUT_SECONDS,
} from '../functions/contract/timeouts';

/**
 * Lambda timeout of the webhook: under VAPI's 20 s tool timeout, so VAPI always gets our answer, never its own timeout.
 */
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
  readonly byName: Record<FunctionName, AppFunction>;

  constructor(scope: Construct, id: string, props: AppFunctionsProps) {
    super(scope, id);
    const { config, tables, tokenKey, secrets } = props;
    const make = (handlerName: FunctionName, description: string, timeout = DEFAULT_TIMEOUT): AppFunction =>
      new AppFunction(this, handlerName[0]!.toUpperCase() + handlerName.slice(1), {
        handlerName,
        description,
        timeout,
        logRetention: config.logRetention,
      });
    // Each offered provider: its app's id (and tenant) and its client secret, given together.
    const microsoft = (fn: AppFunction): AppFunction => {
      if (!config.microsoft || !secrets.microsoftClientSecret) return fn;
      fn.addEnvironment('MICROSOFT_CLIENT_ID', config.microsoft.clientId);
      fn.addEnvironment('MICROSOFT_TENANT_ID', config.microsoft.tenantId);
      return fn.useSecret('MICROSOFT_CLIENT_SECRET', secrets.microsoftClientSecret);
    };
    // Google's secret only where codes are exchanged or tokens refreshed (callback, webhook): sending a manager to
    // the sign-in and revoking a grant need the client id alone (the adapter reads the secret when it is used).
    const google = (fn: AppFunction, exchanges = true): AppFunction => {
      if (!config.google || !secrets.googleClientSecret) return fn;
      fn.addEnvironment('GOOGLE_CLIENT_ID', config.google.clientId);
      return exchanges ? fn.useSecret('GOOGLE_CLIENT_SECRET', secrets.googleClientSecret) : fn;
    };
    const providers = (fn: AppFunction, exchanges = true): AppFunction => google(microsoft(fn), exchanges);
    // Disconnecting opens the sealed credentials only to revoke the grant at a provider that has a way to (Google):
    // Decrypt, and nothing where no such provider is offered (Microsoft has no per-grant revocation).
    const revokes = (fn: AppFunction): AppFunction => (config.google ? fn.useTokenKey(tokenKey, ['decrypt']) : fn);

    // The invite key signs invites, the forms' CSRF tokens and the result page's token (compose-connect build()).
    const authStart = providers(
      make('authStart', 'Invite page, its forms (connect, roles, hours, disconnect) → sign-in'),
      false,
    )
      .useSecret('INVITE_SIGNING_KEY', secrets.inviteSigningKey)
      // StateStore.put (conditional PutItem) only.
      .useTable('oauthState', tables.oauthState, ['PutItem'])
      // The manager's page: ConnectionStore.get = GetItem (+ UpdateItem migrating an older item); roles and
      // disconnect = save, a conditional UpdateItem, or DeleteItem when the last connection goes.
      .useTable('connections', tables.connections, ['GetItem', 'UpdateItem', 'DeleteItem'])
      // SettingsStore.get for the page's view of the manager; merge (one UpdateItem) for its hours form.
      .useTable('settings', tables.settings, ['GetItem', 'UpdateItem']);
    revokes(authStart);

    const authCallback = providers(make('authCallback', 'Provider callback: code exchange → sealed connection'))
      .useSecret('INVITE_SIGNING_KEY', secrets.inviteSigningKey)
      // StateStore.consume (conditional DeleteItem) and claimInvite (conditional PutItem).
      .useTable('oauthState', tables.oauthState, ['DeleteItem', 'PutItem'])
      // ConnectionStore (adapters/dynamo/connection-store.ts): get = GetItem (+ UpdateItem migrating an older item);
      // save = conditional UpdateItem (a first connect too); token write-backs and schedules = UpdateItem. A connect
      // never leaves a manager without connections, so never the DeleteItem of save.
      .useTable('connections', tables.connections, ['GetItem', 'UpdateItem'])
      // GenerateDataKey seals the new credentials; Decrypt opens them to read the account's calendars.
      .useTokenKey(tokenKey, ['generateDataKey', 'decrypt']);

    const vapiWebhook = providers(
      make('vapiWebhook', 'POST /vapi/webhook: VAPI tool calls (availability, booking)', WEBHOOK_TIMEOUT),
    )
      // AWSPREVIOUS too: the old secret stays accepted while VAPI moves to the new one (zero failed calls).
      .useSecret('VAPI_SECRET', secrets.vapiSecret, ['AWSCURRENT', 'AWSPREVIOUS'])
      // DynamoReplayGuard: one conditional PutItem per signed request, on `replay#…` keys only (never an OAuth state).
      .useTable('oauthState', tables.oauthState, ['PutItem'], [`${REPLAY_KEY_PREFIX}*`])
      // ConnectionStore.get (+ migration), then UpdateItem only (token write-back, touch, needsReconnect, schedule).
      .useTable('connections', tables.connections, ['GetItem', 'UpdateItem'])
      // SettingsStore.get: the manager's own rules (and manual-mode hours).
      .useTable('settings', tables.settings, ['GetItem'])
      // DynamoBookingStore: tool-call records, caller counters, the slot-lock transactions (Put/Update/Delete of lock
      // items; a move's ConditionCheck on the cells it keeps), retire, holds, moves (the old item becomes a tombstone:
      // Update, never Delete), holderOf reads, and Query for listByManager (the caller's bookings, holds, limits).
      .useTable('bookings', tables.bookings, [
        'GetItem',
        'PutItem',
        'UpdateItem',
        'DeleteItem',
        'ConditionCheckItem',
        'Query',
      ])
      // Decrypt to use a token cache, GenerateDataKey to re-seal it after msal refreshes the tokens.
      .useTokenKey(tokenKey, ['decrypt', 'generateDataKey']);
    // DynamoBusyCache (call-start prefetch): GetItem and PutItem on `prefetch#…` keys only; none when it is off.
    if (readBusyPrefetch(config.bookingEnv))
      vapiWebhook.useTable(
        'oauthState',
        tables.oauthState,
        ['GetItem', 'PutItem'],
        [`${PREFETCH_KEY_PREFIX}*`],
        'Prefetch',
      );
    vapiWebhook.addEnvironment('WEBHOOK_BUDGET_MS', String(WEBHOOK_BUDGET_MS));
    vapiWebhook.emitsMetrics();
    for (const [name, value] of Object.entries(config.bookingEnv)) vapiWebhook.addEnvironment(name, value);

    // Of the providers, only the one that can revoke a grant (disconnect): the others need nothing here.
    const status = google(make('status', 'Operator: GET /calendar/auth/status and the /calendar/admin/ API'), false)
      .useSecret('ADMIN_TOKEN', secrets.adminToken)
      // get = GetItem (+ UpdateItem migrating an older item); role changes and disconnect = save: a conditional
      // UpdateItem, or DeleteItem when the last connection goes (its sealed credentials with it).
      .useTable('connections', tables.connections, ['GetItem', 'UpdateItem', 'DeleteItem'])
      // SettingsStore.get and merge (one UpdateItem returning the merged settings).
      .useTable('settings', tables.settings, ['GetItem', 'UpdateItem'])
      // BookingStore.listByManager (a Query on the manager's bookings) for GET …/bookings; nothing else.
      .useTable('bookings', tables.bookings, ['Query']);
    revokes(status);
    // The zone the bookings listing reads its dates in when neither the manager nor their calendar names one.
    if (config.bookingEnv.DEFAULT_TIME_ZONE)
      status.addEnvironment('DEFAULT_TIME_ZONE', config.bookingEnv.DEFAULT_TIME_ZONE);

    this.byName = { authStart, authCallback, vapiWebhook, status };
  }

  /** Tells every function the public base URL (the OAuth redirect URI and invite links hang off it). */
  setPublicBaseUrl(url: string): void {
    for (const fn of Object.values(this.byName)) fn.addEnvironment('PUBLIC_BASE_URL', url);
  }
}
