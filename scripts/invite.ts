/**
 * npm run invite -- <managerId> [options]: prints a signed connect link for a manager (see HELP). Without --stack it
 * signs with INVITE_SIGNING_KEY from the environment (npm start prints it); with --stack it reads the deployed stack's
 * outputs and its invite key from Secrets Manager.
 */
import { pathToFileURL } from 'node:url';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { createInviteToken, expectedEmail, inviteUrl } from '../functions/domain/connect/invite';
import { readInviteTtlHours, type Env } from '../functions/runtime/config';
import { readInviteSigningKey } from '../functions/contract/invite-key';
import { PROVIDER_IDS } from '../functions/runtime/provider-registry';
import { SECRET_OUTPUT_PREFIX, STACK_OUTPUTS } from '../lib/stack-outputs';

/** Local base URL when neither --base-url nor PUBLIC_BASE_URL is given (npm start's default). */
export const LOCAL_BASE_URL = 'http://localhost:3000';

const USAGE =
  'Usage: npm run invite -- <managerId> [--email <address>] [--provider <id>] [--stack <name>] [--ttl-hours 24] ' +
  '[--base-url <url>] [--region <region>]';

/** What `--help` / `-h` prints. */
export const HELP = `${USAGE}

Prints a signed connect link for a manager on stdout (its expiry on stderr).
  <managerId>          the manager whose calendar the link connects (e.g. pat)
  --email <address>    the account the manager must sign in with: sent to the provider as the sign-in hint, and
                       checked after sign-in (another account is refused and nothing is stored)
  --provider <id>      offer only this provider's button (${PROVIDER_IDS.join(' or ')}); without it the page offers
                       every provider the deployment has
  --stack <name>       sign with the deployed stack's invite key and link to its ApiUrl (uses your AWS credentials)
  --ttl-hours <1-168>  how long the link stays valid: default INVITE_TTL_HOURS, else 24 hours; at most 7 days
  --base-url <url>     link to this http(s) URL instead (e.g. a custom domain)
  --region <region>    the stack's region (default: your AWS configuration's)
  -h, --help           print this help
Without --stack it signs with INVITE_SIGNING_KEY (the key "npm start" prints) and links to PUBLIC_BASE_URL,
else ${LOCAL_BASE_URL}.`;

/** True when the command line asks for help (anywhere in it). */
export function wantsHelp(argv: string[]): boolean {
  return argv.some((arg) => arg === '--help' || arg === '-h');
}

/** A problem the operator can fix; printed without a stack trace. */
export class InviteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InviteError';
  }
}

export interface InviteOptions {
  managerId: string;
  /** The account the invite must connect (its email). */
  email?: string;
  /** The one provider the invite's page offers. */
  provider?: string;
  /** Deployed stack to read the API URL and invite key from; absent = local. */
  stack?: string;
  ttlHours?: number;
  baseUrl?: string;
  region?: string;
}

export interface InviteDeps {
  env?: Env;
  now?: () => number;
  cloudFormation?: CloudFormationClient;
  secretsManager?: SecretsManagerClient;
}

export interface Invite {
  url: string;
  expiresAt: Date;
}

/** Parses the command line (everything after `--`). */
export function parseInviteArgs(argv: string[]): InviteOptions {
  const flags: Record<string, string> = {};
  const positional: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split('=', 2) as [string, string | undefined];
    const value = inline ?? argv[++i];
    if (!['email', 'provider', 'stack', 'ttl-hours', 'base-url', 'region'].includes(name) || value === undefined) {
      throw new InviteError(`Unknown or incomplete option ${arg}\n${USAGE}\n(npm run invite -- --help for more)`);
    }
    flags[name] = value;
  }
  if (positional.length !== 1) throw new InviteError(USAGE);
  const ttl = flags['ttl-hours'];
  const provider = flags.provider?.trim().toLowerCase();
  if (provider !== undefined && !PROVIDER_IDS.includes(provider)) {
    throw new InviteError(`--provider must be one of ${PROVIDER_IDS.join(', ')}, got "${flags.provider}"`);
  }
  return {
    managerId: positional[0]!,
    email: flags.email === undefined ? undefined : expectedEmail(flags.email),
    provider,
    stack: flags.stack,
    ttlHours: ttl === undefined ? undefined : readInviteTtlHours({ INVITE_TTL_HOURS: ttl }),
    baseUrl: flags['base-url'],
    region: flags.region,
  };
}

