/** The keeper in the stack: its schedule, its target, its dead letters and the exact permissions of both roles. */
import { describe, expect, it } from 'vitest';
import { CREDENTIAL_CONTEXT_KEYS, CREDENTIALS_PURPOSE } from '../../functions/contract/credentials';
import { resolveConfig, StackConfigError } from '../../lib/stack-config';
import { logicalId, resourcesOf, synthStack, TEST_CLIENT_ID } from './synth';

type Statement = Record<string, any>;

const statementsOf = (template: ReturnType<typeof synthStack>['template'], policyPrefix: string): Statement[] =>
  resourcesOf(template, 'AWS::IAM::Policy')[logicalId(template, 'AWS::IAM::Policy', policyPrefix)]!.Properties!
    .PolicyDocument.Statement;

describe('Stack: the keeper (default configuration)', () => {
  const { template } = synthStack();
  const id = (type: string, prefix: string): string => logicalId(template, type, prefix);
  const keeperFn = id('AWS::Lambda::Function', 'KeeperFunction');
  const queue = id('AWS::SQS::Queue', 'KeeperDeadLetters');
  const arn = (logical: string) => ({ 'Fn::GetAtt': [logical, 'Arn'] });
  const table = (name: string) => id('AWS::DynamoDB::Table', `Data${name}`);
  const index = (name: string, indexName: string) => ({
    'Fn::Join': ['', [arn(table(name)), `/index/${indexName}`]],
  });

  it('runs hourly on EventBridge Scheduler, invoking the keeper with retries and a dead-letter queue', () => {
    // Prepare
    const schedules = Object.values(resourcesOf(template, 'AWS::Scheduler::Schedule'));
    // Assess
    expect(schedules).toHaveLength(1);
    expect(schedules[0]!.Properties).toMatchObject({
      ScheduleExpression: 'rate(1 hour)',
      State: 'ENABLED',
      FlexibleTimeWindow: { Mode: 'OFF' },
      Target: {
        Arn: arn(keeperFn),
        RoleArn: arn(id('AWS::IAM::Role', 'KeeperSchedulerRole')),
        RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 2 },
        DeadLetterConfig: { Arn: arn(queue) },
      },
    });
  });

  it('is no API route: no integration or permission lets API Gateway invoke it', () => {
    // Prepare
    const permissions = Object.values(resourcesOf(template, 'AWS::Lambda::Permission'));
    // Assess
    expect(permissions.filter((p) => JSON.stringify(p.Properties!.FunctionName).includes(keeperFn))).toEqual([]);
  });

  it("the scheduler's role may invoke only the keeper (no version or alias wildcard) and dead-letter to its queue", () => {
    // Prepare
    const role = resourcesOf(template, 'AWS::IAM::Role')[id('AWS::IAM::Role', 'KeeperSchedulerRole')]!;
    // Assess
    expect(role.Properties!.AssumeRolePolicyDocument.Statement).toEqual([
      { Action: 'sts:AssumeRole', Effect: 'Allow', Principal: { Service: 'scheduler.amazonaws.com' } },
    ]);
    expect(statementsOf(template, 'KeeperSchedulerRoleDefaultPolicy')).toEqual([
      { Sid: 'InvokeKeeper', Action: 'lambda:InvokeFunction', Effect: 'Allow', Resource: arn(keeperFn) },
      { Sid: 'DeadLetter', Action: 'sqs:SendMessage', Effect: 'Allow', Resource: arn(queue) },
    ]);
  });

  it("the keeper's role: exactly its tables, its two due-lists, the token key under the credential context, the secret", () => {
    // Prepare
    const statements = statementsOf(template, 'KeeperFunctionRoleDefaultPolicy');
    const bySid = Object.fromEntries(statements.map((s) => [s.Sid ?? s.Action, s]));
    // Assess
    expect(statements.map((s) => s.Sid ?? [s.Action].flat().join())).toEqual([
      'sqs:SendMessage',
      'OwnLogGroup',
      'ReadMicrosoftClientSecret',
      'ConnectionsTable',
      'SettingsTable',
      'BookingsTable',
      'TokenCacheKey',
      'DueLists',
      'Enrolment',
    ]);
    expect(bySid['sqs:SendMessage']!.Resource).toEqual(arn(queue));
    expect(bySid.OwnLogGroup!.Resource).toEqual(arn(id('AWS::Logs::LogGroup', 'KeeperFunctionLogs')));
    expect(bySid.ReadMicrosoftClientSecret).toMatchObject({
      Action: 'secretsmanager:GetSecretValue',
      Resource: { Ref: id('AWS::SecretsManager::Secret', 'SecretsMicrosoftClientSecret') },
    });
    expect(bySid.ConnectionsTable).toMatchObject({
      Action: ['dynamodb:BatchGetItem', 'dynamodb:GetItem', 'dynamodb:UpdateItem'],
      Resource: arn(table('Connections')),
    });
    expect(bySid.SettingsTable).toMatchObject({
      Action: ['dynamodb:BatchGetItem', 'dynamodb:GetItem'],
      Resource: arn(table('Settings')),
    });
    expect(bySid.BookingsTable).toMatchObject({
      Action: ['BatchGetItem', 'ConditionCheckItem', 'DeleteItem', 'GetItem', 'Query', 'UpdateItem'].map(
        (a) => `dynamodb:${a}`,
      ),
      Resource: arn(table('Bookings')),
    });
    expect(bySid.TokenCacheKey).toEqual({
      Sid: 'TokenCacheKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: arn(id('AWS::KMS::Key', 'TokenKey')),
      Condition: {
        StringEquals: { 'kms:EncryptionContext:purpose': CREDENTIALS_PURPOSE },
        'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': [...CREDENTIAL_CONTEXT_KEYS] },
      },
    });
    // Order-free: @aws-cdk/aws-iam:minimizePolicies sorts the resources.
    expect(bySid.DueLists!.Action).toBe('dynamodb:Query');
    expect(bySid.DueLists!.Resource).toHaveLength(2);
    expect(bySid.DueLists!.Resource).toEqual(
      expect.arrayContaining([index('Connections', 'keeper'), index('Bookings', 'due')]),
    );
    // The one-off enrolment's Scan: the connections table only, and only its key and shard (never a credential)
    expect(bySid.Enrolment).toEqual({
      Sid: 'Enrolment',
      Effect: 'Allow',
      Action: 'dynamodb:Scan',
      Resource: arn(table('Connections')),
      Condition: {
        'ForAllValues:StringEquals': { 'dynamodb:Attributes': ['managerId', 'keeperShard'] },
        StringEquals: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
      },
    });
  });

  it('sends failed asynchronous runs to its dead-letter queue (encrypted, TLS only) and times out after its budget', () => {
    // Prepare
    const fn = resourcesOf(template, 'AWS::Lambda::Function')[keeperFn]!.Properties!;
    const dlq = resourcesOf(template, 'AWS::SQS::Queue')[queue]!.Properties!;
    // Assess
    expect(fn.DeadLetterConfig).toEqual({ TargetArn: arn(queue) });
    expect(fn.Timeout).toBe(270);
    expect(dlq).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 1_209_600 });
  });

  it('has the keeper index on the connections table: the constant shard and the due time, everything projected', () => {
    // Prepare
    const connections = resourcesOf(template, 'AWS::DynamoDB::Table')[table('Connections')]!.Properties!;
    // Assess
    expect(connections.GlobalSecondaryIndexes).toEqual([
      {
        IndexName: 'keeper',
        KeySchema: [
          { AttributeName: 'keeperShard', KeyType: 'HASH' },
          { AttributeName: 'keeperDueMs', KeyType: 'RANGE' },
        ],
        Projection: { ProjectionType: 'ALL' },
      },
    ]);
  });
});

