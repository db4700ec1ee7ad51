/** `npm start`: runs the whole product locally until Ctrl-C. See README "Run it locally". */
import { startLocalApp } from '../local/app';

const port = Number(process.env.PORT ?? 3000);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`PORT must be a port number, got "${process.env.PORT}"`);
  process.exit(2);
}

const given = new Set(['VAPI_SECRET', 'ADMIN_TOKEN'].filter((name) => process.env[name]?.trim()));
const generated = (name: string) => (given.has(name) ? '' : '  (generated for this run)');

try {
  const app = await startLocalApp({ port });
  const { env, baseUrl } = app;
  console.log([
    '',
    `Calendar booking back end running at ${baseUrl}`,
    app.sandbox
      ? '  Microsoft: SANDBOX (emulated login and Graph; set MICROSOFT_CLIENT_ID and MICROSOFT_CLIENT_SECRET for real Microsoft)'
      : `  Microsoft: real app registration ${env.MICROSOFT_CLIENT_ID} (tenant ${env.MICROSOFT_TENANT_ID}); redirect URI ${env.PUBLIC_BASE_URL}/calendar/auth/callback`,
    `  DynamoDB Local: ${env.DYNAMODB_ENDPOINT} (in memory)   Token key: local AES key (in place of KMS)`,
    '',
    `  VAPI webhook:  POST ${baseUrl}/vapi/webhook   header X-Vapi-Secret: ${env.VAPI_SECRET}${generated('VAPI_SECRET')}`,
    `  Status:        GET  ${baseUrl}/calendar/auth/status?manager=${env.DEFAULT_MANAGER_ID}   header Authorization: Bearer ${env.ADMIN_TOKEN}${generated('ADMIN_TOKEN')}`,
    app.sandbox ? `  Sandbox calendar: GET ${baseUrl}/_sandbox/calendar` : '',
    `  Health:        GET  ${baseUrl}/health`,
    '',
    `VAPI_SECRET=${env.VAPI_SECRET}`,
    `ADMIN_TOKEN=${env.ADMIN_TOKEN}`,
    `INVITE_SIGNING_KEY=${env.INVITE_SIGNING_KEY}   (more invites: INVITE_SIGNING_KEY=… PUBLIC_BASE_URL=${env.PUBLIC_BASE_URL} npm run invite -- <managerId>)`,
    `Connect calendar: ${app.inviteLink()}`,
    '',
    'Press Ctrl-C to stop.',
  ].filter((line) => line !== '').join('\n'));

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