type KeySource = { key: string; baseUrl: string };

async function stackSource(stack: string, deps: InviteDeps, region?: string): Promise<KeySource> {
  const cfn = deps.cloudFormation ?? new CloudFormationClient({ region });
  let outputs: Record<string, string>;
  try {
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stack }));
    outputs = Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  } catch (error) {
    if (error instanceof Error && error.name === 'ValidationError' && /does not exist/i.test(error.message)) {
      const where = region ?? (await cfn.config.region().catch(() => undefined)) ?? 'the default region';
      throw new InviteError(
        `Stack "${stack}" was not found in ${where}. Deploy it with "npx cdk deploy", or pass --region.`,
      );
    }
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new InviteError(
      `Could not read stack "${stack}" (${reason}). ` +
        'Check your AWS credentials (AWS_PROFILE, aws sso login) and region.',
    );
  }
  const prefix = SECRET_OUTPUT_PREFIX.inviteSigningKey;
  const secretId = outputs[`${prefix}Arn`] || outputs[`${prefix}Name`];
  const baseUrl = outputs[STACK_OUTPUTS.apiUrl];
  if (!secretId || !baseUrl) {
    throw new InviteError(
      `Stack "${stack}" has no ${STACK_OUTPUTS.apiUrl} / ${prefix}Arn outputs; ` +
        "is it this app's stack, fully deployed?",
    );
  }
  const sm = deps.secretsManager ?? new SecretsManagerClient({ region });
  const { SecretString } = await sm.send(new GetSecretValueCommand({ SecretId: secretId }));
  if (!SecretString?.trim()) throw new InviteError(`The invite signing key secret of stack "${stack}" is empty.`);
  return { key: readInviteSigningKey(SecretString, `INVITE_SIGNING_KEY (secret of stack "${stack}")`), baseUrl };
}

function localSource(env: Env): KeySource {
  if (!env.INVITE_SIGNING_KEY?.trim()) {
    throw new InviteError(
      'INVITE_SIGNING_KEY is not set. Export the value "npm start" prints, ' +
        'or pass --stack <name> for a deployed stack.',
    );
  }
  return { key: readInviteSigningKey(env.INVITE_SIGNING_KEY), baseUrl: env.PUBLIC_BASE_URL?.trim() || LOCAL_BASE_URL };
}

/** Signs an invite for `managerId` and returns its connect link. */
export async function createInviteLink(options: InviteOptions, deps: InviteDeps = {}): Promise<Invite> {
  const env = deps.env ?? process.env;
  const now = (deps.now ?? Date.now)();
  const ttlHours = options.ttlHours ?? readInviteTtlHours(env);
  const source = options.stack ? await stackSource(options.stack, deps, options.region) : localSource(env);
  const baseUrl = (options.baseUrl ?? source.baseUrl).replace(/\/+$/, '');
  if (!/^https?:\/\//.test(baseUrl)) throw new InviteError(`The base URL must be http(s), got "${baseUrl}"`);
  const expect = { email: options.email, provider: options.provider };
  const token = createInviteToken(options.managerId, source.key, now, ttlHours, expect);
  return { url: inviteUrl(baseUrl, token), expiresAt: new Date(now + ttlHours * 3_600_000) };
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (wantsHelp(argv)) {
    console.log(HELP);
    return;
  }
  try {
    const options = parseInviteArgs(argv);
    const invite = await createInviteLink(options);
    const account = options.email ? `, to be signed in as ${options.email}` : '';
    console.error(`Connect link for ${options.managerId}${account} (valid until ${invite.expiresAt.toISOString()}):`);
    console.log(invite.url);
  } catch (error) {
    // Operator-fixable problems (and the domain's ValidationError for a bad manager id) print as one line.
    if (error instanceof Error && ['InviteError', 'ValidationError', 'ConfigError'].includes(error.name)) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
