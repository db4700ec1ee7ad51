import { describe, expect, it } from 'vitest';
import { APP_RUNTIME } from '../../lib/constructs/app-function';
import { Runtime, RuntimeFamily } from 'aws-cdk-lib/aws-lambda';
import { lambda, logicalId, publicUrl, resourcesOf, synthStack } from './synth';

const NAMES = ['AuthStart', 'AuthCallback', 'VapiWebhook', 'Status'] as const;

describe('Stack: Lambda functions (default configuration)', () => {
  const { template } = synthStack();

  it('uses the newest Node.js runtime this aws-cdk-lib knows', () => {
    // Prepare
    const newest = Runtime.ALL.filter((r) => r.family === RuntimeFamily.NODEJS && !r.isVariable)
      .map((r) => r.name)
      .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
      .pop();

    // Assess
    expect(APP_RUNTIME.name).toBe(newest);
    for (const name of NAMES) expect(lambda(template, name).Properties!.Runtime).toBe(newest);
  });

  it.each(NAMES)(
    '%s runs on arm64 with 512 MB, no X-Ray tracing and no NODE_OPTIONS (stacks are mapped lazily)',
    (name) => {
      // Prepare
      const props = lambda(template, name).Properties!;

      // Assess
      expect(props).toMatchObject({
        Architectures: ['arm64'],
        MemorySize: 512,
        Handler: 'index.handler',
      });
      // Off, not PassThrough: nothing opens subsegments, so a trace would only repeat the Duration metric.
      expect(props.TracingConfig).toBeUndefined();
      // No --enable-source-maps (it parses the whole map at every cold start): the bundles map stacks lazily
      // (functions/runtime/stack-traces.ts, tested in test/runtime/stack-traces.test.ts).
      expect(props.Environment.Variables.NODE_OPTIONS).toBeUndefined();
    },
  );

  it("gives the webhook 18 s (under VAPI's 20 s tool timeout) and a 12 s answer budget", () => {
    // Prepare
    const props = lambda(template, 'VapiWebhook').Properties!;

    // Assess
    expect(props.Timeout).toBe(18);
    expect(Number(props.Environment.Variables.WEBHOOK_BUDGET_MS)).toBe(12_000);
    expect(Number(props.Environment.Variables.WEBHOOK_BUDGET_MS)).toBeLessThan(props.Timeout * 1000);
  });

  it.each(['AuthStart', 'AuthCallback', 'Status'])('gives %s a 10 s timeout', (name) => {
    // Assess
    expect(lambda(template, name).Properties!.Timeout).toBe(10);
  });

  it.each(NAMES)('%s logs to its own log group with retention (no logRetention custom resource)', (name) => {
    // Prepare
    const logGroupId = lambda(template, name).Properties!.LoggingConfig.LogGroup.Ref;

    // Assess
    expect(resourcesOf(template, 'AWS::Logs::LogGroup')[logGroupId]!.Properties!.RetentionInDays).toBe(30);
  });

  it('has no CDK-managed helper functions or custom resources (the web ACL ARN comes by Fn::GetStackOutput)', () => {
    // Prepare
    const ids = Object.keys(template.toJSON().Resources);

    // Assess
    // The four API functions, the keeper and the front door's origin-verify authorizer.
    expect(
      Object.keys(resourcesOf(template, 'AWS::Lambda::Function'))
        .map((id) => id.replace(/[0-9A-F]{8}$/, ''))
        .sort(),
    ).toEqual([
      'FunctionsAuthCallback',
      'FunctionsAuthStart',
      'FunctionsStatus',
      'FunctionsVapiWebhook',
      'KeeperFunction',
      'OriginVerifyFunction',
    ]);
    template.resourceCountIs('Custom::CrossRegionExportReader', 0);
    template.resourceCountIs('Custom::LogRetention', 0);
    expect(ids.filter((id) => /LogRetention|CustomResource|Provider/.test(id))).toEqual([]);
  });

  it.each(NAMES)('%s has its own role without AWS-managed policies', (name) => {
    // Prepare
    const roleId = lambda(template, name).Properties!.Role['Fn::GetAtt'][0];
    const role = resourcesOf(template, 'AWS::IAM::Role')[roleId]!;

    // Assess
    expect(role.Properties!.ManagedPolicyArns).toBeUndefined();
    expect(role.Properties!.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' } },
    ]);
  });
});

