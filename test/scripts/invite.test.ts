import {
  CloudFormationClient,
  CloudFormationServiceException,
  DescribeStacksCommand,
} from '@aws-sdk/client-cloudformation';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyInviteToken } from '../../functions/domain/connect/invite';
import { ConfigError } from '../../functions/contract/env';
import { createInviteLink, HELP, InviteError, LOCAL_BASE_URL, parseInviteArgs, wantsHelp } from '../../scripts/invite';

const KEY = 'k'.repeat(48);
const NOW = Date.UTC(2026, 0, 5, 12);
const KEY_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:Booking/invite-signing-key-AbCdEf';
const API_URL = 'https://abc123.execute-api.eu-west-1.amazonaws.com';
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const KEY_FORM = /must be 32–128 characters of A–Z, a–z, 0–9, "-" or "_"/;

/** Runs `npm run invite -- …argv` as the operator would (tsx), with only `env` added to PATH. */
function runInvite(argv: string[], env: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/invite.ts', ...argv], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 20_000,
    env: { PATH: process.env.PATH ?? '', ...env },
  });
}

const cfn = mockClient(CloudFormationClient);
const sm = mockClient(SecretsManagerClient);

/** The token inside a printed connect link. */
function tokenOf(url: string): string {
  return new URL(url).searchParams.get('invite')!;
}

afterEach(() => {
  cfn.reset();
  sm.reset();
});

describe('Function: createInviteLink (deployed stack)', () => {
  const deps = {
    now: () => NOW,
    env: {},
    cloudFormation: new CloudFormationClient({ region: 'eu-west-1' }),
    secretsManager: new SecretsManagerClient({ region: 'eu-west-1' }),
  };

  it("signs with the stack's invite key and links to the stack's API", async () => {
    // Prepare
    cfn.on(DescribeStacksCommand, { StackName: 'Booking' }).resolves({
      Stacks: [
        {
          StackName: 'Booking',
          CreationTime: new Date(),
          StackStatus: 'CREATE_COMPLETE',
          Outputs: [
            { OutputKey: 'ApiUrl', OutputValue: API_URL },
            { OutputKey: 'InviteSigningKeyArn', OutputValue: KEY_ARN },
            { OutputKey: 'InviteSigningKeyName', OutputValue: 'Booking/invite-signing-key' },
          ],
        },
      ],
    });
    sm.on(GetSecretValueCommand, { SecretId: KEY_ARN }).resolves({ SecretString: KEY });

    // Act
    const invite = await createInviteLink({ managerId: 'manager-7', stack: 'Booking', ttlHours: 24 }, deps);

    // Assess
    expect(invite.url.startsWith(`${API_URL}/calendar/auth/start?invite=`)).toBe(true);
    expect(verifyInviteToken(tokenOf(invite.url), KEY, NOW)).toMatchObject({
      managerId: 'manager-7',
      expiresAt: NOW / 1000 + 24 * 3600,
    });
    expect(invite.expiresAt.toISOString()).toBe('2026-01-06T12:00:00.000Z');
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it("uses --base-url over the stack's API URL (custom domain)", async () => {
    // Prepare
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [
        {
          StackName: 'Booking',
          CreationTime: new Date(),
          StackStatus: 'UPDATE_COMPLETE',
          Outputs: [
            { OutputKey: 'ApiUrl', OutputValue: API_URL },
            { OutputKey: 'InviteSigningKeyArn', OutputValue: KEY_ARN },
          ],
        },
      ],
    });
    sm.on(GetSecretValueCommand).resolves({ SecretString: KEY });

    // Act
    const invite = await createInviteLink(
      { managerId: 'manager-7', stack: 'Booking', baseUrl: 'https://book.example.com/' },
      deps,
    );

    // Assess
    expect(invite.url.startsWith('https://book.example.com/calendar/auth/start?invite=')).toBe(true);
  });

  it('explains a missing stack instead of dumping the SDK error', async () => {
    // Prepare
    cfn.on(DescribeStacksCommand).rejects(
      new CloudFormationServiceException({
        name: 'ValidationError',
        $fault: 'client',
        $metadata: {},
        message: 'Stack with id Nope does not exist',
      }),
    );

    // Act
    const act = createInviteLink({ managerId: 'manager-7', stack: 'Nope', region: 'eu-west-1' }, deps);

    // Assess
    await expect(act).rejects.toThrow(InviteError);
    await expect(act).rejects.toThrow(
      'Stack "Nope" was not found in eu-west-1. Deploy it with "npx cdk deploy", or pass --region.',
    );
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it('turns credential and network failures into one actionable line', async () => {
    // Prepare
    cfn
      .on(DescribeStacksCommand)
      .rejects(
        Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }),
      );

    // Act
    const act = createInviteLink({ managerId: 'manager-7', stack: 'Booking' }, deps);

    // Assess
    await expect(act).rejects.toThrow(
      'Could not read stack "Booking" (CredentialsProviderError: Could not load credentials from any providers). ' +
        'Check your AWS credentials',
    );
  });

  it.each([
    ['a JSON blob', `{"key":"${KEY}"}`],
    ['a truncated key', KEY.slice(0, 20)],
  ])('refuses a stack secret holding %s, naming the secret without echoing it', async (_case, secret) => {
    // Prepare
    const outputs = [
      { OutputKey: 'ApiUrl', OutputValue: API_URL },
      { OutputKey: 'InviteSigningKeyArn', OutputValue: KEY_ARN },
    ];
    const stack = { StackName: 'Booking', CreationTime: new Date(), StackStatus: 'UPDATE_COMPLETE' as const };
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [{ ...stack, Outputs: outputs }] });
    sm.on(GetSecretValueCommand).resolves({ SecretString: secret });

    // Act
    const error = await createInviteLink({ managerId: 'manager-7', stack: 'Booking' }, deps).catch((e: unknown) => e);

    // Assess
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/^INVITE_SIGNING_KEY \(secret of stack "Booking"\) must be 32–128/);
    expect((error as Error).message).not.toContain(KEY.slice(0, 16));
  });

  it("refuses a stack without this app's outputs", async () => {
    // Prepare
    cfn.on(DescribeStacksCommand).resolves({
      Stacks: [{ StackName: 'Other', CreationTime: new Date(), StackStatus: 'CREATE_COMPLETE', Outputs: [] }],
    });

    // Act
    const act = createInviteLink({ managerId: 'manager-7', stack: 'Other' }, deps);

    // Assess
    await expect(act).rejects.toThrow(/has no ApiUrl \/ InviteSigningKeyArn outputs/);
  });
});

