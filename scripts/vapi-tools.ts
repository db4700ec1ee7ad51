/**
 * Prints the JSON bodies to create our tools in VAPI (POST https://api.vapi.ai/tool), one per tool.
 *   npm run vapi:tools -- --url https://<api>/vapi/webhook [--timeout 20] [--credential-id cred_…]
 * Authentication: create a Bearer credential in VAPI whose token is our webhook secret (header Authorization with
 * the Bearer prefix, or header X-Vapi-Secret with the prefix off) and pass its id as --credential-id. The secret itself
 * is never printed here. stdout carries only the JSON; help goes to stdout, problems and warnings to stderr.
 */
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { vapiToolPayloads } from '../functions/domain/vapi/tools';

const USAGE =
  'Usage: npm run vapi:tools -- --url <https webhook url> [--timeout <1-300 seconds, default 20>] ' +
  '[--credential-id <VAPI credential id>]';

/** What `--help` / `-h` prints. */
export const HELP = `${USAGE}

Prints the JSON bodies for VAPI's POST https://api.vapi.ai/tool on stdout, one per tool: get_availability,
set_appointment, find_appointment, hold_slot, reschedule_appointment, cancel_appointment.
Holds are released when the call ends: add "status-update" and "end-of-call-report" to the assistant's
serverMessages (beside "tool-calls"), with the same server URL and credential.
  --url <url>              the stack's WebhookUrl output (https://<api>/vapi/webhook)
  --timeout <seconds>      how long VAPI waits for a tool call, 1-300 (default 20)
  --credential-id <id>     the VAPI credential that carries our webhook secret; without it every call gets a 401
  -h, --help               print this help
Credential: aws secretsmanager get-secret-value --secret-id VoiceCalendarBooking/vapi-webhook-secret \\
  --query SecretString --output text, then in VAPI create a Bearer credential with that secret (header
  Authorization with the Bearer prefix, or header X-Vapi-Secret without it) and pass its id here.`;

/** Printed on stderr when --credential-id is missing: the tools would reach the webhook without its secret. */
export const NO_CREDENTIAL_WARNING =
  'Warning: no --credential-id. VAPI will send no webhook secret, so every tool ' +
  'call would get a 401. Create a Bearer credential in VAPI whose token is the value of the secret ' +
  '<stack>/vapi-webhook-secret (README "Deploy to AWS", step 5) and pass its id as --credential-id.';

/** What a run writes and its exit code; main() performs it. */
export interface VapiToolsRun {
  code: number;
  stdout: string;
  stderr: string;
}

const failure = (problem: string): VapiToolsRun => ({ code: 2, stdout: '', stderr: `${problem}\n${USAGE}\n` });

/** Runs the command for `argv` (everything after `--`) without touching the process. */
export function runVapiTools(argv: string[]): VapiToolsRun {
  let values: { url?: string; timeout?: string; 'credential-id'?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        url: { type: 'string' },
        timeout: { type: 'string' },
        'credential-id': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }));
  } catch (error) {
    if (argv.includes('--help') || argv.includes('-h')) return { code: 0, stdout: `${HELP}\n`, stderr: '' };
    return failure(error instanceof Error ? error.message : 'Invalid arguments.');
  }
  if (values.help) return { code: 0, stdout: `${HELP}\n`, stderr: '' };
  if (!values.url) return failure('Missing --url.');
  const timeoutSeconds = values.timeout === undefined ? undefined : Number(values.timeout);
  const credentialId = values['credential-id']?.trim() || undefined;
  try {
    const payloads = vapiToolPayloads({ url: values.url, timeoutSeconds, credentialId });
    return {
      code: 0,
      stdout: `${JSON.stringify(payloads, null, 2)}\n`,
      stderr: credentialId ? '' : `${NO_CREDENTIAL_WARNING}\n`,
    };
  } catch (error) {
    return failure(error instanceof Error ? error.message : 'Invalid arguments.');
  }
}

function main(): void {
  const run = runVapiTools(process.argv.slice(2));
  process.stdout.write(run.stdout);
  process.stderr.write(run.stderr);
  process.exitCode = run.code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
