/**
 * The hold_slot tool: keeps a slot for this call for HOLD_MINUTES while the caller gives their details. While it lasts
 * every other call sees the slot as taken; set_appointment from this call converts it; a new hold replaces the old
 * one; the end of the call, or the hold lapsing, lets it go.
 */
import { randomUUID } from 'node:crypto';
import { checkRequestedStart, isoWithOffset, searchRange, spokenMinutes } from '../availability';
import { bookingCells } from '../booking/lock-cells';
import type { BookingRecord, Deadline } from '../ports';
import { holdsOfCall, isLive, releaseHolds } from '../scheduling/call-holds';
import { readCalendar } from '../scheduling/calendar-reads';
import { exactlyOnce } from '../scheduling/exactly-once';
import { openManagerCalendar } from '../scheduling/manager-calendar';
import { managerForCall } from '../scheduling/routing';
import { takenAnswer } from '../scheduling/slot-conflict';
import type { ToolOutcome } from '../vapi/dispatch';
import type { HoldSlotArgs } from '../vapi/lifecycle-schemas';
import type { CallContext } from '../vapi/message';
import { DEFAULT_HOLD_MINUTES, type LifecycleDeps } from './deps';
import { takeHoldCells } from './hold-cells';

type Call = { toolCallId: string; context: CallContext };
const WORDS = {
  tool: 'hold_slot',
  busy: "I'm still holding that time. Please ask me again in a moment.",
  minMs: 2_500,
  lost: 'The time I was holding for you before has been let go too.',
};

const notHeld = (message: string, reason: string, alternatives: unknown[] = []): ToolOutcome => ({
  result: { message, held: false, reason, alternatives },
});

/** Holds the requested start for this call, or says why not with the nearest alternatives. */
export function holdSlot(args: HoldSlotArgs, call: Call, deps: LifecycleDeps, deadline: Deadline) {
  return exactlyOnce(call, WORDS, deps, deadline, () => placeHold(args, call, deps, deadline));
}

async function placeHold(args: HoldSlotArgs, call: Call, deps: LifecycleDeps, deadline: Deadline) {
  const { callId } = call.context;
  if (!callId) return notHeld("I can't hold a time on this call, but I can book it straight away.", 'no_call');
  const managerId = managerForCall(call.context, deps.routing);
  const calendar = await openManagerCalendar(managerId, deps);
  const now = deps.clock();
  const range = searchRange({ rules: calendar.rules, now });
  const [{ entries, rules }, holds] = await Promise.all([
    readCalendar(calendar, range, { at: deadline.at - 1_000 }, deps, callId),
    holdsOfCall(deps.bookings, managerId, callId, now, calendar.rules.horizonDays),
  ]);
  const durationMinutes = args.duration_minutes ?? rules.slotMinutes;
  const input = { startText: args.start_time, durationMinutes, rules, entries, now };
  const check = checkRequestedStart(input);
  if (!check.ok) return notHeld(check.message, check.reason, check.alternatives);
  const minutes = deps.holdMinutes ?? DEFAULT_HOLD_MINUTES;
  const at = new Date(now).toISOString();
  const same = holds.find((h) => isLive(h, now) && h.startMs === check.slot.start && h.endMs === check.slot.end);
  let hold: BookingRecord | undefined = same;
  if (!hold) {
    hold = {
      managerId,
      bookingId: randomUUID(),
      start: check.startIso,
      end: check.endIso,
      startMs: check.slot.start,
      endMs: check.slot.end,
      callerName: '',
      callerNumber: call.context.customerNumber,
      status: 'held',
      toolCallId: call.toolCallId,
      callId,
      confirmationCode: '',
      createdAt: at,
      cells: bookingCells(check.slot, rules.bufferMinutes),
      holdUntilMs: now + minutes * 60_000,
      history: [{ type: 'held', at, by: 'caller' }],
    };
    const take = await takeHoldCells(hold, holds, deps, now, rules.bufferMinutes);
    if (!take.held) {
      const taken = takenAnswer(input, check.slot);
      return notHeld(taken.message + (take.lost ? ` ${WORDS.lost}` : ''), 'taken', taken.alternatives);
    }
    // A call holds one slot at a time: the old hold goes once the new one is safe (a refusal keeps it).
    await releaseHolds(
      holds.filter((h) => !take.released.includes(h)),
      deps,
      at,
      rules.bufferMinutes,
    );
  }
  const expires = isoWithOffset(hold.holdUntilMs!, rules.timeZone);
  const left = Math.max(1, Math.round((hold.holdUntilMs! - now) / 60_000));
  return {
    result: {
      message: `I'm holding ${check.spoken} for you for ${spokenMinutes(left)} while we finish the booking.`,
      held: true,
      hold: { start: hold.start, end: hold.end, expires_at: expires },
    },
  };
}
