/**
 * Where `npm run admin` sends its requests, and with which token: --url/--token, else a deployed stack's ApiUrl output
 * and admin-token secret (--stack, with the operator's AWS credentials), else npm start's PUBLIC_BASE_URL/ADMIN_TOKEN.
 */
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SECRET_OUTPUT_PREFIX, STACK_OUTPUTS } from '../lib/stack-outputs';

/** The API npm start serves when nothing else is named. */
export const LOCAL_BASE_URL = 'http://localhost:3000';

/** A problem the operator can fix; printed as one line, exit code 1. */
export class AdminTargetError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdminTargetError';
  }
}

export interface TargetOptions {
  url?: string;
  token?: string;
  stack?: string;
  region?: string;
}

export interface TargetDeps {
  env?: Record<string, string | undefined>;
  cloudFormation?: CloudFormationClient;
  secretsManager?: SecretsManagerClient;
}

export interface Target {
  baseUrl: string;
  token: string;
}

async function stackOutputs(stack: string, deps: TargetDeps, region?: string): Promise<Record<string, string>> {
  const cfn = deps.cloudFormation ?? new CloudFormationClient({ region });
  try {
    const { Stacks } = await cfn.send(new DescribeStacksCommand({ StackName: stack }));
    return Object.fromEntries((Stacks?.[0]?.Outputs ?? []).map((o) => [o.OutputKey ?? '', o.OutputValue ?? '']));
  } catch (error) {
    if (error instanceof Error && error.name === 'ValidationError' && /does not exist/i.test(error.message)) {
      const where = region ?? (await cfn.config.region().catch(() => undefined)) ?? 'the default region';
      throw new AdminTargetError(`Stack "${stack}" was not found in ${where}. Deploy it, or pass --region.`);
    }
    const reason = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    throw new AdminTargetError(
      `Could not read stack "${stack}" (${reason}). ` +
        'Check your AWS credentials (AWS_PROFILE, aws sso login) and region.',
    );
  }
}

/** The deployed stack's API URL and admin token (the token only when --token does not give one). */
async function fromStack(options: TargetOptions & { stack: string }, deps: TargetDeps): Promise<Partial<Target>> {
  const outputs = await stackOutputs(options.stack, deps, options.region);
  const prefix = SECRET_OUTPUT_PREFIX.adminToken;
  const secretId = outputs[`${prefix}Arn`] || outputs[`${prefix}Name`];
  const baseUrl = outputs[STACK_OUTPUTS.apiUrl];
  if (!secretId || !baseUrl) {
    throw new AdminTargetError(
      `Stack "${options.stack}" has no ${STACK_OUTPUTS.apiUrl} / ${prefix}Arn outputs; is it this app's stack?`,
    );
  }
  if (options.token) return { baseUrl };
  const sm = deps.secretsManager ?? new SecretsManagerClient({ region: options.region });
  try {
    const { SecretString } = await sm.send(new GetSecretValueCommand({ SecretId: secretId }));
    return { baseUrl, token: SecretString?.trim() };
  } catch (error) {
    const reason = error instanceof Error ? error.name : String(error);
    throw new AdminTargetError(`Could not read the admin token of stack "${options.stack}" (${reason}).`);
  }
}

/** The base URL (no trailing slash) and token to use. */
export async function resolveTarget(options: TargetOptions, deps: TargetDeps = {}): Promise<Target> {
  const env = deps.env ?? process.env;
  const stack = options.stack ? await fromStack({ ...options, stack: options.stack }, deps) : {};
  const baseUrl = (options.url ?? stack.baseUrl ?? (env.PUBLIC_BASE_URL?.trim() || LOCAL_BASE_URL)).replace(/\/+$/, '');
  if (!/^https?:\/\/[^/\s?#]+(\/[^\s?#]*)?$/.test(baseUrl) || !URL.canParse(baseUrl)) {
    throw new AdminTargetError(`The API URL must be http(s) without query, got "${baseUrl}"`);
  }
  const token = options.token?.trim() || stack.token || env.ADMIN_TOKEN?.trim();
  if (!token) {
    throw new AdminTargetError(
      options.stack
        ? `The admin token secret of stack "${options.stack}" is empty.`
        : 'No admin token: export ADMIN_TOKEN (npm start prints it), pass --token, or --stack <name>.',
    );
  }
  return { baseUrl, token };
}
