import { Match } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { nagPacks } from '../../lib/nag';
import { PROVIDER_THROTTLE_THRESHOLD } from '../../lib/monitoring';
import { resolveConfig, StackConfigError } from '../../lib/stack-config';
import { logicalId, resourcesOf, synthStack, TEST_CLIENT_ID } from './synth';

const NAMES = ['AuthStart', 'AuthCallback', 'VapiWebhook', 'Status'] as const;
/** The four API functions (construct ids under Functions) and the scheduled keeper (Keeper/Function). */
const FUNCTION_IDS: Record<string, string> = {
  ...Object.fromEntries(NAMES.map((name) => [name, `Functions${name}`])),
  Keeper: 'KeeperFunction',
};

describe('Stack: monitoring (default configuration)', () => {
  const { template } = synthStack();
  const topic = { Ref: logicalId(template, 'AWS::SNS::Topic', 'MonitoringAlarmTopic') };
  const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm');
  const alarm = (prefix: string) => alarms[logicalId(template, 'AWS::CloudWatch::Alarm', `Monitoring${prefix}`)]!;
  const fnRef = (name: string) => ({ Ref: logicalId(template, 'AWS::Lambda::Function', FUNCTION_IDS[name]!) });
  // Every alarm: above its threshold, to the one topic, quiet when there is no data (no invocations, no figures).
  const common = {
    ComparisonOperator: 'GreaterThanThreshold',
    AlarmActions: [topic],
    TreatMissingData: 'notBreaching',
  };

  it('has 14 alarms, every one notifying the single topic and treating missing data as not breaching', () => {
    // Assess
    template.resourceCountIs('AWS::SNS::Topic', 1);
    expect(Object.keys(alarms)).toHaveLength(Object.keys(FUNCTION_IDS).length * 2 + 4);
    for (const found of Object.values(alarms)) expect(found.Properties).toMatchObject(common);
  });

  it.each(Object.keys(FUNCTION_IDS))('alarms on any %s error and any throttle of it', (name) => {
    // Assess
    for (const metric of ['Errors', 'Throttles']) {
      expect(alarm(`${name}${metric}`).Properties).toMatchObject({
        ...common,
        Namespace: 'AWS/Lambda',
        MetricName: metric,
        Dimensions: [{ Name: 'FunctionName', Value: fnRef(name) }],
        Statistic: 'Sum',
        Period: 300,
        Threshold: 0,
      });
    }
  });

  it("alarms when the webhook's p99 duration passes 80% of its 12 s budget for two periods", () => {
    // Assess
    expect(alarm('WebhookP99').Properties).toMatchObject({
      ...common,
      Namespace: 'AWS/Lambda',
      MetricName: 'Duration',
      Dimensions: [{ Name: 'FunctionName', Value: fnRef('VapiWebhook') }],
      ExtendedStatistic: 'p99',
      Threshold: 9_600,
      EvaluationPeriods: 2,
    });
  });

  it('alarms on any 5xx of the HTTP API', () => {
    // Assess
    expect(alarm('Api5xx').Properties).toMatchObject({
      ...common,
      Namespace: 'AWS/ApiGateway',
      MetricName: '5xx',
      Dimensions: [{ Name: 'ApiId', Value: { Ref: logicalId(template, 'AWS::ApiGatewayV2::Api', 'ApiHttpApi') } }],
      Threshold: 0,
    });
  });

  it.each([
    ['ReconnectRequired', 'ReconnectRequired', 0],
    ['ThrottledRequests', 'ProviderThrottle', PROVIDER_THROTTLE_THRESHOLD],
  ] as const)('alarm %s reads the app metric %s (stack namespace, service rollup) above %d', (id, metric, limit) => {
    // Assess
    expect(alarm(id).Properties).toMatchObject({
      ...common,
      Namespace: 'TestBooking',
      MetricName: metric,
      Dimensions: [{ Name: 'service', Value: 'calendar-booking' }],
      Statistic: 'Sum',
      Period: 300,
      Threshold: limit,
    });
  });

  it('encrypts the topic with a rotated key of its own that CloudWatch may use, for this account only', () => {
    // Prepare
    const keyId = logicalId(template, 'AWS::KMS::Key', 'MonitoringAlarmTopicKey');
    const key = resourcesOf(template, 'AWS::KMS::Key')[keyId]!.Properties!;

    // Assess
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: { 'Fn::GetAtt': [keyId, 'Arn'] } });
    expect(key.EnableKeyRotation).toBe(true);
    expect(key.KeyPolicy.Statement).toContainEqual({
      Sid: 'CloudWatchAlarmsPublish',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: '*',
      Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
    });
  });

  it('refuses any publish without TLS and lets CloudWatch (of this account) publish', () => {
    // Prepare
    const policies = Object.values(resourcesOf(template, 'AWS::SNS::TopicPolicy'));

    // Assess
    expect(policies).toHaveLength(1);
    expect(policies[0]!.Properties!.Topics).toEqual([topic]);
    const statements = policies[0]!.Properties!.PolicyDocument.Statement as Array<Record<string, any>>;
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Deny',
        Principal: '*',
        Action: 'sns:Publish',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    expect(statements).toContainEqual(
      expect.objectContaining({
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
      }),
    );
  });

  it('has no subscription unless alarmEmail is given', () => {
    // Assess
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('has a dashboard of the same figures', () => {
    // Prepare
    const body = JSON.stringify(Object.values(resourcesOf(template, 'AWS::CloudWatch::Dashboard'))[0]!.Properties);

    // Assess
    template.resourceCountIs('AWS::CloudWatch::Dashboard', 1);
    for (const metric of ['ToolCall', 'ToolCallDuration', 'ProviderRequestDuration', 'ProviderThrottle'])
      expect(body).toContain(metric);
    for (const metric of ['ReconnectRequired', 'BookingReconciled', 'Duration', 'Errors', 'Throttles', '5xx'])
      expect(body).toContain(metric);
  });
});

describe('Stack: monitoring (alarmEmail given)', () => {
  const { stack, template } = synthStack({ alarmEmail: ' ops@example.com ' });

  it('subscribes the address to the alarm topic', () => {
    // Assess
    template.resourceCountIs('AWS::SNS::Subscription', 1);
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.com',
      TopicArn: { Ref: Match.stringLikeRegexp('^MonitoringAlarmTopic') },
    });
  });

  it.each(nagPacks().map((pack) => [pack.name, pack] as const))('%s stays clean', (_name, pack) => {
    // Act
    const report = pack.validateScope(stack);

    // Assess
    expect(report.violations.map((v) => v.ruleName)).toEqual([]);
  });
});

describe('Function: resolveConfig (alarmEmail)', () => {
  it.each(['ops', 'ops@example', 'a@b.c, d@e.f', 'two words@example.com'])('refuses "%s", naming the key', (given) => {
    // Act
    const act = () => resolveConfig({ microsoftClientId: TEST_CLIENT_ID, alarmEmail: given });

    // Assess
    expect(act).toThrow(StackConfigError);
    expect(act).toThrow(
      /Invalid CDK context "alarmEmail": expected an email address, got ".*". Example: -c alarmEmail=/,
    );
  });
});
