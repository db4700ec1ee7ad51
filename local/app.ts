/**
 * Boots the whole product locally: DynamoDB Local with the stack's table definitions, a local key instead of KMS,
 * the provider sandboxes (each unless its real app credentials are set), and the handler modules the stack deploys.
 * Used by `npm start` and by the integration tests.
 */
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createInviteToken, inviteUrl } from '../functions/domain/connect/invite';
import { readInviteTtlHours } from '../functions/contract/service-config';
import { type TableRole, tableEnv } from '../functions/contract/tables';
import { createTables, dynamoClientFor, startDynamoLocal, type DynamoLocal } from './dynamo-local';
import type { GoogleEmulator, GoogleSandboxFile } from './sandbox/google';
import type { MicrosoftEmulator, SandboxCalendarFile } from './sandbox/microsoft';
import { type LocalKeeper, startLocalKeeper } from './keeper';
import { createSandboxes, type Sandboxes } from './sandboxes';
import { createLocalServer, type LocalRoute } from './server';
import { loadRoutes, type HandlerName } from './routes';

export interface LocalAppOptions {
  /** Port to listen on; 0 picks a free one. */
  port?: number;
  host?: string;
  /** Variables layered over process.env (handlers read process.env once, at cold start). */
  env?: Record<string, string | undefined>;
  /** Reuse a running DynamoDB Local (tests) instead of starting one. */
  dynamoEndpoint?: string;
  /** Microsoft sandbox calendar; defaults to SANDBOX_CALENDAR_FILE, else the demo calendar. */
  calendar?: SandboxCalendarFile;
  /** Google sandbox calendar; defaults to SANDBOX_GOOGLE_CALENDAR_FILE, else the Google demo calendar. */
  googleCalendar?: GoogleSandboxFile;
  tablePrefix?: string;
  /** Run these bundled handler files (esbuild output, as deployed) instead of the TypeScript sources. */
  bundles?: Partial<Record<HandlerName, string>>;
  /**
   * The host name the browser reaches the sandboxes' sign-in under (default localhost, the app's own). 127.0.0.1 puts
   * sign-in on another origin, as the providers' is in production, so a browser enforces the pages' form-action on it.
   */
  sandboxLoginHost?: 'localhost' | '127.0.0.1';
  /** The dice of the sandboxes' fault `rate` (POST /_sandbox/faults); default Math.random. */
  sandboxRandom?: () => number;
}

export interface LocalApp {
  baseUrl: string;
  /** The variables the handlers run with (includes generated secrets). */
  env: Record<string, string>;
  /** True when the Microsoft sandbox stands in for Microsoft 365 (no MICROSOFT_CLIENT_ID and secret). */
  sandbox: boolean;
  emulator?: MicrosoftEmulator;
  /** The Google sandbox, when it stands in for Google (no GOOGLE_CLIENT_ID and secret). */
  googleEmulator?: GoogleEmulator;
  /** A fresh invite link for a manager (default: DEFAULT_MANAGER_ID). */
  inviteLink(managerId?: string): string;
  stop(): Promise<void>;
}

const secret = () => randomBytes(24).toString('base64url');

