/**
 * Answers VAPI tool calls: validates arguments, runs our handlers one at a time,
 * and shapes results the way VAPI reads them.
 */
import type * as z from 'zod/mini';
import { isToolName, TOOL_TABLE, type ToolArgs, type ToolName } from '../tools/table';
import type { CallContext, ToolCallRequest } from './message';
import { toSingleLine, toSingleLineJson } from './single-line';

export { toSingleLine } from './single-line';

/** What a tool handler returns: a result (with a `message` the model can relay) or a speakable error. */
export type ToolOutcome = { result: { message: string } & Record<string, unknown> } | { error: string };

/** Runs one validated tool call. */
export type ToolHandler<A> = (args: A, call: { toolCallId: string; context: CallContext }) => Promise<ToolOutcome>;

/** A handler per tool of the table; a tool without one here is answered as not available. */
export type ToolHandlers = { [N in ToolName]?: ToolHandler<ToolArgs<N>> };

/** One entry of the `results` array VAPI expects (vapi.md §2); exactly one of result/error is set. */
export interface ToolCallAnswer {
  toolCallId: string;
  name: string;
  result?: string;
  error?: string;
}

export interface DispatchOptions {
  /**
   * Told about a handler that threw or returned a malformed outcome (e.g. to log it);
   * the model only hears a generic sentence.
   */
  onHandlerError?: (error: unknown, call: { toolCallId: string; name: string }) => void;
  /**
   * Wraps each call that runs (e.g. in a log scope carrying its ids, logging its outcome); must return run()'s answer.
   */
  around?: (call: { toolCallId: string; name: string }, run: () => Promise<Answer>) => Promise<Answer>;
}

/** Options for a `tool-calls` message, which may carry many calls. */
export interface ToolCallsOptions extends DispatchOptions {
  /** Calls after the first `maxCalls` are answered with TOO_MANY_CALLS and not run (default 10). */
  maxCalls?: number;
  /** Once `now() >= deadline.at`, the calls not yet started are answered with OUT_OF_TIME and not run. */
  deadline?: { at: number };
  /** The clock compared with `deadline` (default Date.now). */
  now?: () => number;
}

export const GENERIC_ERROR = 'Sorry, something went wrong on our side; please try again in a moment.';
const NO_NAME = "I couldn't tell which tool was meant; please call it again by its name.";
const NOT_READABLE = "I couldn't read the details of that request; please call the tool again with its parameters.";
export const TOO_MANY_CALLS = "That's too many requests at once; please ask for one thing at a time.";
export const OUT_OF_TIME = 'I ran out of time for that one; please ask again.';
/** One message rarely needs more than a few calls; a runaway model must not fan out into many mailbox requests. */
export const DEFAULT_MAX_CALLS = 10;

/** One call's answer: the result JSON as a string, or a speakable error. */
export type Answer = { result: string } | { error: string };

/** One speakable line naming what is missing or wrong (at most three distinct problems). */
function validationSentence(error: z.core.$ZodError): string {
  const sentences = [...new Set(error.issues.map((issue) => toSingleLine(issue.message)))];
  return sentences.slice(0, 3).join(' ') || NOT_READABLE;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A handler's outcome as an answer; anything malformed counts as a handler failure. */
function render(outcome: unknown): Answer {
  if (isRecord(outcome) && typeof outcome.error === 'string')
    return { error: toSingleLine(outcome.error) || GENERIC_ERROR };
  if (isRecord(outcome) && isRecord(outcome.result) && typeof outcome.result.message === 'string') {
    return { result: toSingleLineJson(outcome.result) };
  }
  throw new TypeError('tool handler returned neither { result: { message } } nor { error }');
}

async function run<A>(
  schema: z.ZodMiniType<A>,
  handler: ToolHandler<A>,
  call: ToolCallRequest,
  context: CallContext,
  options: DispatchOptions,
): Promise<Answer> {
  const parsed = schema.safeParse(call.args);
  if (!parsed.success) return { error: validationSentence(parsed.error) };
  try {
    return render(await handler(parsed.data, { toolCallId: call.id, context }));
  } catch (error) {
    // The exception text may hold internals (ids, provider messages); the model gets a generic sentence only.
    try {
      options.onHandlerError?.(error, { toolCallId: call.id, name: call.name });
    } catch {
      // A failing observer must not turn one failed call into a failed webhook.
    }
    return { error: GENERIC_ERROR };
  }
}

function answerOne(
  call: ToolCallRequest,
  context: CallContext,
  handlers: ToolHandlers,
  options: DispatchOptions,
): Promise<Answer> {
  const run = () => answerUnwrapped(call, context, handlers, options);
  return options.around ? options.around({ toolCallId: call.id, name: call.name }, run) : run();
}

function answerUnwrapped(
  call: ToolCallRequest,
  context: CallContext,
  handlers: ToolHandlers,
  options: DispatchOptions,
): Promise<Answer> {
  if (call.name === '') return Promise.resolve({ error: NO_NAME });
  if (call.argsError !== undefined) return Promise.resolve({ error: NOT_READABLE });
  const handler = isToolName(call.name) ? handlers[call.name] : undefined;
  if (isToolName(call.name) && handler) {
    const schema = TOOL_TABLE[call.name].schema as z.ZodMiniType<unknown>;
    return run(schema, handler as ToolHandler<unknown>, call, context, options);
  }
  const shown = toSingleLine(call.name).slice(0, 64);
  return Promise.resolve({ error: `I can't do that here: the tool '${shown}' is not available.` });
}

/** The answer for a call that must not run (over the cap, or past the deadline), or undefined if it may run. */
function refusal(index: number, options: ToolCallsOptions): Answer | undefined {
  // NaN or a negative cap falls back to the default rather than lifting the cap.
  const cap = typeof options.maxCalls === 'number' && options.maxCalls >= 0 ? options.maxCalls : DEFAULT_MAX_CALLS;
  if (index >= cap) return { error: TOO_MANY_CALLS };
  if (options.deadline !== undefined && (options.now ?? Date.now)() >= options.deadline.at)
    return { error: OUT_OF_TIME };
  return undefined;
}

/**
 * Answers every call, in request order, one at a time (a mailbox allows few concurrent requests); calls over
 * `maxCalls` or started after `deadline` get a speakable refusal instead of running. Never throws.
 */
export async function answerToolCalls(
  calls: ToolCallRequest[],
  context: CallContext,
  handlers: ToolHandlers,
  options: ToolCallsOptions = {},
): Promise<{ results: ToolCallAnswer[] }> {
  const results: ToolCallAnswer[] = [];
  for (const [index, call] of calls.entries()) {
    const answer = refusal(index, options) ?? (await answerOne(call, context, handlers, options));
    results.push({ toolCallId: call.id, name: call.name, ...answer });
  }
  return { results };
}

/**
 * Answers a legacy `function-call` message: `{ result }` carries the result JSON or the error sentence (vapi.md §3).
 */
export async function answerFunctionCall(
  call: ToolCallRequest,
  context: CallContext,
  handlers: ToolHandlers,
  options: DispatchOptions = {},
): Promise<{ result: string }> {
  const answer = await answerOne(call, context, handlers, options);
  return { result: 'result' in answer ? answer.result : answer.error };
}
