/** `npm start`: runs the whole product locally until Ctrl-C. See README "Run it locally". */
import { ConfigError } from '../functions/contract/env';
import { readStartupConfig, type StartupConfig } from '../local/startup-config';

const USAGE = `Usage: npm start

Runs the whole product on http://localhost:$PORT (default 3000): DynamoDB Local, a local key in place of KMS, the
Microsoft sandbox (unless MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET are set), the Google sandbox (unless
GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET are set) and the four API routes.
Configuration is read from the environment (README "The local contract"); a bad value stops start-up with a line
naming the variable. Ctrl-C stops everything.`;

if (process.argv.slice(2).some((arg) => arg === '--help' || arg === '-h')) {
  console.log(USAGE);
  process.exit(0);
}

// Checked before anything else is printed or started (DynamoDB Local included).
let startup: StartupConfig;
try {
  startup = readStartupConfig(process.env);
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  for (const problem of error.problems) console.error(`Configuration error: ${problem}`);
  process.exit(2);
}

const { startLocalApp } = await import('../local/app');
const given = new Set(['VAPI_SECRET', 'ADMIN_TOKEN'].filter((name) => process.env[name]?.trim()));
const generated = (name: string) => (given.has(name) ? '' : '  (generated for this run)');

try {
  const app = await startLocalApp({
    port: startup.port,
    calendar: startup.calendar,
    googleCalendar: startup.googleCalendar,
  });
  const { env, baseUrl } = app;
  console.log(
    [
      '',
      `Calendar booking back end running at ${baseUrl}`,
      app.sandbox
        ? '  Microsoft: SANDBOX (emulated login and Graph; ' +
          'set MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET for real Microsoft)'
        : `  Microsoft: real app registration ${env.MICROSOFT_CLIENT_ID} (tenant ${env.MICROSOFT_TENANT_ID}); ` +
          `redirect URI ${env.PUBLIC_BASE_URL}/calendar/auth/callback`,
      app.googleEmulator
        ? '  Google:    SANDBOX (emulated consent, tokens and Calendar; ' +
          'set GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET for real Google)'
        : `  Google:    real OAuth client ${env.GOOGLE_CLIENT_ID}; ` +
          `redirect URI ${env.PUBLIC_BASE_URL}/calendar/auth/callback`,
      `  DynamoDB Local: ${env.DYNAMODB_ENDPOINT} (in memory)   Token key: local AES key (in place of KMS)`,
      '',
      `  VAPI webhook:  POST ${baseUrl}/vapi/webhook   ` +
        (process.env.VAPI_AUTH_MODE?.trim().toLowerCase() === 'hmac'
          ? `HMAC only: x-signature over "<x-timestamp>.<body>" with ${env.VAPI_SECRET}${generated('VAPI_SECRET')}`
          : `header X-Vapi-Secret: ${env.VAPI_SECRET}${generated('VAPI_SECRET')}`),
      `  Status:        GET  ${baseUrl}/calendar/auth/status?manager=${env.DEFAULT_MANAGER_ID}   ` +
        `header Authorization: Bearer ${env.ADMIN_TOKEN}${generated('ADMIN_TOKEN')}`,
      app.sandbox ? `  Sandbox calendar: GET ${baseUrl}/_sandbox/calendar` : '',
      app.googleEmulator ? `  Google sandbox calendar: GET ${baseUrl}/_sandbox/google/calendar` : '',
      `  Health:        GET  ${baseUrl}/health`,
      '',
      `VAPI_SECRET=${env.VAPI_SECRET}`,
      `ADMIN_TOKEN=${env.ADMIN_TOKEN}`,
      `INVITE_SIGNING_KEY=${env.INVITE_SIGNING_KEY}   ` +
        `(more invites: INVITE_SIGNING_KEY=… PUBLIC_BASE_URL=${env.PUBLIC_BASE_URL} npm run invite -- <managerId>)`,
      `Connect calendar: ${app.inviteLink()}`,
      '',
      'Press Ctrl-C to stop.',
    ]
      .filter((line) => line !== '')
      .join('\n'),
  );

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\n${signal}: stopping…`);
    await app.stop().catch((e: Error) => console.error(e.message));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  console.error(`Could not start: ${(error as Error).message}`);
  process.exit(1);
}