/** Starts everything and resolves once /health answers 200. */
export async function startLocalApp(options: LocalAppOptions = {}): Promise<LocalApp> {
  const given = { ...process.env, ...options.env };
  const routes: LocalRoute[] = [];
  let ready = false;
  let sandboxes: Sandboxes | undefined;
  let keeper: LocalKeeper | undefined;
  const allowedHosts: string[] = [];
  const server = createLocalServer({
    routes,
    allowedHosts,
    isReady: () => ready,
    sandbox: (req, res, path) => (sandboxes ? sandboxes.handle(req, res, path) : Promise.resolve(false)),
    local: (req, res, path) => (keeper ? keeper.handle(req, res, path) : Promise.resolve(false)),
  });
  const wanted = options.port ?? 3000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `Port ${wanted} is already in use. Stop whatever is using it, ` +
                `or pick another: PORT=${wanted + 1} npm start`,
            )
          : error,
      ),
    );
    server.listen(wanted, options.host ?? given.HOST ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const baseUrl = `http://localhost:${port}`;
  let dynamo: DynamoLocal | undefined;
  const stopAll = async () => {
    keeper?.stop();
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // close() only stops accepting: it would wait for in-flight requests (a webhook can take 18 s) before Ctrl-C exits.
    server.closeAllConnections();
    await closed;
    await dynamo?.stop();
  };
  try {
    // Inside the try: the server already listens, so a DynamoDB Local that fails to start must still close it.
    dynamo = options.dynamoEndpoint ? undefined : await startDynamoLocal();
    const endpoint = options.dynamoEndpoint ?? dynamo!.endpoint;
    const tables = await createTables(dynamoClientFor(endpoint), { prefix: options.tablePrefix ?? `local-${port}-` });
    sandboxes = createSandboxes({
      given,
      port,
      baseUrl,
      loginHost: options.sandboxLoginHost ?? 'localhost',
      calendar: options.calendar,
      googleCalendar: options.googleCalendar,
      random: options.sandboxRandom,
    });
    const env: Record<string, string> = {
      AWS_REGION: given.AWS_REGION ?? 'local',
      AWS_ACCESS_KEY_ID: given.AWS_ACCESS_KEY_ID ?? 'local',
      AWS_SECRET_ACCESS_KEY: given.AWS_SECRET_ACCESS_KEY ?? 'local',
      POWERTOOLS_LOG_LEVEL: given.POWERTOOLS_LOG_LEVEL ?? given.LOG_LEVEL ?? 'WARN',
      // EMF lines are for CloudWatch; locally they would bury the log. POWERTOOLS_METRICS_DISABLED=false shows them.
      POWERTOOLS_METRICS_DISABLED: given.POWERTOOLS_METRICS_DISABLED?.trim() || 'true',
      DYNAMODB_ENDPOINT: endpoint,
      // Every table of functions/contract/tables.ts, under the variable the functions read its name from.
      ...Object.fromEntries((Object.keys(tables) as TableRole[]).map((role) => [tableEnv[role], tables[role]])),
      PUBLIC_BASE_URL: given.PUBLIC_BASE_URL?.trim() || baseUrl,
      LOCAL_TOKEN_KEY: randomBytes(32).toString('base64'),
      INVITE_SIGNING_KEY: given.INVITE_SIGNING_KEY?.trim() || secret(),
      VAPI_SECRET: given.VAPI_SECRET?.trim() || secret(),
      ADMIN_TOKEN: given.ADMIN_TOKEN?.trim() || secret(),
      DEFAULT_MANAGER_ID: given.DEFAULT_MANAGER_ID?.trim() || 'demo-manager',
      ...sandboxes.env,
    };
    for (const name of [
      'VAPI_ROUTES',
      'DEFAULT_TIME_ZONE',
      'DEFAULT_WORKING_HOURS',
      'SLOT_MINUTES',
      'SLOT_INTERVAL_MINUTES',
      'BUFFER_MINUTES',
      'MIN_NOTICE_MINUTES',
      'HORIZON_DAYS',
      'TENTATIVE_BLOCKS',
      'WEBHOOK_BUDGET_MS',
      'INVITE_TTL_HOURS',
      'MAILBOX_REFRESH_HOURS',
      'HOLD_MINUTES',
      'MAX_BOOKINGS_PER_CALLER_PER_DAY',
      'KEEPER_IDLE_DAYS',
      'KEEPER_BATCH_SIZE',
      'KEEPER_BUDGET_SECONDS',
      'KEEPER_INTERVAL_MINUTES',
    ]) {
      if (given[name]?.trim()) env[name] = given[name]!.trim();
    }
    // Explicit overrides reach the handlers too (e.g. TOKEN_KMS_KEY_ID in the benchmark), unless computed above.
    for (const [name, value] of Object.entries(options.env ?? {}))
      if (value !== undefined && !(name in env)) env[name] = value;
    for (const name of sandboxes.unset) delete process.env[name];
    Object.assign(process.env, env);
    // A public base URL (a tunnel, say) is a name browsers and VAPI will use for this server.
    if (given.PUBLIC_BASE_URL?.trim()) allowedHosts.push(new URL(env.PUBLIC_BASE_URL!).hostname.toLowerCase());
    routes.push(...(await loadRoutes(options.bundles)));
    // The keeper the stack schedules: on a timer here, and on demand at POST /_local/keeper.
    keeper = startLocalKeeper(env);
    ready = true;
    return {
      baseUrl,
      env,
      sandbox: sandboxes.microsoft !== undefined,
      emulator: sandboxes.microsoft,
      googleEmulator: sandboxes.google,
      inviteLink: (managerId = env.DEFAULT_MANAGER_ID!) =>
        inviteUrl(
          env.PUBLIC_BASE_URL!,
          createInviteToken(managerId, env.INVITE_SIGNING_KEY!, Date.now(), readInviteTtlHours(env)),
        ),
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}
