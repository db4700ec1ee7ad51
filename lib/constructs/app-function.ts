/**
 * AppFunction: every Lambda of the app, with the defaults fixed in one place and intent methods that set an
 * environment variable and the matching least-privilege grant together (they cannot drift apart).
 */
import { fileURLToPath } from 'node:url';
import { type Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import { Effect, PolicyStatement, Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IKey } from 'aws-cdk-lib/aws-kms';
import { Architecture, Runtime, Tracing } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, type RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import type { Construct } from 'constructs';
import { CREDENTIAL_CONTEXT_KEYS, CREDENTIALS_PURPOSE } from '../../functions/contract/credentials';
import { tableEnv, type TableRole } from '../../functions/contract/tables';
import { aliasArgs, bundleSettings, nodeOptionsEnv } from './bundling';

/** Repository root: entries, the lock file and tsconfig are resolved from here. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The newest Node.js runtime this aws-cdk-lib knows (cdk-nag L1 compares against Runtime.ALL). */
export const APP_RUNTIME = Runtime.NODEJS_24_X;

/**
 * The item-level DynamoDB actions a function may be granted: no Scan, no BatchWriteItem, no streams, no table
 * management; BatchGetItem only with GetItem (useTable adds it). A TransactWriteItems needs no action of its own: IAM
 * checks the Put/Update/Delete/ConditionCheck of each item.
 */
export const TABLE_ACTIONS = ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Query', 'ConditionCheckItem'] as const;

export type TableAction = (typeof TABLE_ACTIONS)[number];

const KMS_ACTIONS = { generateDataKey: 'kms:GenerateDataKey', decrypt: 'kms:Decrypt' } as const;

export type TokenKeyAction = keyof typeof KMS_ACTIONS;

export interface AppFunctionProps {
  /** Handler file under functions/handlers, without extension; it exports `handler`. */
  handlerName: string;
  timeout: Duration;
  logRetention: RetentionDays;
  description?: string;
  memorySize?: number;
  /** Invoked asynchronously (a schedule): failed invocations go to this queue. Absent: API Gateway's, synchronous. */
  deadLetterQueue?: IQueue;
}

/** A NodejsFunction with its own role (no AWS-managed policies) and its own log group. */
export class AppFunction extends NodejsFunction {
  /** The execution role; only the intent methods add to it. */
  readonly executionRole: Role;
  /** Where the function logs (explicit, so there is no logRetention custom resource). */
  readonly logs: LogGroup;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    // Role and log group are siblings because children cannot be created before super().
    const role = new Role(scope, `${id}Role`, { assumedBy: new ServicePrincipal('lambda.amazonaws.com') });
    const logs = new LogGroup(scope, `${id}Logs`, {
      retention: props.logRetention,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    super(scope, id, {
      entry: `${REPO_ROOT}functions/handlers/${props.handlerName}.ts`,
      handler: 'handler',
      projectRoot: REPO_ROOT,
      depsLockFilePath: `${REPO_ROOT}package-lock.json`,
      runtime: APP_RUNTIME,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout,
      description: props.description,
      role,
      logGroup: logs,
      // Off: nothing in the code opens X-Ray subsegments, so a trace would show one bar per invocation, which the
      // Duration metric and the app's EMF figures (ProviderRequestDuration by operation) already give.
      tracing: Tracing.DISABLED,
      deadLetterQueue: props.deadLetterQueue,
      environment: nodeOptionsEnv(),
      bundling: {
        format: OutputFormat.CJS,
        target: bundleSettings.target,
        minify: bundleSettings.minify,
        sourceMap: bundleSettings.sourceMap,
        sourcesContent: bundleSettings.sourcesContent,
        mainFields: [...bundleSettings.mainFields],
        bundleAwsSDK: bundleSettings.bundleAwsSdk,
        esbuildArgs: aliasArgs(),
        forceDockerBundling: false,
      },
    });
    this.executionRole = role;
    this.logs = logs;
    // Instead of AWSLambdaBasicExecutionRole (log actions on every log group): this function's own log group only.
    role.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'OwnLogGroup',
        actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        resources: [logs.logGroupArn],
      }),
    );
    Validations.of(this).acknowledge({
      id: 'Serverless-LambdaTracing',
      reason:
        'X-Ray is off: the code opens no subsegments, so traces would repeat the Duration metric; the EMF metrics ' +
        '(lib/monitoring.ts) time every provider request by operation instead.',
    });
    if (props.deadLetterQueue) return;
    Validations.of(this).acknowledge({
      id: 'Serverless-LambdaDLQ',
      reason:
        'Invoked only synchronously by API Gateway; errors return to the caller, ' +
        'there are no async events to dead-letter.',
    });
  }

  /**
   * Passes POWERTOOLS_METRICS_NAMESPACE: the stack's name, so two stacks in one account keep their figures (and
   * alarms, lib/monitoring.ts) apart. EMF goes out through the function's own log group: no grant is needed.
   */
  emitsMetrics(): this {
    this.addEnvironment('POWERTOOLS_METRICS_NAMESPACE', Stack.of(this).stackName);
    return this;
  }

  /**
   * Passes a table's name in its env var (from lib/tables.ts) and grants exactly `actions` on that table; with
   * `leadingKeys` (IAM StringLike patterns), only on items whose partition key matches one of them. `label` names a
   * second statement on the same table (other actions on other keys).
   */
  useTable(
    tableRole: TableRole,
    table: ITable,
    actions: readonly TableAction[],
    leadingKeys?: readonly string[],
    label = '',
  ): this {
    // An empty grant would synthesize a statement IAM rejects;
    // a table the function never touches needs no env var either.
    if (actions.length === 0) throw new Error(`useTable(${tableRole}): name at least one action`);
    this.addEnvironment(tableEnv[tableRole], table.tableName);
    this.executionRole.addToPrincipalPolicy(
      new PolicyStatement({
        sid: `${tableRole[0]!.toUpperCase()}${tableRole.slice(1)}Table${label}`,
        // Sorted and deduplicated so the template (and its diff) does not depend on the order the caller wrote.
        // GetItem brings BatchGetItem: the client sends concurrent GetItems as one (coalesced-gets.ts), reading the
        // same items by the same keys (a LeadingKeys condition applies to it the same way).
        actions: [...new Set(actions.includes('GetItem') ? [...actions, 'BatchGetItem'] : actions)]
          .sort()
          .map((action) => `dynamodb:${action}`),
        resources: [table.tableArn],
        conditions: leadingKeys && { 'ForAllValues:StringLike': { 'dynamodb:LeadingKeys': [...leadingKeys] } },
      }),
    );
    return this;
  }

  /**
   * Passes `${envName}_ARN` and grants secretsmanager:GetSecretValue on that one secret: its current version, or the
   * `stages` named (AWSPREVIOUS too, for a secret accepted in both versions while a rotation settles).
   */
  useSecret(envName: string, secret: ISecret, stages: readonly string[] = ['AWSCURRENT']): this {
    this.addEnvironment(`${envName}_ARN`, secret.secretArn);
    this.executionRole.addToPrincipalPolicy(
      new PolicyStatement({
        sid: `Read${envName.toLowerCase().replace(/(^|_)([a-z0-9])/g, (_m, _s, c: string) => c.toUpperCase())}`,
        actions: ['secretsmanager:GetSecretValue'],
        resources: [secret.secretArn],
        // IfExists: a read naming no stage gets AWSCURRENT; one naming a stage gets only these (never AWSPENDING).
        conditions: { StringEqualsIfExists: { 'secretsmanager:VersionStage': [...stages] } },
      }),
    );
    return this;
  }

  /**
   * Passes TOKEN_KMS_KEY_ID and allows exactly `actions` on the key, only for token-cache encryption contexts.
   * Written by hand because key.grant* helpers add GenerateDataKey* / ReEncrypt* and no context conditions.
   */
  useTokenKey(key: IKey, actions: TokenKeyAction[]): this {
    this.addEnvironment('TOKEN_KMS_KEY_ID', key.keyArn);
    this.executionRole.addToPrincipalPolicy(
      new PolicyStatement({
        sid: 'TokenCacheKey',
        effect: Effect.ALLOW,
        actions: [...new Set(actions)].map((action) => KMS_ACTIONS[action]),
        resources: [key.keyArn],
        conditions: {
          StringEquals: { 'kms:EncryptionContext:purpose': CREDENTIALS_PURPOSE },
          'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': [...CREDENTIAL_CONTEXT_KEYS] },
        },
      }),
    );
    return this;
  }
}
