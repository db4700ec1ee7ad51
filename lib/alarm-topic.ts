/** The one SNS topic every alarm notifies: encrypted with its own key (CloudWatch may use it), TLS-only publishing. */
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { PolicyDocument, PolicyStatement, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Construct } from 'constructs';
import { accountKeyStatement } from './token-key';

/**
 * The alarm topic. SNS's AWS-managed key cannot be used by CloudWatch alarms (its policy cannot be changed), so the
 * topic has a key of its own whose policy lets CloudWatch encrypt what it publishes, for this account only.
 */
export function createAlarmTopic(scope: Construct, id: string, alarmEmail?: string): Topic {
  const stack = Stack.of(scope);
  const key = new Key(scope, `${id}Key`, {
    description: `${stack.stackName}: encrypts the alarm topic's messages at rest`,
    enableKeyRotation: true,
    // Nothing stays encrypted under it once a message is delivered: it may go with the stack (after KMS's wait).
    removalPolicy: RemovalPolicy.DESTROY,
    pendingWindow: Duration.days(7),
    policy: new PolicyDocument({
      statements: [
        accountKeyStatement(),
        new PolicyStatement({
          sid: 'CloudWatchAlarmsPublish',
          principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
          actions: ['kms:Decrypt', 'kms:GenerateDataKey'],
          resources: ['*'],
          conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
        }),
      ],
    }),
  });
  const topic = new Topic(scope, id, {
    displayName: `${stack.stackName} alarms`,
    masterKey: key,
    enforceSSL: true,
  });
  // The topic policy enforceSSL writes replaces SNS's default one: CloudWatch's publishing is allowed by name.
  topic.addToResourcePolicy(
    new PolicyStatement({
      sid: 'CloudWatchAlarmsPublish',
      principals: [new ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [topic.topicArn],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }),
  );
  if (alarmEmail) {
    const subscription = topic.addSubscription(new EmailSubscription(alarmEmail));
    Validations.of(subscription).acknowledge({
      id: 'Serverless-SNSRedrivePolicy',
      reason:
        'An email subscription: SNS retries the delivery, and the alarm stays in ALARM in CloudWatch and on the ' +
        'dashboard; a dead-letter queue of unsent alarm mails would be one more thing nobody reads.',
    });
  }
  return topic;
}