describe('Function: createInviteLink (local)', () => {
  it('signs with INVITE_SIGNING_KEY and links to localhost by default', async () => {
    // Act
    const invite = await createInviteLink(
      { managerId: 'demo-manager' },
      { now: () => NOW, env: { INVITE_SIGNING_KEY: KEY } },
    );

    // Assess
    expect(invite.url.startsWith(`${LOCAL_BASE_URL}/calendar/auth/start?invite=`)).toBe(true);
    expect(verifyInviteToken(tokenOf(invite.url), KEY, NOW).managerId).toBe('demo-manager');
    expect(invite.expiresAt.getTime()).toBe(NOW + 24 * 3_600_000);
    expect(cfn.commandCalls(DescribeStacksCommand)).toHaveLength(0);
  });

  it('uses PUBLIC_BASE_URL when npm start exports one', async () => {
    // Act
    const invite = await createInviteLink(
      { managerId: 'demo-manager' },
      { now: () => NOW, env: { INVITE_SIGNING_KEY: KEY, PUBLIC_BASE_URL: 'http://127.0.0.1:4000/' } },
    );

    // Assess
    expect(invite.url.startsWith('http://127.0.0.1:4000/calendar/auth/start?invite=')).toBe(true);
  });

  it('says where the key comes from when INVITE_SIGNING_KEY is missing', async () => {
    // Act
    const act = createInviteLink({ managerId: 'demo-manager' }, { env: {} });

    // Assess
    await expect(act).rejects.toThrow(/INVITE_SIGNING_KEY is not set.*npm start.*--stack/);
  });

  it('accepts the key npm start generates (32 base64url characters)', async () => {
    // Prepare
    const key = randomBytes(24).toString('base64url');
    const deps = { now: () => NOW, env: { INVITE_SIGNING_KEY: key } };

    // Act
    const invite = await createInviteLink({ managerId: 'demo-manager' }, deps);

    // Assess
    expect(verifyInviteToken(tokenOf(invite.url), key, NOW).managerId).toBe('demo-manager');
  });

  it.each([
    ['too short', KEY.slice(0, 31)],
    ['quoted', `"${KEY}"`],
    ['followed by text', `${KEY} # from npm start`],
  ])('rejects an INVITE_SIGNING_KEY that is %s without echoing it', async (_case, key) => {
    // Act
    const act = createInviteLink({ managerId: 'demo-manager' }, { env: { INVITE_SIGNING_KEY: key } });

    // Assess
    await expect(act).rejects.toThrow(ConfigError);
    await expect(act).rejects.toThrow(KEY_FORM);
    await expect(act).rejects.not.toThrow(KEY.slice(0, 16));
  });

  it('signs the expected account into the link when --email is given', async () => {
    // Act
    const invite = await createInviteLink(
      { managerId: 'demo-manager', email: 'pat@contoso.example' },
      { now: () => NOW, env: { INVITE_SIGNING_KEY: KEY } },
    );

    // Assess
    expect(verifyInviteToken(tokenOf(invite.url), KEY, NOW)).toMatchObject({
      managerId: 'demo-manager',
      email: 'pat@contoso.example',
    });
  });

  it('pins the provider into the link when --provider is given', async () => {
    // Act
    const invite = await createInviteLink(
      { managerId: 'demo-manager', provider: 'google' },
      { now: () => NOW, env: { INVITE_SIGNING_KEY: KEY } },
    );

    // Assess
    expect(verifyInviteToken(tokenOf(invite.url), KEY, NOW)).toMatchObject({ provider: 'google' });
  });

  it('rejects a manager id the connect flow would reject', async () => {
    // Act
    const act = createInviteLink({ managerId: 'a b' }, { env: { INVITE_SIGNING_KEY: KEY } });

    // Assess
    await expect(act).rejects.toThrow(/Manager ids are 1-128 characters/);
  });
});