describe('Stack: function environments (default configuration)', () => {
  const { template } = synthStack();
  const env = (name: string): Record<string, unknown> => lambda(template, name).Properties!.Environment.Variables;
  const ref = (prefix: string, type: string): unknown => ({ Ref: logicalId(template, type, prefix) });
  const api = publicUrl(template);
  const key = { 'Fn::GetAtt': [logicalId(template, 'AWS::KMS::Key', 'TokenKey'), 'Arn'] };
  const microsoft = {
    MICROSOFT_CLIENT_ID: '11111111-2222-3333-4444-555555555555',
    MICROSOFT_TENANT_ID: 'common',
    MICROSOFT_CLIENT_SECRET_ARN: ref('SecretsMicrosoftClientSecret', 'AWS::SecretsManager::Secret'),
  };

  it("authStart gets Microsoft, the invite key, the state table and its page's connections and settings", () => {
    // Assess
    expect(env('AuthStart')).toEqual({
      PUBLIC_BASE_URL: api,
      ...microsoft,
      INVITE_SIGNING_KEY_ARN: ref('SecretsInviteSigningKey', 'AWS::SecretsManager::Secret'),
      OAUTH_STATE_TABLE: ref('DataOAuthState', 'AWS::DynamoDB::Table'),
      CONNECTIONS_TABLE: ref('DataConnections', 'AWS::DynamoDB::Table'),
      SETTINGS_TABLE: ref('DataSettings', 'AWS::DynamoDB::Table'),
    });
  });

  it('authCallback gets Microsoft, the invite key, the state and connections tables and the token key', () => {
    // Assess
    expect(env('AuthCallback')).toEqual({
      PUBLIC_BASE_URL: api,
      ...microsoft,
      INVITE_SIGNING_KEY_ARN: ref('SecretsInviteSigningKey', 'AWS::SecretsManager::Secret'),
      OAUTH_STATE_TABLE: ref('DataOAuthState', 'AWS::DynamoDB::Table'),
      CONNECTIONS_TABLE: ref('DataConnections', 'AWS::DynamoDB::Table'),
      TOKEN_KMS_KEY_ID: key,
    });
  });

  it('vapiWebhook gets Microsoft, the VAPI secret, state (replays), connections, settings, bookings, key, budget', () => {
    // Assess
    expect(env('VapiWebhook')).toEqual({
      PUBLIC_BASE_URL: api,
      ...microsoft,
      VAPI_SECRET_ARN: ref('SecretsVapiWebhookSecret', 'AWS::SecretsManager::Secret'),
      OAUTH_STATE_TABLE: ref('DataOAuthState', 'AWS::DynamoDB::Table'),
      CONNECTIONS_TABLE: ref('DataConnections', 'AWS::DynamoDB::Table'),
      SETTINGS_TABLE: ref('DataSettings', 'AWS::DynamoDB::Table'),
      BOOKINGS_TABLE: ref('DataBookings', 'AWS::DynamoDB::Table'),
      TOKEN_KMS_KEY_ID: key,
      WEBHOOK_BUDGET_MS: '12000',
      // The stack's name: the namespace the alarms read (lib/monitoring.ts).
      POWERTOOLS_METRICS_NAMESPACE: 'TestBooking',
    });
  });

  it('status gets the admin token and the three tables of the admin API, no provider and no token key', () => {
    // Assess
    expect(env('Status')).toEqual({
      PUBLIC_BASE_URL: api,
      ADMIN_TOKEN_ARN: ref('SecretsAdminToken', 'AWS::SecretsManager::Secret'),
      CONNECTIONS_TABLE: ref('DataConnections', 'AWS::DynamoDB::Table'),
      SETTINGS_TABLE: ref('DataSettings', 'AWS::DynamoDB::Table'),
      BOOKINGS_TABLE: ref('DataBookings', 'AWS::DynamoDB::Table'),
    });
  });
});

