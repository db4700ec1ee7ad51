/**
 * The keeper: a Lambda (functions/handlers/keeper.ts) invoked by an EventBridge Scheduler schedule (hourly by
 * default), not an API route. Its role gets exactly what a run uses; the scheduler's role may invoke only the keeper.
 */
import { Duration, Validations } from 'aws-cdk-lib';
import type { Table } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { type ISchedule, type IScheduleTarget, Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { BOOKINGS_DUE_INDEX, CONNECTIONS_KEEPER_INDEX, type TableRole } from '../functions/contract/tables';
import { AppFunction } from './constructs/app-function';
import { withProviderApps } from './provider-env';
import type { AppSecrets } from './secrets';
import type { BookingStackConfig } from './stack-config';

export interface KeeperProps {
  config: BookingStackConfig;
  tables: Record<TableRole, Table>;
  tokenKey: IKey;
  secrets: AppSecrets;
}

/** A failed delivery is tried again within this long; after that the next scheduled run does the same work. */
const MAX_EVENT_AGE = Duration.hours(1);

/** The scheduled keeper function, its schedule, the scheduler's role and the dead-letter queue of failed runs. */
export class Keeper extends Construct {
  readonly function: AppFunction;
  readonly schedule: Schedule;
  readonly schedulerRole: Role;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: KeeperProps) {
    super(scope, id);
    const { config, tables, tokenKey, secrets } = props;
    this.deadLetters = new Queue(this, 'DeadLetters', {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    const isDeadLetterQueue =
      'This queue is itself the dead-letter queue of the keeper (its Lambda async DeadLetterConfig and its ' +
      "schedule's DeadLetterConfig); nag recognises only SQS redrive policies.";
    Validations.of(this.deadLetters).acknowledge(
      { id: 'AwsSolutions-SQS3', reason: isDeadLetterQueue },
      {
        id: 'Serverless-SQSRedrivePolicy',
        reason: `${isDeadLetterQueue} A dead-letter queue has no redrive of its own.`,
      },
    );
    const fn = new AppFunction(this, 'Function', {
      handlerName: 'keeper',
      description: 'Keeper (scheduled): idle token refresh, reconnect flags, due bookings, owner schedules',
      timeout: Duration.seconds(config.keeper.timeoutSeconds),
      logRetention: config.logRetention,
      deadLetterQueue: this.deadLetters,
    }).emitsMetrics();
    this.function = fn;
    withProviderApps(fn, config, secrets, true)
      // ConnectionStore.get (+ migration) and UpdateItem only: lease, due time, lastRefreshedAt, token write-backs,
      // needsReconnect, schedules. The keeper never saves a whole record, so never DeleteItem.
      .useTable('connections', tables.connections, ['GetItem', 'UpdateItem'])
      // The sweep's openManagerCalendar: the manager's own rules.
      .useTable('settings', tables.settings, ['GetItem'])
      // The bookings sweep (functions/domain/keeper/sweep-bookings.ts): reads and settles due records (confirm,
      // release, retire: Update/Delete of records and lock cells, ConditionChecks), listByManager's Query.
      .useTable('bookings', tables.bookings, ['ConditionCheckItem', 'DeleteItem', 'GetItem', 'Query', 'UpdateItem'])
      // Decrypt to use a token cache, GenerateDataKey to re-seal it after a refresh.
      .useTokenKey(tokenKey, ['decrypt', 'generateDataKey']);
    // The two due-lists, by index: Query only (a routine run never scans).
    fn.executionRole.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'DueLists',
        actions: ['dynamodb:Query'],
        resources: [
          `${tables.connections.tableArn}/index/${CONNECTIONS_KEEPER_INDEX.name}`,
          `${tables.bookings.tableArn}/index/${BOOKINGS_DUE_INDEX.name}`,
        ],
      }),
    );
    // The one-off enrolment ({"enrol": true}; functions/domain/keeper/enrol-managers.ts): a paged Scan of the
    // connections table, held to the key and the shard, so even it never returns a credential.
    fn.executionRole.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'Enrolment',
        actions: ['dynamodb:Scan'],
        resources: [tables.connections.tableArn],
        conditions: {
          'ForAllValues:StringEquals': {
            'dynamodb:Attributes': ['managerId', CONNECTIONS_KEEPER_INDEX.partitionKey.name],
          },
          StringEquals: { 'dynamodb:Select': 'SPECIFIC_ATTRIBUTES' },
        },
      }),
    );
    for (const [name, value] of Object.entries({ ...config.bookingEnv, ...config.keeper.env })) {
      fn.addEnvironment(name, value);
    }

    // Written by hand: the aws-scheduler-targets LambdaInvoke also grants every version and alias (<arn>:*).
    this.schedulerRole = new Role(this, 'SchedulerRole', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
      description: 'EventBridge Scheduler: invoke the keeper, dead-letter a failed delivery',
    });
    this.schedulerRole.addToPrincipalPolicy(
      new PolicyStatement({ sid: 'InvokeKeeper', actions: ['lambda:InvokeFunction'], resources: [fn.functionArn] }),
    );
    this.schedulerRole.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'DeadLetter',
        actions: ['sqs:SendMessage'],
        resources: [this.deadLetters.queueArn],
      }),
    );
    const role = this.schedulerRole;
    const target: IScheduleTarget = {
      bind: (_schedule: ISchedule) => ({
        arn: fn.functionArn,
        role,
        retryPolicy: { maximumEventAgeInSeconds: MAX_EVENT_AGE.toSeconds(), maximumRetryAttempts: 2 },
        deadLetterConfig: { arn: this.deadLetters.queueArn },
      }),
    };
    this.schedule = new Schedule(this, 'Schedule', {
      schedule: ScheduleExpression.expression(config.keeper.scheduleExpression),
      target,
      description: 'Runs the keeper (idle token refresh, due bookings, owner schedules)',
    });
  }
}
