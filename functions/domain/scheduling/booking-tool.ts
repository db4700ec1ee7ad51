/**
 * The set_appointment tool: one answer per tool call (a redelivery gets the first answer), then bookSlot. Invariants
 * of the booking itself (live re-check, one winner per slot, idempotent create) live in book-slot.ts.
 */
import type { Deadline } from '../ports';
import type { ToolOutcome } from '../vapi/dispatch';
import type { CallContext } from '../vapi/message';
import type { SetAppointmentArgs } from '../vapi/tools';
import { bookSlot, type BookSlotDeps } from './book-slot';
import { readBookingBasis } from './booking-basis';
import { isConfirming } from './booking-answers';
import { exactlyOnce } from './exactly-once';

export interface BookingDeps extends BookSlotDeps {
  sleep?: (ms: number) => Promise<void>;
}

const WORDS = {
  tool: 'set_appointment',
  busy: "I'm still finishing that booking. Please give me a moment and ask me again.",
  // A calendar read, a create and the bookkeeping.
  minMs: 4_000,
  // "Confirming" is not the last word: a redelivery of the tool call checks the calendar again.
  provisional: isConfirming,
};

/** Books the requested start for the caller, or says why not and offers the nearest alternatives. */
export function setAppointment(
  args: SetAppointmentArgs,
  call: { toolCallId: string; context: CallContext },
  deps: BookingDeps,
  deadline: Deadline,
): Promise<ToolOutcome> {
  // The manager and their records are read beside the claim; the answer is stored by the confirm of the booking.
  return exactlyOnce(
    call,
    WORDS,
    deps,
    deadline,
    (receipt, basis) => bookSlot(args, call, deps, deadline, basis, receipt),
    () => readBookingBasis(call, deps),
  );
}