describe('Stack: booking settings (configured)', () => {
  const { template } = synthStack({
    defaultManagerId: 'manager-1',
    defaultTimeZone: 'Europe/Berlin',
    defaultWorkingHours: 'mon-fri 08:00-16:00; sat 10:00-12:00',
    vapiRoutes: '{"phone-1":"manager-1","asst-2":"manager-2"}',
    slotMinutes: '45',
    slotIntervalMinutes: 15,
    bufferMinutes: '10',
    minNoticeMinutes: '60',
    horizonDays: '21',
    tentativeBlocks: 'false',
    logRetentionDays: '90',
  });

  it('passes every configured booking setting to the webhook, none to authStart', () => {
    // Prepare
    const webhook = lambda(template, 'VapiWebhook').Properties!.Environment.Variables;

    // Assess
    expect(webhook).toMatchObject({
      DEFAULT_MANAGER_ID: 'manager-1',
      DEFAULT_TIME_ZONE: 'Europe/Berlin',
      DEFAULT_WORKING_HOURS: 'mon-fri 08:00-16:00; sat 10:00-12:00',
      VAPI_ROUTES: '{"phone-1":"manager-1","asst-2":"manager-2"}',
      SLOT_MINUTES: '45',
      SLOT_INTERVAL_MINUTES: '15',
      BUFFER_MINUTES: '10',
      MIN_NOTICE_MINUTES: '60',
      HORIZON_DAYS: '21',
      TENTATIVE_BLOCKS: 'false',
    });
    expect(lambda(template, 'AuthStart').Properties!.Environment.Variables.DEFAULT_TIME_ZONE).toBeUndefined();
  });

  it('gives status the default zone only (the bookings listing reads its days in it), and the callback none', () => {
    // Prepare
    const status = lambda(template, 'Status').Properties!.Environment.Variables;
    const callback = lambda(template, 'AuthCallback').Properties!.Environment.Variables;
    const rules = /SLOT|BUFFER|NOTICE|HORIZON|TENTATIVE|VAPI|MANAGER|WORKING|DEFAULT_/;

    // Assess
    expect(status.DEFAULT_TIME_ZONE).toBe('Europe/Berlin');
    expect(Object.keys(status).filter((k) => rules.test(k))).toEqual(['DEFAULT_TIME_ZONE']);
    expect(Object.keys(callback).filter((k) => rules.test(k))).toEqual([]);
  });

  it('applies the configured log retention to every log group', () => {
    // Prepare
    const retention = Object.values(resourcesOf(template, 'AWS::Logs::LogGroup')).map(
      (g) => g.Properties!.RetentionInDays,
    );

    // Assess
    // Four functions, the keeper, the origin-verify authorizer and the API's access logs.
    expect(retention).toEqual([90, 90, 90, 90, 90, 90, 90]);
  });
});

describe('Stack: function environments (Google offered)', () => {
  const googleId = '123456789012-abc.apps.googleusercontent.com';
  const { template } = synthStack({ microsoftClientId: undefined, googleClientId: googleId });
  const env = (name: string): Record<string, unknown> => lambda(template, name).Properties!.Environment.Variables;
  const secretRef = { Ref: logicalId(template, 'AWS::SecretsManager::Secret', 'SecretsGoogleClientSecret') };

  it('gives every function the Google client id, the secret ARN only where codes and tokens are exchanged', () => {
    // Assess
    for (const name of ['AuthStart', 'AuthCallback', 'VapiWebhook', 'Status']) {
      expect(env(name).GOOGLE_CLIENT_ID, name).toBe(googleId);
      expect(
        Object.keys(env(name)).filter((k) => k.startsWith('MICROSOFT_')),
        name,
      ).toEqual([]);
    }
    for (const name of ['AuthCallback', 'VapiWebhook']) expect(env(name).GOOGLE_CLIENT_SECRET_ARN).toEqual(secretRef);
    for (const name of ['AuthStart', 'Status']) expect(env(name)).not.toHaveProperty('GOOGLE_CLIENT_SECRET_ARN');
  });

  it('gives authStart and status the token key, to open credentials for a revoke', () => {
    // Assess
    const key = { 'Fn::GetAtt': [logicalId(template, 'AWS::KMS::Key', 'TokenKey'), 'Arn'] };
    expect(env('AuthStart').TOKEN_KMS_KEY_ID).toEqual(key);
    expect(env('Status').TOKEN_KMS_KEY_ID).toEqual(key);
  });
});