describe('Stack: the keeper (configured)', () => {
  it('takes keeperSchedule as minutes or an expression, and passes the KEEPER_* settings to the function', () => {
    // Prepare
    const { template } = synthStack({ keeperSchedule: '30', keeperIdleDays: 7, keeperBudgetSeconds: '600' });
    const fn = Object.entries(resourcesOf(template, 'AWS::Lambda::Function')).find(([k]) =>
      k.startsWith('KeeperFunction'),
    )![1].Properties!;
    // Assess
    expect(Object.values(resourcesOf(template, 'AWS::Scheduler::Schedule'))[0]!.Properties!.ScheduleExpression).toBe(
      'rate(30 minutes)',
    );
    expect(fn.Environment.Variables).toMatchObject({ KEEPER_IDLE_DAYS: '7', KEEPER_BUDGET_SECONDS: '600' });
    expect(fn.Timeout).toBe(630);
    expect(
      resolveConfig({ microsoftClientId: TEST_CLIENT_ID, keeperSchedule: 'cron(0 3 * * ? *)' }).keeper,
    ).toMatchObject({ scheduleExpression: 'cron(0 3 * * ? *)' });
    expect(resolveConfig({ microsoftClientId: TEST_CLIENT_ID, keeperSchedule: 120 }).keeper.scheduleExpression).toBe(
      'rate(2 hours)',
    );
  });

  it.each([
    [{ keeperSchedule: 'every hour' }, /keeperSchedule.*minutes between runs/],
    [{ keeperSchedule: '2' }, /keeperSchedule/],
    [{ keeperSchedule: 'rate(1 hours)' }, /keeperSchedule/],
    [{ keeperIdleDays: 90 }, /"keeperIdleDays": KEEPER_IDLE_DAYS must be an integer from 1 to 80, got "90"/],
    [{ keeperBatchSize: 0 }, /"keeperBatchSize": KEEPER_BATCH_SIZE must be/],
    [{ keeperBudgetSeconds: 900 }, /"keeperBudgetSeconds": KEEPER_BUDGET_SECONDS must be an integer from 10 to 840/],
  ])('refuses %j, naming the context key', (input, message) => {
    // Act
    const act = () => resolveConfig({ microsoftClientId: TEST_CLIENT_ID, ...input });
    // Assess
    expect(act).toThrow(StackConfigError);
    expect(act).toThrow(message);
  });
});
