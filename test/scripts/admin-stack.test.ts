import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runAdmin } from '../../scripts/admin';

const TOKEN = 'admin-token-0123456789abcdef';
const API_URL = 'https://abc123.execute-api.eu-west-1.amazonaws.com';
const TOKEN_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:Booking/admin-token-AbCdEf';

/** A fetch answering 200 with a small JSON body, recording each request. */
const fakeFetch = () => vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => Response.json({ ok: true }));

const cfn = mockClient(CloudFormationClient);
const sm = mockClient(SecretsManagerClient);
afterEach(() => {
  cfn.reset();
  sm.reset();
});

describe('Function: runAdmin --stack', () => {
  const stackDeps = () => ({
    env: {},
    cloudFormation: new CloudFormationClient({ region: 'eu-west-1' }),
    secretsManager: new SecretsManagerClient({ region: 'eu-west-1' }),
  });
  const outputs = [
    { OutputKey: 'ApiUrl', OutputValue: API_URL },
    { OutputKey: 'AdminTokenArn', OutputValue: TOKEN_ARN },
  ];

  it("reads the stack's ApiUrl and its admin-token secret", async () => {
    // Prepare
    cfn.on(DescribeStacksCommand, { StackName: 'Booking' }).resolves({
      Stacks: [{ StackName: 'Booking', CreationTime: new Date(), StackStatus: 'CREATE_COMPLETE', Outputs: outputs }],
    });
    sm.on(GetSecretValueCommand, { SecretId: TOKEN_ARN }).resolves({ SecretString: `${TOKEN}\n` });
    const fetch = fakeFetch();

    // Act
    const run = await runAdmin(['get', 'pat', '--stack', 'Booking'], { ...stackDeps(), fetch });

    // Assess
    expect(run.code).toBe(0);
    expect(fetch.mock.calls[0]![0]).toBe(`${API_URL}/calendar/admin/managers/pat`);
    expect(fetch.mock.calls[0]![1]?.headers).toMatchObject({ authorization: `Bearer ${TOKEN}` });
  });

  it('explains a stack that is not there or not this app, exit 1', async () => {
    // Prepare
    const missing = Object.assign(new Error('Stack with id Nope does not exist'), { name: 'ValidationError' });
    cfn.on(DescribeStacksCommand, { StackName: 'Nope' }).rejects(missing);
    cfn.on(DescribeStacksCommand, { StackName: 'Other' }).resolves({
      Stacks: [{ StackName: 'Other', CreationTime: new Date(), StackStatus: 'CREATE_COMPLETE', Outputs: [] }],
    });

    // Act
    const nope = await runAdmin(['get', 'pat', '--stack', 'Nope', '--region', 'eu-west-1'], stackDeps());
    const other = await runAdmin(['get', 'pat', '--stack', 'Other'], stackDeps());

    // Assess
    expect(nope).toMatchObject({
      code: 1,
      stderr: 'Stack "Nope" was not found in eu-west-1. Deploy it, or pass --region.\n',
    });
    expect(other).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('has no ApiUrl / AdminTokenArn outputs'),
    });
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });
});

describe('Script: npm run admin (a real process)', () => {
  const ROOT = fileURLToPath(new URL('../../', import.meta.url));
  const runScript = (argv: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...argv], {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 20_000,
      env: { PATH: process.env.PATH ?? '' },
    });

  it('exits 0 for --help, 2 for bad input and 1 when nothing listens, printing what runAdmin says', () => {
    // Act
    const help = runScript(['--help']);
    const bad = runScript(['get', 'a b']);
    const down = runScript(['get', 'pat', '--url', 'http://127.0.0.1:9', '--token', 't']);

    // Assess
    expect([help.status, help.stdout.startsWith('Usage: npm run admin')]).toEqual([0, true]);
    expect([bad.status, bad.stderr.trim()]).toEqual([2, expect.stringMatching(/^managerId: must be 1-128/)]);
    expect([down.status, down.stderr]).toEqual([1, expect.stringMatching(/^The request did not get an answer/)]);
  }, 60_000);
});
