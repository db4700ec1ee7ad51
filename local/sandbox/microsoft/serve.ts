/** Standalone emulator for poking by hand: `npx tsx local/sandbox/microsoft/serve.ts [port] [calendar.json]`. */
import { loadSandboxCalendar } from './calendar-file';
import { createMicrosoftEmulator } from './emulator';

const [portArg = '4010', calendarPath] = process.argv.slice(2);
const emulator = createMicrosoftEmulator({ calendar: calendarPath ? loadSandboxCalendar(calendarPath) : undefined });
const { baseUrl, close } = await emulator.listen(Number(portArg));
console.log(
  `Microsoft emulator on ${baseUrl}
  sign-in:  ${baseUrl}/login/common/oauth2/v2.0/authorize  ` +
    `(msal: rewrite https://login.microsoftonline.com -> ${baseUrl}/login)
  Graph:    ${baseUrl}/graph/v1.0
  calendar: ${baseUrl}/calendar`,
);
process.once('SIGINT', () => void close().then(() => process.exit(0)));
