/**
 * One answer per tool call for the tools that write (book, hold, move, cancel): a redelivery of the same tool call gets
 * the first answer instead of acting twice, and a call that failed before acting may be tried again.
 */
import { errorFields } from '../errors';
import type { BookingStore, Clock, Deadline, Log, StoredToolAnswer } from '../ports';
import type { ToolOutcome } from '../vapi/dispatch';
import type { CallContext } from '../vapi/message';
import { spokenFailure } from './spoken-failures';

export interface ExactlyOnceDeps {
  bookings: BookingStore;
  clock: Clock;
  log?: Log;
  sleep?: (ms: number) => Promise<void>;
}

/** What the caller hears while the same tool call is still running elsewhere, per tool. */
export interface ExactlyOnceWords {
  tool: string;
  busy: string;
  /** Least time left (ms) worth starting with: the reads, the writes and the bookkeeping. */
  minMs: number;
  /** Whether an answer is provisional: not stored, the claim is freed, so a redelivery works it out again. */
  provisional?: (outcome: ToolOutcome) => boolean;
}

/** A tool's answer as it is stored for its redeliveries. */
export const storedAnswer = (outcome: ToolOutcome): StoredToolAnswer =>
  'error' in outcome ? { error: outcome.error } : { result: JSON.stringify(outcome.result) };
const restored = (answer: StoredToolAnswer): ToolOutcome =>
  answer.result !== undefined
    ? { result: JSON.parse(answer.result) }
    : { error: answer.error ?? spokenFailure(undefined) };

/** The key of a tool call: a tool-call id is only unique within the model's conversation, so it is scoped by call. */
export function claimKeyOf(call: { toolCallId: string; context: CallContext }): string {
  return call.context.callId ? `${call.context.callId}/${call.toolCallId}` : call.toolCallId;
}

/** What a tool's work gets: its claim's key, and where it says that its own last write stored the answer too. */
export interface ToolCallReceipt {
  key: string;
  /** Set by the work once a write of its own stored the answer (a booking's confirm): nothing more to write. */
  stored: boolean;
}

/**
 * Runs `work` once per tool call; a thrown error is spoken (nothing was done) and frees the claim for a retry.
 * `prepare` (reads only, no writes) starts beside the claim and reaches `work` as a promise, so the claim costs no
 * round trip of its own; a claim that had to wait for another invocation, or took the id over from one, prepares
 * again, since what was read may have changed meanwhile.
 */
export async function exactlyOnce<P = never>(
  call: { toolCallId: string; context: CallContext },
  words: ExactlyOnceWords,
  deps: ExactlyOnceDeps,
  deadline: Deadline,
  work: (receipt: ToolCallReceipt, prepared?: Promise<P>) => Promise<ToolOutcome>,
  prepare?: () => Promise<P>,
): Promise<ToolOutcome> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const claimKey = claimKeyOf(call);
  // Starting a write that cannot finish would only leave a half-made one behind: say so instead.
  if (deadline.at - deps.clock() < words.minMs)
    return { error: 'I need a moment longer for that. Please ask me again.' };
  let prepared = started(prepare);
  try {
    for (let waited = false; ; waited = true) {
      const claim = await deps.bookings.claimToolCall(claimKey, deps.clock());
      if (claim.claimed) {
        if (waited || claim.contended) prepared = started(prepare);
        break;
      }
      if (claim.state === 'done') return restored(claim.answer);
      // The same tool call is being processed by another invocation: wait for its answer while time allows.
      if (deadline.at - deps.clock() < 1_500) return { error: words.busy };
      await sleep(250);
    }
  } catch (error) {
    deps.log?.warn(`${words.tool} could not claim the tool call`, errorFields(error));
    return { error: spokenFailure(error) };
  }
  const receipt: ToolCallReceipt = { key: claimKey, stored: false };
  let outcome: ToolOutcome;
  try {
    outcome = await work(receipt, prepared);
  } catch (error) {
    // Nothing was done: let a redelivery of this tool call try again.
    await deps.bookings.releaseToolCall(claimKey).catch(() => undefined);
    deps.log?.warn(`${words.tool} failed`, errorFields(error));
    return { error: spokenFailure(error) };
  }
  if (words.provisional?.(outcome)) {
    await deps.bookings.releaseToolCall(claimKey).catch(() => undefined);
    return outcome;
  }
  if (receipt.stored) return outcome;
  // A failed write here only costs replay-ability: the claim lapses and a redelivery finds its own work done.
  await deps.bookings
    .completeToolCall(claimKey, storedAnswer(outcome), deps.clock())
    .catch((error: Error) => deps.log?.warn('storing the answer failed', errorFields(error)));
  return outcome;
}

/** Starts `prepare`; a rejection nobody awaits (the answer was stored already) is not an unhandled one. */
function started<P>(prepare: (() => Promise<P>) | undefined): Promise<P> | undefined {
  const running = prepare?.();
  running?.catch(() => undefined);
  return running;
}
