/**
 * The keeper: an EventBridge Scheduler target (hourly by default), not an API route. Also what `npm start` runs on
 * its timer and `npm run keeper -- --once` asks it for. Returns the run's summary. Invoked by an operator with
 * `{"enrol": true}` (and then `"cursor"`), it runs the one-off enrolment instead (see the README's Keeper section).
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import * as z from 'zod/mini';
import { type EnrolmentSummary, enrolManagers } from '../domain/keeper/enrol-managers';
import { type KeeperSummary, runKeeper } from '../domain/keeper/run-keeper';
import { ValidationError } from '../domain/errors';
import type { Deadline } from '../domain/ports';
import { keeperRuntime } from '../runtime/compose-keeper';
import { withDeadline } from '../runtime/deadline';
import { logger, withLogKeys } from '../runtime/logger';

/** Time kept back from the Lambda's own timeout to release the last lease and log the summary. */
const MARGIN_MS = 5_000;

/** Items read per enrolment page (a Scan projecting the key only, then one conditional write per item to enrol). */
export const ENROL_PAGE_SIZE = 100;

/** The operator's one-off request; any event without `enrol` (the schedule's) is a routine run. */
const EnrolRequest = z.strictObject({
  enrol: z.literal(true),
  cursor: z.optional(z.string().check(z.minLength(1), z.maxLength(2048))),
});

type KeeperRuntime = Awaited<ReturnType<typeof keeperRuntime>>;

/** Runs `work` bounded by KEEPER_BUDGET_SECONDS and the time the invocation has left; the metrics flushed after. */
async function bounded<T>(remainingMs: number, work: (runtime: KeeperRuntime, deadline: Deadline) => Promise<T>) {
  const runtime = await keeperRuntime();
  const budgetMs = Math.min(runtime.config.budgetSeconds * 1000, remainingMs - MARGIN_MS);
  const deadline = { at: Date.now() + budgetMs };
  try {
    return await withLogKeys({ function: 'keeper' }, () =>
      // Every DynamoDB and KMS call inside is bounded by the run's deadline too.
      withDeadline(deadline, () => work(runtime, deadline)),
    );
  } finally {
    runtime.metrics.flush();
  }
}

/** One run: bounded by KEEPER_BUDGET_SECONDS and, in Lambda, by the time the invocation has left. */
export function keepOnce(remainingMs = Number.POSITIVE_INFINITY): Promise<KeeperSummary> {
  return bounded(remainingMs, ({ deps, config }, deadline) =>
    runKeeper(deps, { batchSize: config.batchSize, deadline }),
  );
}

/** The one-off enrolment from `cursor` (the start when undefined), within the same bounds as a run. */
export function enrolOnce(cursor?: string, remainingMs = Number.POSITIVE_INFINITY): Promise<EnrolmentSummary> {
  return bounded(remainingMs, ({ deps }, deadline) =>
    enrolManagers(deps, { deadline, pageSize: ENROL_PAGE_SIZE, ...(cursor ? { cursor } : {}) }),
  );
}

/** The enrolment request in `event`, if it asks for one; a malformed one is a ValidationError, never a routine run. */
export function enrolRequestOf(event: unknown): z.infer<typeof EnrolRequest> | undefined {
  if (typeof event !== 'object' || event === null || !('enrol' in event)) return undefined;
  const parsed = EnrolRequest.safeParse(event);
  if (!parsed.success) {
    throw new ValidationError(
      'An enrolment is invoked with {"enrol": true} and, to continue, the "cursor" it returned',
    );
  }
  return parsed.data;
}

const lambdaHandler = (event: unknown, context: Context): Promise<KeeperSummary | EnrolmentSummary> => {
  const enrol = enrolRequestOf(event);
  const remainingMs = context.getRemainingTimeInMillis();
  return enrol ? enrolOnce(enrol.cursor, remainingMs) : keepOnce(remainingMs);
};

export const handler = middy<unknown, KeeperSummary | EnrolmentSummary>()
  .use(injectLambdaContext(logger))
  .handler(lambdaHandler);
