import { describe, expect, it } from 'vitest';
import { resolveConfig } from '../../lib/stack-config';
import { lambda, logicalId, roleStatements, synthStack, TEST_CLIENT_ID } from './synth';

type Statement = Record<string, any>;

const secretReads = (statements: Statement[]) =>
  statements.filter((s) => [s.Action].flat().includes('secretsmanager:GetSecretValue'));

describe('Stack: rotating secrets and the replay record', () => {
  const { template } = synthStack();
  const secret = (name: string) => logicalId(template, 'AWS::SecretsManager::Secret', `Secrets${name}`);

  it('lets the webhook read its secret in the AWSCURRENT and AWSPREVIOUS stages only, and no other secret stage', () => {
    // Prepare
    const reads = secretReads(roleStatements(template, 'VapiWebhook'));
    const vapi = reads.find((s) => s.Resource.Ref === secret('VapiWebhookSecret'));

    // Assess
    expect(vapi).toMatchObject({
      Effect: 'Allow',
      Action: 'secretsmanager:GetSecretValue',
      Condition: { StringEqualsIfExists: { 'secretsmanager:VersionStage': ['AWSCURRENT', 'AWSPREVIOUS'] } },
    });
    const others = reads.filter((s) => s !== vapi);
    expect(others.map((s) => s.Condition)).toEqual(
      others.map(() => ({ StringEqualsIfExists: { 'secretsmanager:VersionStage': ['AWSCURRENT'] } })),
    );
  });

  it.each(['AuthStart', 'AuthCallback', 'Status'])('lets %s read only the AWSCURRENT stage of its secrets', (name) => {
    // Prepare
    const reads = secretReads(roleStatements(template, name));

    // Assess
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) {
      expect(read.Condition).toEqual({ StringEqualsIfExists: { 'secretsmanager:VersionStage': ['AWSCURRENT'] } });
    }
  });

  it('lets the webhook only PutItem replay# keys and Get/PutItem prefetch# keys of the OAuth state table', () => {
    // Prepare
    const state = logicalId(template, 'AWS::DynamoDB::Table', 'DataOAuthState');
    const onState = roleStatements(template, 'VapiWebhook').filter((s) => s.Resource['Fn::GetAtt']?.[0] === state);

    // Assess: never an OAuth state, never a Delete or Update, never one grant over both prefixes
    expect(onState).toEqual([
      expect.objectContaining({
        Action: 'dynamodb:PutItem',
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['replay#*'] } },
      }),
      expect.objectContaining({
        Action: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:PutItem'],
        Condition: { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': ['prefetch#*'] } },
      }),
    ]);
  });

  it('with -c busyPrefetch=off passes BUSY_PREFETCH=off and grants no prefetch# access', () => {
    // Prepare
    const { template: off } = synthStack({ busyPrefetch: 'off' });
    const state = logicalId(off, 'AWS::DynamoDB::Table', 'DataOAuthState');
    const onState = roleStatements(off, 'VapiWebhook').filter((s) => s.Resource['Fn::GetAtt']?.[0] === state);
    const env = lambda(off, 'VapiWebhook').Properties!.Environment.Variables as Record<string, unknown>;

    // Assess
    expect(env.BUSY_PREFETCH).toBe('off');
    expect(onState).toEqual([expect.objectContaining({ Action: 'dynamodb:PutItem' })]);
    expect(JSON.stringify(onState)).not.toContain('prefetch#');
  });

  it('refuses a busyPrefetch other than on or off at synth, naming the context key', () => {
    // Act & Assess
    expect(() => synthStack({ busyPrefetch: 'yes' })).toThrow(
      /Invalid CDK context "busyPrefetch": BUSY_PREFETCH must be one of on, off, got "yes"/,
    );
  });

  it('passes no plaintext previous secret and no auth mode unless configured', () => {
    // Prepare
    const env = lambda(template, 'VapiWebhook').Properties!.Environment.Variables as Record<string, unknown>;

    // Assess
    expect(Object.keys(env)).not.toContain('VAPI_SECRET_PREVIOUS');
    expect(Object.keys(env)).not.toContain('VAPI_SECRET');
    expect(Object.keys(env)).not.toContain('VAPI_AUTH_MODE');
  });

  it('passes VAPI_AUTH_MODE=hmac to the webhook alone with -c vapiAuthMode=hmac', () => {
    // Prepare
    const { template: hmac } = synthStack({ vapiAuthMode: 'hmac' });
    const envOf = (name: string) => lambda(hmac, name).Properties!.Environment.Variables as Record<string, unknown>;

    // Assess
    expect(envOf('VapiWebhook').VAPI_AUTH_MODE).toBe('hmac');
    for (const name of ['AuthStart', 'AuthCallback', 'Status']) expect(envOf(name).VAPI_AUTH_MODE).toBeUndefined();
  });

  it('refuses an unknown vapiAuthMode at synth, naming the context key', () => {
    // Act
    const act = () => resolveConfig({ microsoftClientId: TEST_CLIENT_ID, vapiAuthMode: 'static' });

    // Assess
    expect(act).toThrow('Invalid CDK context "vapiAuthMode": VAPI_AUTH_MODE must be one of any, hmac, got "static"');
  });
});
