import { CloudFormationClient, CloudFormationServiceException, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyInviteToken } from '../../functions/domain/connect/invite';
import { createInviteLink, InviteError, LOCAL_BASE_URL, parseInviteArgs } from '../../scripts/invite';

const KEY = 'k'.repeat(48);
const NOW = Date.UTC(2026, 0, 5, 12);
const KEY_ARN = 'arn:aws:secretsmanager:eu-west-1:123456789012:secret:Booking/invite-signing-key-AbCdEf';
const API_URL = 'https://abc123.execute-api.eu-west-1.amazonaws.com';

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
  const deps = { now: () => NOW, env: {}, cloudFormation: new CloudFormationClient({ region: 'eu-west-1' }), secretsManager: new SecretsManagerClient({ region: 'eu-west-1' }) };

  it('signs with the stack\'s invite key and links to the stack\'s API', async () => {
    // Prepare
    cfn.on(DescribeStacksCommand, { StackName: 'Booking' }).resolves({
      Stacks: [{ StackName: 'Booking', CreationTime: new Date(), StackStatus: 'CREATE_COMPLETE', Outputs: [
        { OutputKey: 'ApiUrl', OutputValue: API_URL },
        { OutputKey: 'InviteSigningKeyArn', OutputValue: KEY_ARN },
        { OutputKey: 'InviteSigningKeyName', OutputValue: 'Booking/invite-signing-key' },
      ] }],
    });
    sm.on(GetSecretValueCommand, { SecretId: KEY_ARN }).resolves({ SecretString: KEY });

    // Act
    const invite = await createInviteLink({ managerId: 'manager-7', stack: 'Booking', ttlHours: 24 }, deps);

    // Assess
    expect(invite.url.startsWith(`${API_URL}/calendar/auth/start?invite=`)).toBe(true);
    expect(verifyInviteToken(tokenOf(invite.url), KEY, NOW)).toMatchObject({ managerId: 'manager-7', expiresAt: NOW / 1000 + 24 * 3600 });
    expect(invite.expiresAt.toISOString()).toBe('2026-01-06T12:00:00.000Z');
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(1);
  });

  it('uses --base-url over the stack\'s API URL (custom domain)', async () => {
    // Prepare
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: 'Booking', CreationTime: new Date(), StackStatus: 'UPDATE_COMPLETE', Outputs: [
      { OutputKey: 'ApiUrl', OutputValue: API_URL }, { OutputKey: 'InviteSigningKeyArn', OutputValue: KEY_ARN },
    ] }] });
    sm.on(GetSecretValueCommand).resolves({ SecretString: KEY });

    // Act
    const invite = await createInviteLink({ managerId: 'manager-7', stack: 'Booking', baseUrl: 'https://book.example.com/' }, deps);

    // Assess
    expect(invite.url.startsWith('https://book.example.com/calendar/auth/start?invite=')).toBe(true);
  });

  it('explains a missing stack instead of dumping the SDK error', async () => {
    // Prepare
    cfn.on(DescribeStacksCommand).rejects(new CloudFormationServiceException({
      name: 'ValidationError', $fault: 'client', $metadata: {}, message: 'Stack with id Nope does not exist',
    }));

    // Act
    const act = createInviteLink({ managerId: 'manager-7', stack: 'Nope', region: 'eu-west-1' }, deps);

    // Assess
    await expect(act).rejects.toThrow(InviteError);
    await expect(act).rejects.toThrow('Stack "Nope" was not found in eu-west-1. Deploy it with "npx cdk deploy", or pass --region.');
    expect(sm.commandCalls(GetSecretValueCommand)).toHaveLength(0);
  });

  it('turns credential and network failures into one actionable line', async () => {
    // Prepare
    cfn.on(DescribeStacksCommand).rejects(Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }));

    // Act
    const act = createInviteLink({ managerId: 'manager-7', stack: 'Booking' }, deps);

    // Assess
    await expect(act).rejects.toThrow('Could not read stack "Booking" (CredentialsProviderError: Could not load credentials from any providers). Check your AWS credentials');
  });

  it('refuses a stack without this app\'s outputs', async () => {
    // Prepare
    cfn.on(DescribeStacksCommand).resolves({ Stacks: [{ StackName: 'Other', CreationTime: new Date(), StackStatus: 'CREATE_COMPLETE', Outputs: [] }] });

    // Act
    const act = createInviteLink({ managerId: 'manager-7', stack: 'Other' }, deps);

    // Assess
    await expect(act).rejects.toThrow(/has no ApiUrl \/ InviteSigningKeyArn outputs/);
  });
});

describe('Function: createInviteLink (local)', () => {
  it('signs with INVITE_SIGNING_KEY and links to localhost by default', async () => {
    // Act
    const invite = await createInviteLink({ managerId: 'demo-manager' }, { now: () => NOW, env: { INVITE_SIGNING_KEY: KEY } });

    // Assess
    expect(invite.url.startsWith(`${LOCAL_BASE_URL}/calendar/auth/start?invite=`)).toBe(true);
    expect(verifyInviteToken(tokenOf(invite.url), KEY, NOW).managerId).toBe('demo-manager');
    expect(invite.expiresAt.getTime()).toBe(NOW + 72 * 3_600_000);
    expect(cfn.commandCalls(DescribeStacksCommand)).toHaveLength(0);
  });

  it('uses PUBLIC_BASE_URL when npm start exports one', async () => {
    // Act
    const invite = await createInviteLink({ managerId: 'demo-manager' }, { now: () => NOW, env: { INVITE_SIGNING_KEY: KEY, PUBLIC_BASE_URL: 'http://127.0.0.1:4000/' } });

    // Assess
    expect(invite.url.startsWith('http://127.0.0.1:4000/calendar/auth/start?invite=')).toBe(true);
  });

  it('says where the key comes from when INVITE_SIGNING_KEY is missing', async () => {
    // Act
    const act = createInviteLink({ managerId: 'demo-manager' }, { env: {} });

    // Assess
    await expect(act).rejects.toThrow(/INVITE_SIGNING_KEY is not set.*npm start.*--stack/);
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
    const options = parseInviteArgs(['m-1', '--stack', 'Booking', '--ttl-hours=24', '--base-url', 'https://x.example', '--region', 'eu-west-1']);

    // Assess
    expect(options).toEqual({ managerId: 'm-1', stack: 'Booking', ttlHours: 24, baseUrl: 'https://x.example', region: 'eu-west-1' });
  });

  it.each([[[]], [['a', 'b']], [['m-1', '--stack']], [['m-1', '--force', 'x']]])('prints usage for %j', (argv) => {
    // Assess
    expect(() => parseInviteArgs(argv)).toThrow(InviteError);
  });

  it('bounds --ttl-hours like the functions do', () => {
    // Assess
    expect(() => parseInviteArgs(['m-1', '--ttl-hours', '0'])).toThrow(/INVITE_TTL_HOURS must be an integer from 1 to 720/);
  });
});
