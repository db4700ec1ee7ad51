/**
 * POST /vapi/webhook — VAPI tool calls: size cap, then auth, then JSON, then the protocol;
 * always 200 for tool results.
 */
import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context } from 'aws-lambda';
import { answerFunctionCall, answerToolCalls } from '../domain/vapi/dispatch';
import { type ParsedVapiMessage, parseVapiMessage } from '../domain/vapi/message';
import { releaseCallHolds } from '../domain/lifecycle/call-ended';
import { PREFETCH_BUDGET_MS, prefetchBusy } from '../domain/scheduling/busy-prefetch';
import { withDeadline } from '../runtime/deadline';
import { flushMetrics, type MetricsSink } from '../runtime/metrics';
import { toolHandlers, type WebhookDeps, webhookDeps } from '../runtime/compose-webhook';
import { currentLogger, errorKeys, logger, withLogKeys } from '../runtime/logger';
import { httpErrors } from './shared/errors';
import { refuseUnauthenticated } from './shared/webhook-auth';
import { bodyBytes, json, rawBody, type HttpEvent, type HttpResult } from './shared/http';
import { callKeys, logEachToolCall } from './shared/tool-call-logs';

/** Largest body of a tool call; checked before any secret comparison or parsing. */
export const MAX_BODY_BYTES = 256 * 1024;
/**
 * Largest end of a call (status-update, end-of-call-report): it carries the whole transcript, so a long call's may
 * pass 256 KB, and its holds must still be released. Such a body is parsed only once authenticated.
 */
export const MAX_CALL_END_BYTES = 4 * 1024 * 1024;
const TOO_LARGE = json(413, { error: 'Request body exceeds 256 KB.' });

/** The container's metrics once its deps are built: flushed after every invocation, whatever its answer. */
let metrics: MetricsSink | undefined;

const lambdaHandler = async (event: HttpEvent, context: Context): Promise<HttpResult> => {
  const bytes = bodyBytes(event);
  if (bytes > MAX_CALL_END_BYTES) return json(413, { error: 'Request body exceeds 4 MB.' });
  const large = bytes > MAX_BODY_BYTES;
  const deps = await webhookDeps();
  metrics = deps.metrics;
  const refused = await refuseUnauthenticated(event, deps);
  if (refused) return refused;
  let body: unknown;
  try {
    body = JSON.parse(rawBody(event));
  } catch {
    return json(400, { error: 'The request body is not valid JSON.' });
  }
  const message = parseVapiMessage(body);
  if (large && message.kind !== 'call-ended') return TOO_LARGE;
  if (message.kind === 'other') return json(200, {});
  // One deadline for every downstream call, well inside VAPI's 20 s tool timeout and the Lambda's own.
  const budget = Math.min(deps.budgetMs, context.getRemainingTimeInMillis() - 2_000);
  const deadline = { at: Date.now() + budget };
  if (message.kind === 'call-ended') {
    return withLogKeys(callKeys(message.context, deps.routing), () => callEnded(message, deps, deadline));
  }
  if (message.kind === 'call-started') {
    if (!deps.busyCache) return json(200, {});
    // Lambda freezes once it answers, so the read finishes first, bounded well inside assistant-request's 7.5 s.
    const prefetchDeadline = { at: Math.min(deadline.at, Date.now() + PREFETCH_BUDGET_MS) };
    return withLogKeys(callKeys(message.context, deps.routing), () => callStarted(message, deps, prefetchDeadline));
  }
  const options = {
    onHandlerError: (error: unknown, call: { name: string }) =>
      currentLogger().error('tool call failed', { tool: call.name, ...errorKeys(error) }),
    around: logEachToolCall(deps.metrics),
  };
  // Every line of this invocation carries the call's ids; every DynamoDB/KMS call inside is bounded by the deadline.
  return withLogKeys(
    callKeys(message.context, deps.routing),
    async () => {
      if (message.kind === 'function-call') {
        return json(
          200,
          await withDeadline(deadline, () =>
            answerFunctionCall(message.call, message.context, toolHandlers(deps, deadline, true), options),
          ),
        );
      }
      const answer = await withDeadline(deadline, () =>
        answerToolCalls(message.calls, message.context, toolHandlers(deps, deadline), { ...options, deadline }),
      );
      currentLogger().info('tool calls answered', {
        count: answer.results.length,
        errors: answer.results.filter((r) => r.error).length,
      });
      return json(200, answer);
    },
    message.context.callId,
  );
};

/** Releases the call's holds; VAPI expects no content back, and a failure only leaves holds to lapse on their own. */
async function callEnded(
  message: Extract<ParsedVapiMessage, { kind: 'call-ended' }>,
  deps: WebhookDeps,
  deadline: { at: number },
): Promise<HttpResult> {
  try {
    const released = await withDeadline(deadline, () => releaseCallHolds(message.context, deps, deadline));
    currentLogger().info('call ended', { type: message.type, holdsReleased: released });
  } catch (error) {
    currentLogger().warn('releasing the holds of an ended call failed; they lapse on their own', errorKeys(error));
  }
  return json(200, {});
}

/** Prefetches the call's busy time (BUSY_PREFETCH); answered as before, `{}`, whether or not the read succeeded. */
async function callStarted(
  message: Extract<ParsedVapiMessage, { kind: 'call-started' }>,
  deps: WebhookDeps,
  deadline: { at: number },
): Promise<HttpResult> {
  try {
    const outcome = await withDeadline(deadline, () => prefetchBusy(message.context, message.type, deps, deadline));
    currentLogger().info('call started', { type: message.type, prefetch: outcome });
  } catch (error) {
    currentLogger().warn('the call-start prefetch failed; get_availability reads the calendar', errorKeys(error));
  }
  return json(200, {});
}

export const handler = middy<HttpEvent, HttpResult>()
  .use(injectLambdaContext(logger))
  .use(flushMetrics(() => metrics))
  .use(httpErrors('json'))
  .handler(lambdaHandler);
