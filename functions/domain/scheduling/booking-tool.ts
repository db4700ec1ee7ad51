/**
 * The set_appointment tool: one answer per tool call (a redelivery gets the first answer), then bookSlot. Invariants
 * of the booking itself (live re-check, one winner per slot, idempotent create) live in book-slot.ts.
 */
import { errorFields } from '../errors';
import type { Deadline, StoredToolAnswer } from '../ports';
import type { CallContext } from '../vapi/message';
import type { ToolOutcome } from '../vapi/dispatch';
import type { SetAppointmentArgs } from '../vapi/tools';
import { bookSlot, type BookSlotDeps } from './book-slot';
import { spokenFailure } from './spoken-failures';

export interface BookingDeps extends BookSlotDeps {
  sleep?: (ms: number) => Promise<void>;
}

type Call = { toolCallId: string; context: CallContext };

/** Time a booking needs to be worth starting: a calendar read, a create and the bookkeeping. */
const MIN_BOOKING_MS = 4_000;

const stored = (outcome: ToolOutcome): StoredToolAnswer =>
  'error' in outcome ? { error: outcome.error } : { result: JSON.stringify(outcome.result) };
const restored = (answer: StoredToolAnswer): ToolOutcome =>
  answer.result !== undefined
    ? { result: JSON.parse(answer.result) }
    : { error: answer.error ?? spokenFailure(undefined) };

/** Books the requested start for the caller, or says why not and offers the nearest alternatives. */
export async function setAppointment(
  args: SetAppointmentArgs,
  call: Call,
  deps: BookingDeps,
  deadline: Deadline,
): Promise<ToolOutcome> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  // Scoped by call: a tool-call id is only unique within the model's conversation.
  const claimKey = call.context.callId ? `${call.context.callId}/${call.toolCallId}` : call.toolCallId;
  // Starting a booking that cannot finish would only leave a half-made one behind: say so instead.
  if (deadline.at - deps.clock() < MIN_BOOKING_MS)
    return { error: 'I need a moment longer for that booking. Please ask me again.' };
  try {
    for (;;) {
      const claim = await deps.bookings.claimToolCall(claimKey, deps.clock());
      if (claim.claimed) break;
      if (claim.state === 'done') return restored(claim.answer);
      // The same tool call is being processed by another invocation: wait for its answer while time allows.
      if (deadline.at - deps.clock() < 1_500)
        return { error: "I'm still finishing that booking. Please give me a moment and ask me again." };
      await sleep(250);
    }
  } catch (error) {
    deps.log?.warn('set_appointment could not claim the tool call', errorFields(error));
    return { error: spokenFailure(error) };
  }
  let outcome: ToolOutcome;
  try {
    outcome = await bookSlot(args, call, deps, deadline);
  } catch (error) {
    // Nothing was booked: let a redelivery of this tool call try again.
    await deps.bookings.releaseToolCall(claimKey).catch(() => undefined);
    deps.log?.warn('set_appointment failed', errorFields(error));
    return { error: spokenFailure(error) };
  }
  // A failed write here only costs replay-ability (the claim lapses
  // and a redelivery adopts the event by its transactionId).
  await deps.bookings
    .completeToolCall(claimKey, stored(outcome), deps.clock())
    .catch((error: Error) => deps.log?.warn('storing the answer failed', errorFields(error)));
  return outcome;
}
