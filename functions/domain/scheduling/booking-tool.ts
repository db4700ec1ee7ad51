/**
 * The set_appointment tool. Invariants: one answer per tool call id (replays get the first answer), a live re-check
 * right before booking, exactly one winner per slot (lock cells taken in one conditional transaction), and a
 * provider-side transactionId so a retried create cannot duplicate the event.
 */
import { randomUUID } from 'node:crypto';
import { checkRequestedStart, closestSentence, nothingOpenSentence, searchRange } from '../availability';
import { newConfirmationCode } from '../booking/confirmation-code';
import { buildCalendarEvent, transactionIdFor } from '../booking/event-content';
import { lockCells } from '../booking/lock-cells';
import { SlotTakenError } from '../errors';
import type { BookingRecord, BookingStore, Deadline, StoredToolAnswer } from '../ports';
import type { CallContext } from '../vapi/message';
import type { ToolOutcome } from '../vapi/dispatch';
import type { SetAppointmentArgs } from '../vapi/tools';
import type { ToolDeps } from './availability-tool';
import { bookedOutcome, notBookedOutcome } from './booking-answers';
import { openManagerCalendar, withReconnectFlag } from './manager-calendar';
import { managerForCall } from './routing';
import { spokenFailure } from './spoken-failures';

export interface BookingDeps extends ToolDeps {
  bookings: BookingStore;
  /** How long a pending lock holds before another booking may take it over (a crashed invocation's leftovers). */
  leaseMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

type Call = { toolCallId: string; context: CallContext };

const stored = (outcome: ToolOutcome): StoredToolAnswer =>
  'error' in outcome ? { error: outcome.error } : { result: JSON.stringify(outcome.result) };
const restored = (answer: StoredToolAnswer): ToolOutcome =>
  answer.result !== undefined ? { result: JSON.parse(answer.result) } : { error: answer.error ?? spokenFailure(undefined) };

/** Books the requested start for the caller, or says why not and offers the nearest alternatives. */
export async function setAppointment(args: SetAppointmentArgs, call: Call, deps: BookingDeps, deadline: Deadline): Promise<ToolOutcome> {
  const sleep = deps.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  for (;;) {
    const claim = await deps.bookings.claimToolCall(call.toolCallId, deps.clock());
    if (claim.claimed) break;
    if (claim.state === 'done') return restored(claim.answer);
    // The same tool call is being processed by another invocation: wait for its answer while time allows.
    if (deadline.at - deps.clock() < 1_500) return { error: "I'm still finishing that booking. Please give me a moment and ask me again." };
    await sleep(250);
  }
  try {
    const outcome = await book(args, call, deps, deadline);
    await deps.bookings.completeToolCall(call.toolCallId, stored(outcome), deps.clock());
    return outcome;
  } catch (error) {
    // Nothing was booked: let a redelivery of this tool call try again.
    await deps.bookings.releaseToolCall(call.toolCallId).catch(() => undefined);
    deps.log?.warn('set_appointment failed', { error: (error as Error).name });
    return { error: spokenFailure(error) };
  }
}

async function book(args: SetAppointmentArgs, call: Call, deps: BookingDeps, deadline: Deadline): Promise<ToolOutcome> {
  const managerId = managerForCall(call.context, deps.routing);
  const { provider, rules } = await openManagerCalendar(managerId, deps);
  const now = deps.clock();
  const durationMinutes = args.duration_minutes ?? rules.slotMinutes;
  const entries = await withReconnectFlag(managerId, deps, () => provider.listEntries(searchRange({ rules, now }), deadline));
  const check = checkRequestedStart({ startText: args.start_time, durationMinutes, rules, entries, now });
  if (!check.ok) return notBookedOutcome(check.message, check.reason, check.alternatives);

  const booking: BookingRecord = {
    managerId,
    bookingId: randomUUID(),
    start: check.startIso,
    end: check.endIso,
    startMs: check.slot.start,
    endMs: check.slot.end,
    callerName: args.attendee_name,
    callerPhone: args.attendee_phone ?? call.context.customerNumber,
    callerEmail: args.attendee_email,
    propertyAddress: args.property_address,
    notes: args.notes,
    status: 'pending',
    toolCallId: call.toolCallId,
    callId: call.context.callId,
    confirmationCode: newConfirmationCode(),
    createdAt: new Date(now).toISOString(),
  };
  const cells = lockCells(check.slot);
  try {
    await deps.bookings.reserve(booking, cells, now + (deps.leaseMs ?? 60_000), now);
  } catch (error) {
    if (!(error instanceof SlotTakenError)) throw error;
    return slotTaken(booking, cells, call, deps, entries, now);
  }
  try {
    const transactionId = transactionIdFor(call.context.callId ?? call.toolCallId, managerId, booking.startMs);
    const event = await withReconnectFlag(managerId, deps, () =>
      provider.createEvent(buildCalendarEvent(booking, check.slot, rules.timeZone, transactionId), deadline));
    await deps.bookings.confirm(booking, cells, event.id);
    await deps.connections.touch(managerId, new Date(deps.clock()).toISOString()).catch(() => undefined);
    return bookedOutcome({ ...booking, eventId: event.id, status: 'confirmed' }, check.spoken);
  } catch (error) {
    await deps.bookings.release(booking, cells).catch(() => undefined);
    throw error;
  }

  async function slotTaken(mine: BookingRecord, myCells: number[], c: Call, d: BookingDeps, seen: typeof entries, at: number) {
    const holder = await d.bookings.holderOf(mine.managerId, myCells[0]!).catch(() => undefined);
    // The same call asking again for the slot it already booked gets its booking back, not "taken".
    if (holder && holder.status === 'confirmed' && c.context.callId && holder.callId === c.context.callId
      && holder.startMs === mine.startMs && holder.endMs === mine.endMs) {
      return bookedOutcome(holder, check.ok ? check.spoken : '');
    }
    const withHeld = [...seen, { start: mine.startMs, end: mine.endMs, showAs: 'busy' as const, isCancelled: false, isAllDay: false }];
    const retry = checkRequestedStart({ startText: args.start_time, durationMinutes, rules, entries: withHeld, now: at });
    const alternatives = retry.ok ? [] : retry.alternatives;
    const next = alternatives.length
      ? closestSentence(alternatives.map((o) => ({ start: Date.parse(o.start), end: Date.parse(o.end) })), rules.timeZone)
      : nothingOpenSentence(rules.horizonDays);
    return notBookedOutcome(`Sorry, someone just booked that time. ${next}`, 'taken', alternatives);
  }
}
