/** Standalone emulator for poking by hand: `npx tsx local/sandbox/google/serve.ts [port] [calendar.json]`. */
import { loadGoogleSandboxFile } from './calendar-file';
import { createGoogleEmulator } from './emulator';

const [portArg = '4011', calendarPath] = process.argv.slice(2);
const emulator = createGoogleEmulator({ calendar: calendarPath ? loadGoogleSandboxFile(calendarPath) : undefined });
const { baseUrl, close } = await emulator.listen(Number(portArg));
console.log(
  `Google emulator on ${baseUrl}
  consent:  ${baseUrl}/o/oauth2/v2/auth   (accounts.google.com)
  token:    ${baseUrl}/token, ${baseUrl}/revoke   (oauth2.googleapis.com)
  certs:    ${baseUrl}/oauth2/v3/certs   calendar: ${baseUrl}/calendar/v3   (www.googleapis.com)
  dump:     ${baseUrl}/calendar`,
);
process.once('SIGINT', () => void close().then(() => process.exit(0)));
