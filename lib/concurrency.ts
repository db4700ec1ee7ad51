/**
 * Reserved concurrency from context (lib/abuse-config.ts): the webhook gets executions no flood of the other routes
 * can take, and each other function a cap so it cannot eat the account's pool. Off unless configured: a new account's
 * quota may be 10, and Lambda refuses any reservation that leaves fewer than 10 unreserved, so a default would make a
 * fresh account's first deploy fail.
 */
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import type { Function as LambdaFunction } from 'aws-cdk-lib/aws-lambda';
import type { AbuseConfig } from './abuse-config';

/** Sets ReservedConcurrentExecutions on the webhook and on every other function given, as configured. */
export function reserveConcurrency(
  webhook: LambdaFunction,
  others: readonly LambdaFunction[],
  config: Pick<AbuseConfig, 'webhookReservedConcurrency' | 'otherFunctionsReservedConcurrency'>,
): void {
  const reserve = (fn: LambdaFunction, executions: number | undefined): void => {
    if (executions === undefined) return;
    // The L2 takes it only in its constructor props; the functions are built elsewhere (lib/functions.ts).
    (fn.node.defaultChild as CfnFunction).reservedConcurrentExecutions = executions;
  };
  reserve(webhook, config.webhookReservedConcurrency);
  for (const fn of others) reserve(fn, config.otherFunctionsReservedConcurrency);
}
