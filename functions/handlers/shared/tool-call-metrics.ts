/** The ToolCall figures: which tool, and what became of the call, in a handful of values an operator can graph. */
import { isToolName } from '../../domain/tools/table';
import type { Answer } from '../../domain/vapi/dispatch';
import type { Metrics } from '../../domain/ports';

/**
 * What a tool call came to: `booked` (a booking made or moved, or a slot held, for this caller), `taken` (the slot or
 * booking is someone else's right now: reason taken or busy), `refused` (a rule said no: any other reason),
 * `answered` (a read, or a cancel, that answered) and `error` (a spoken error: bad arguments, a failure, no time).
 */
export type ToolCallOutcome = 'booked' | 'taken' | 'refused' | 'answered' | 'error';

const TAKEN = new Set(['taken', 'busy']);

/** The outcome of one answer, read from its result JSON (never what the caller said). */
export function toolCallOutcome(answer: Answer): ToolCallOutcome {
  if ('error' in answer) return 'error';
  let result: Record<string, unknown>;
  try {
    result = JSON.parse(answer.result) as Record<string, unknown>;
  } catch {
    return 'answered';
  }
  if (result.booked === true || result.rescheduled === true || result.held === true) return 'booked';
  if (typeof result.reason === 'string') return TAKEN.has(result.reason) ? 'taken' : 'refused';
  return 'answered';
}

/** Counts and times one tool call; a name that is not one of our tools is `unknown` (the model's text is unbounded). */
export function recordToolCall(metrics: Metrics, name: string, answer: Answer, ms: number): void {
  const dimensions = { tool: isToolName(name) ? name : 'unknown', outcome: toolCallOutcome(answer) };
  metrics.count('ToolCall', dimensions);
  metrics.duration('ToolCallDuration', ms, dimensions);
}
