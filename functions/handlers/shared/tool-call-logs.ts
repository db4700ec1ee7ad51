/** Log lines an operator can follow per tool call: ids on every line, and one line with the call's outcome. */
import { managerForCall, type CallRouting } from '../../domain/scheduling/routing';
import type { Metrics } from '../../domain/ports';
import type { Answer, DispatchOptions } from '../../domain/vapi/dispatch';
import type { CallContext } from '../../domain/vapi/message';
import { currentLogger, withLogKeys } from '../../runtime/logger';
import { recordToolCall } from './tool-call-metrics';

/** The call's keys: ids only; of the caller, only the phone number's last 4 digits. */
export function callKeys(context: CallContext, routing: CallRouting): Record<string, string | undefined> {
  const digits = context.customerNumber?.replace(/\D/g, '');
  return {
    callId: context.callId,
    managerId: managerForCall(context, routing),
    callerPhoneLast4: digits ? digits.slice(-4) : undefined,
  };
}

/** "booked", "not_booked:taken", "offered:3", "error": what happened, without what was said. */
export function outcomeOf(answer: Answer): string {
  if ('error' in answer) return 'error';
  try {
    const result = JSON.parse(answer.result) as { booked?: unknown; reason?: unknown; slots?: unknown };
    if (result.booked === true) return 'booked';
    if (result.booked === false) return `not_booked:${String(result.reason ?? 'unknown')}`;
    if (Array.isArray(result.slots)) return `offered:${result.slots.length}`;
  } catch {
    // A result that is not JSON is still an answer.
  }
  return 'answered';
}

/**
 * Dispatch's `around`: runs each call in a log scope carrying toolCallId and tool, then logs its outcome (and counts
 * and times it, given `metrics`).
 */
export function logEachToolCall(
  metrics?: Metrics,
  clock: () => number = Date.now,
): NonNullable<DispatchOptions['around']> {
  // The tool name is the model's text: bounded, as dispatch bounds it in its answer.
  return (call, run) =>
    withLogKeys({ toolCallId: call.toolCallId, tool: call.name.slice(0, 64) }, async () => {
      const started = clock();
      const answer = await run();
      currentLogger().info('tool call answered', { outcome: outcomeOf(answer) });
      if (metrics) recordToolCall(metrics, call.name, answer, clock() - started);
      return answer;
    });
}
