/**
 * npm run admin -- <get|settings|role|disconnect|bookings> …: the admin API of a local or deployed stack from the
 * command line (see HELP). Inputs are checked with the Lambda's own schemas first; answers print as JSON.
 * Exit codes: 0 done, 1 the request failed or the stack could not be read, 2 bad usage or input (nothing was sent).
 */
import { pathToFileURL } from 'node:url';
import { ValidationError } from '../functions/domain/errors';
import {
  type AdminRequest,
  COMMANDS,
  type Command,
  requestFor,
  SETTING_NAMES,
  UsageError,
  urlOf,
} from './admin-commands';
import { AdminTargetError, LOCAL_BASE_URL, resolveTarget, type TargetDeps, type TargetOptions } from './admin-target';

const USAGE =
  'Usage: npm run admin -- <get|settings|role|disconnect|bookings> … [--url <url>] [--token <token>] ' +
  '[--stack <name>] [--region <region>]';

/** What `--help` / `-h` prints. */
export const HELP = `${USAGE}

Commands (the API's answer is printed as JSON on stdout):
  get <managerId>                              mode ("calendar", "manual" or "none"), settings and connections
  settings <managerId> <name>=<value>…         change settings; <name>=null removes one, e.g.
                                               settings pat timeZone=Europe/London "workingHours=mon-fri 09:00-17:00"
                                               Names: ${SETTING_NAMES.join(', ')}
  role <managerId> <connectionId> <calendarId> <book|busy|ignore>
                                               give a calendar a role (book moves the old book calendar to busy)
  disconnect <managerId> <connectionId>        disconnect an account: its sealed credentials are deleted
  bookings <managerId> --from <YYYY-MM-DD> --to <YYYY-MM-DD>
                                               bookings starting on those days (both included, the manager's zone;
                                               at most 92 days)
Options:
  --url <url>        the API (default: PUBLIC_BASE_URL, else ${LOCAL_BASE_URL})
  --token <token>    the admin token (default: ADMIN_TOKEN, which "npm start" prints)
  --stack <name>     a deployed stack: its ApiUrl and its admin-token secret (uses your AWS credentials)
  --region <region>  the stack's region (default: your AWS configuration's)
  -h, --help         print this help
Exit codes: 0 done, 1 the request failed (the reason on stderr), 2 bad usage or input (nothing sent).`;

const FLAGS = ['url', 'token', 'stack', 'region', 'from', 'to'] as const;
type Flag = (typeof FLAGS)[number];

export interface AdminRun {
  code: 0 | 1 | 2;
  stdout: string;
  stderr: string;
}

export interface AdminDeps extends TargetDeps {
  fetch?: typeof fetch;
}

/** The command, its positional arguments and its flags (`--name value` or `--name=value`). */
export function parseAdminArgs(argv: string[]): {
  command: Command;
  args: string[];
  flags: Partial<Record<Flag, string>>;
} {
  const flags: Partial<Record<Flag, string>> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    const value = inline ?? argv[++i];
    if (!FLAGS.includes(name as Flag) || value === undefined)
      throw new UsageError(`Unknown or incomplete option ${arg}`);
    flags[name as Flag] = value;
  }
  const [command, ...args] = positional;
  if (!COMMANDS.includes(command as Command)) {
    throw new UsageError(command ? `Unknown command "${command}"` : 'Name a command');
  }
  return { command: command as Command, args, flags };
}

/** Sends `request` and turns the answer into what the operator sees. */
async function send(request: AdminRequest, target: { baseUrl: string; token: string }, deps: AdminDeps) {
  const response = await (deps.fetch ?? fetch)(urlOf(target.baseUrl, request), {
    method: request.method,
    headers: {
      authorization: `Bearer ${target.token}`,
      accept: 'application/json',
      ...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: request.body === undefined ? undefined : JSON.stringify(request.body),
    signal: AbortSignal.timeout(20_000),
  });
  const text = await response.text();
  if (response.status === 204) return { ok: true, body: { done: true, status: 204 } };
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = { error: `not JSON: ${text.slice(0, 200)}` };
  }
  return { ok: response.ok, status: response.status, body };
}

/** Runs one command line (everything after `--`) and says what to print and how to exit. */
export async function runAdmin(argv: string[], deps: AdminDeps = {}): Promise<AdminRun> {
  if (argv.some((arg) => arg === '--help' || arg === '-h')) return { code: 0, stdout: `${HELP}\n`, stderr: '' };
  let request: AdminRequest;
  let options: TargetOptions;
  try {
    const { command, args, flags } = parseAdminArgs(argv);
    request = requestFor(command, args, flags);
    options = { url: flags.url, token: flags.token, stack: flags.stack, region: flags.region };
  } catch (error) {
    if (error instanceof UsageError) return { code: 2, stdout: '', stderr: `${error.message}\n${USAGE}\n` };
    if (error instanceof ValidationError) return { code: 2, stdout: '', stderr: `${error.message}\n` };
    throw error;
  }
  try {
    const answer = await send(request, await resolveTarget(options, deps), deps);
    const json = `${JSON.stringify(answer.body, null, 2)}\n`;
    if (answer.ok) return { code: 0, stdout: json, stderr: '' };
    const reason = (answer.body as { error?: unknown }).error;
    return { code: 1, stdout: json, stderr: `HTTP ${answer.status}: ${String(reason ?? 'no reason given')}\n` };
  } catch (error) {
    if (error instanceof AdminTargetError) return { code: 1, stdout: '', stderr: `${error.message}\n` };
    // fetch failed (nothing listening, DNS, timeout): the cause says which; never the token.
    const cause = error instanceof Error && error.cause instanceof Error ? ` (${error.cause.message})` : '';
    const reason = error instanceof Error ? `${error.name}: ${error.message}${cause}` : String(error);
    return { code: 1, stdout: '', stderr: `The request did not get an answer: ${reason}\n` };
  }
}

async function main(): Promise<void> {
  const run = await runAdmin(process.argv.slice(2));
  process.stdout.write(run.stdout);
  process.stderr.write(run.stderr);
  process.exitCode = run.code;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