describe('Function: parseInviteArgs', () => {
  it('reads the manager id and every option, in both --flag value and --flag=value forms', () => {
    // Act
    const options = parseInviteArgs([
      'm-1',
      '--stack',
      'Booking',
      '--ttl-hours=24',
      '--base-url',
      'https://x.example',
      '--region',
      'eu-west-1',
    ]);

    // Assess
    expect(options).toEqual({
      managerId: 'm-1',
      stack: 'Booking',
      ttlHours: 24,
      baseUrl: 'https://x.example',
      region: 'eu-west-1',
    });
  });

  it('reads --email as the invite will carry it (trimmed, lowercase)', () => {
    // Act
    const options = parseInviteArgs(['m-1', '--email', ' Pat@Contoso.Example ']);

    // Assess
    expect(options).toMatchObject({ managerId: 'm-1', email: 'pat@contoso.example' });
  });

  it('refuses an --email that is not an email address before anything is read', () => {
    // Assess
    expect(() => parseInviteArgs(['m-1', '--email', 'pat'])).toThrow('The expected account must be an email address.');
    expect(() => parseInviteArgs(['m-1', '--email'])).toThrow(InviteError);
  });

  it.each([[[]], [['a', 'b']], [['m-1', '--stack']], [['m-1', '--force', 'x']]])('prints usage for %j', (argv) => {
    // Assess
    expect(() => parseInviteArgs(argv)).toThrow(InviteError);
  });

  it('reads --provider google|microsoft, case-insensitively, and names the choices for anything else', () => {
    // Assess
    expect(parseInviteArgs(['m-1', '--provider', 'Google'])).toMatchObject({ provider: 'google' });
    expect(parseInviteArgs(['m-1', '--provider=microsoft'])).toMatchObject({ provider: 'microsoft' });
    expect(() => parseInviteArgs(['m-1', '--provider', 'icloud'])).toThrow(
      '--provider must be one of microsoft, google, got "icloud"',
    );
  });

  it('bounds --ttl-hours like the functions do', () => {
    // Assess
    expect(() => parseInviteArgs(['m-1', '--ttl-hours', '0'])).toThrow(
      /INVITE_TTL_HOURS must be an integer from 1 to 168/,
    );
  });
});

describe('Command: npm run invite', () => {
  const helps = [[['--help']], [['-h']], [['pat', '--stack', 'Booking', '--help']]];
  it.each(helps)('prints the usage for %j and exits 0', (argv) => {
    // Act
    const run = runInvite(argv);

    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${HELP}\n`);
    expect(run.stdout).toMatch(/^Usage: npm run invite -- <managerId>/);
    expect(run.stderr).toBe('');
  });

  it('documents --email and the lifetime: 24 hours by default, at most 7 days', () => {
    // Assess
    expect(HELP).toMatch(/--email <address> +the account the manager must sign in with/);
    expect(HELP).toMatch(/--ttl-hours <1-168> .*24 hours; at most 7 days/);
    expect(HELP).toMatch(/--provider <id> +offer only this provider's button \(microsoft or google\)/);
  });

  it('detects a help flag anywhere on the command line', () => {
    // Assess
    expect(wantsHelp(['pat', '-h'])).toBe(true);
    expect(wantsHelp(['pat', '--stack', 'Booking'])).toBe(false);
  });

  it('prints one line naming INVITE_SIGNING_KEY for a bad key, exits 1, and never echoes the key', () => {
    // Prepare
    const key = `'${randomBytes(24).toString('base64url')}'`;

    // Act
    const run = runInvite(['pat'], { INVITE_SIGNING_KEY: key });

    // Assess
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(run.stderr).toMatch(/^INVITE_SIGNING_KEY must be 32–128 characters/);
    expect(run.stderr).not.toContain(key.slice(1, 17));
  });

  it('prints the link on stdout for a good key', () => {
    // Act
    const run = runInvite(['pat'], { INVITE_SIGNING_KEY: KEY });

    // Assess
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^http:\/\/localhost:3000\/calendar\/auth\/start\?invite=\S+\n$/);
    expect(run.stderr).toMatch(/^Connect link for pat \(valid until /);
  });

  it('names the expected account on stderr with --email, and refuses a bad one in one line', () => {
    // Act
    const run = runInvite(['pat', '--email', 'Pat@Contoso.Example'], { INVITE_SIGNING_KEY: KEY });
    const bad = runInvite(['pat', '--email', 'not-an-address'], { INVITE_SIGNING_KEY: KEY });

    // Assess
    expect(run.status).toBe(0);
    expect(run.stderr).toMatch(/^Connect link for pat, to be signed in as pat@contoso\.example \(valid until /);
    expect(bad.status).toBe(1);
    expect(bad.stdout).toBe('');
    expect(bad.stderr).toBe('The expected account must be an email address.\n');
  });
});
