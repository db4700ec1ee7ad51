/**
 * The keeper: an EventBridge Scheduler target (hourly by default), not an API route. Also what `npm start` runs on
 * its timer and `npm run keeper -- --once` asks it for. Returns the run's summary.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { type KeeperSummary, runKeeper } from '../domain/keeper/run-keeper';
import { keeperRuntime } from '../runtime/compose-keeper';
import { withDeadline } from '../runtime/deadline';
import { logger, withLogKeys } from '../runtime/logger';

/** Time kept back from the Lambda's own timeout to release the last lease and log the summary. */
const MARGIN_MS = 5_000;

/** One run: bounded by KEEPER_BUDGET_SECONDS and, in Lambda, by the time the invocation has left. */
export async function keepOnce(remainingMs = Number.POSITIVE_INFINITY): Promise<KeeperSummary> {
  const { deps, config, metrics } = await keeperRuntime();
  const budgetMs = Math.min(config.budgetSeconds * 1000, remainingMs - MARGIN_MS);
  const deadline = { at: Date.now() + budgetMs };
  try {
    return await withLogKeys({ function: 'keeper' }, () =>
      // Every DynamoDB and KMS call inside is bounded by the run's deadline too.
      withDeadline(deadline, () => runKeeper(deps, { batchSize: config.batchSize, deadline })),
    );
  } finally {
    metrics.flush();
  }
}

const lambdaHandler = (_event: unknown, context: Context): Promise<KeeperSummary> =>
  keepOnce(context.getRemainingTimeInMillis());

export const handler = middy<unknown, KeeperSummary>().use(injectLambdaContext(logger)).handler(lambdaHandler);
