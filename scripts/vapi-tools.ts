/**
 * Prints the JSON bodies to create our tools in VAPI (POST https://api.vapi.ai/tool), one per tool.
 *   npm run vapi:tools -- --url https://<api>/vapi [--timeout 20] [--credential-id cred_…]
 * Authentication: create a Bearer credential in VAPI whose token is our webhook secret (header Authorization with
 * the Bearer prefix, or header X-Vapi-Secret with the prefix off) and pass its id as --credential-id. The secret itself
 * is never printed here.
 */
import { parseArgs } from 'node:util';
import { vapiToolPayloads } from '../functions/domain/vapi/tools';

const USAGE = 'Usage: npm run vapi:tools -- --url <https webhook url> [--timeout <1-300 seconds, default 20>] [--credential-id <VAPI credential id>]';

function fail(problem: string): never {
  process.stderr.write(`${problem}\n${USAGE}\n`);
  process.exit(2);
}

function main(): void {
  let values: { url?: string; timeout?: string; 'credential-id'?: string };
  try {
    ({ values } = parseArgs({
      options: { url: { type: 'string' }, timeout: { type: 'string' }, 'credential-id': { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    fail(error instanceof Error ? error.message : 'Invalid arguments.');
  }
  if (!values.url) fail('Missing --url.');
  const timeoutSeconds = values.timeout === undefined ? undefined : Number(values.timeout);
  try {
    const payloads = vapiToolPayloads({ url: values.url, timeoutSeconds, credentialId: values['credential-id'] });
    process.stdout.write(`${JSON.stringify(payloads, null, 2)}\n`);
  } catch (error) {
    fail(error instanceof Error ? error.message : 'Invalid arguments.');
  }
}

main();
