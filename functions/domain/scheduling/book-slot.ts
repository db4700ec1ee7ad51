/**
 * Booking one slot: live re-check, caller limits, lock cells (converting the call's own hold), create the event,
 * confirm. The calendar event is the truth: once it exists the caller is booked, whatever happens to our own
 * bookkeeping afterwards.
 */
import { checkRequestedStart, parseStartText, searchRange } from '../availability';
import { buildCalendarEvent, unspentBookingKey } from '../booking/event-content';
import { errorFields, ProviderUnavailableError } from '../errors';
import type { BookingStore, Deadline } from '../ports';
import type { ToolOutcome } from '../vapi/dispatch';
import type { CallContext } from '../vapi/message';
import type { SetAppointmentArgs } from '../vapi/tools';
import type { ToolDeps } from './availability-tool';
import { bookedOutcome, confirmingOutcome, limitSentence, notBookedOutcome } from './booking-answers';
import { writeBookingEvent } from './booking-event';
import { DEFAULT_CALLER_DAILY_CAP, DEFAULT_MAX_BOOKINGS_PER_CALL, dailyQuotaOf, newBooking } from './booking-record';
import { type BookingBasis, readBookingBasis } from './booking-basis';
import { ofCall, releaseHolds } from './call-holds';
import { readCalendar } from './calendar-reads';
import { storedAnswer, type ToolCallReceipt } from './exactly-once';
import { recordsSpan, recordsWithin } from './records-window';
import { reserveSlot } from './reserve-slot';
import { noteCalendarUse } from './connection-use';
import { takenOutcome } from './slot-conflict';
import { noteAnswered } from './unsettled-note';

export interface BookSlotDeps extends ToolDeps {
  bookings: BookingStore;
  /** How long a pending lock holds before another booking may take it over (a crashed invocation's leftovers). */
  leaseMs?: number;
  /** Most bookings one phone call may make (DEFAULT_MAX_BOOKINGS_PER_CALL); a move is not a new booking. */
  maxBookingsPerCall?: number;
  /** Most bookings one caller number may make with a manager per local day (MAX_BOOKINGS_PER_CALLER_PER_DAY). */
  maxBookingsPerCallerPerDay?: number;
}

type Call = { toolCallId: string; context: CallContext };

/**
 * Books the requested start, or says why not with the nearest alternatives. Throws only when nothing was booked.
 * `basis`: the reads started beside the tool-call claim (readBookingBasis); `receipt`: where the confirm stores the
 * answer with the booking, so a booked caller costs no write after it.
 */
export async function bookSlot(
  args: SetAppointmentArgs,
  call: Call,
  deps: BookSlotDeps,
  deadline: Deadline,
  basis?: Promise<BookingBasis>,
  receipt?: ToolCallReceipt,
): Promise<ToolOutcome> {
  const { calendar, window } = await (basis ?? readBookingBasis(call, deps));
  const { managerId } = calendar;
  const now = deps.clock();
  // The provider gets the budget minus 1.5 s, so confirm, release and the stored answer always have time to run.
  const providerDeadline = { at: deadline.at - 1_500 };
  const range = searchRange({ rules: calendar.rules, now });
  const { callId } = call.context;
  const { horizonDays } = calendar.rules;
  const listed = recordsWithin(window, recordsSpan(now, horizonDays, range), deps.bookings);
  const [{ entries, rules }, records] = await Promise.all([
    readCalendar(calendar, range, providerDeadline, deps, callId, { listed }),
    listed.then((all) => ofCall(all, callId, now, horizonDays)),
  ]);
  const holds = records.filter((b) => b.status === 'held');
  const durationMinutes = args.duration_minutes ?? rules.slotMinutes;
  // This call's own event for this start (an earlier attempt that got cut off) must not make the slot look taken.
  const requested = parseStartText(args.start_time, rules.timeZone);
  const requestedMs = requested.kind === 'invalid' ? 0 : requested.ms;
  const bookingKey = unspentBookingKey(callId ?? call.toolCallId, managerId, requestedMs, records);
  const own = entries.find((e) => e.bookingKey === bookingKey && !e.isCancelled && e.start === requestedMs);
  const others = own ? entries.filter((e) => e !== own) : entries;
  const check = checkRequestedStart({ startText: args.start_time, durationMinutes, rules, entries: others, now });
  if (!check.ok) return notBookedOutcome(check.message, check.reason, check.alternatives);
  const perCall = deps.maxBookingsPerCall ?? DEFAULT_MAX_BOOKINGS_PER_CALL;
  // An earlier attempt at this slot the caller was answered about ("confirming"): this ask settles it, counted once.
  const answered = records.some((b) => b.status === 'pending' && b.told && b.bookingKey === bookingKey);
  const resuming = Boolean(own) || answered;
  const perDay = deps.maxBookingsPerCallerPerDay ?? DEFAULT_CALLER_DAILY_CAP;
  // The caller's unit of the day is taken in the write that takes the cells, and noted on the booking, so a booking
  // voided unheard (keeper, end of call) gives it back.
  const quota = resuming ? undefined : dailyQuotaOf({ ...calendar, rules }, call.context, now);
  const limits = resuming ? { perCall } : { perCall, perCallerDay: perDay };
  let counted = false;
  let booked = false;
  try {
    const draft = {
      ...newBooking(args, call, { ...calendar, rules }, check, now, bookingKey),
      ...(quota && { quota }),
    };
    const reserved = await reserveSlot(
      {
        booking: draft,
        holds,
        entries,
        spoken: check.spoken,
        now,
        leaseUntilMs: now + (deps.leaseMs ?? 60_000),
        bufferMinutes: rules.bufferMinutes,
        limits,
      },
      deps,
    );
    if (reserved.kind === 'answered') return reserved.outcome;
    if (reserved.kind === 'limit') return notBookedOutcome(limitSentence(reserved.limit, perCall, perDay), 'limit', []);
    if (reserved.kind === 'taken') {
      return takenOutcome({ startText: args.start_time, durationMinutes, rules, entries: others, now }, check.slot);
    }
    const { booking, cells } = reserved;
    counted = reserved.counted;
    const event = {
      ...buildCalendarEvent(booking, check.slot, rules.timeZone, bookingKey),
      ...(booking.invited ? {} : { attendee: undefined }),
      online: booking.online,
    };
    let created: { id: string; joinUrl?: string };
    try {
      created = own ? { id: own.id! } : await writeBookingEvent(calendar, event, check.slot, providerDeadline, deps);
    } catch (error) {
      // Refused, or never sent: nothing was made, so the slot is let go and the caller hears why.
      if (!(error instanceof ProviderUnavailableError && error.outcomeUnknown)) {
        await deps.bookings.release(booking, cells).catch(() => undefined);
        throw error;
      }
      // Sent, answer lost: the event may exist. Neither "booked" nor "failed"; the slot stays this call's.
      booked = true;
      deps.log?.warn('the event create went unanswered; the booking stays pending', {
        managerId,
        bookingId: booking.bookingId,
        ...errorFields(error),
      });
      await noteAnswered(booking, cells, { told: 'confirming' }, deps);
      return confirmingOutcome();
    }
    booked = true;
    const done = { ...booking, eventId: created.id, joinUrl: created.joinUrl, status: 'confirmed' as const };
    const outcome = bookedOutcome(done, check.spoken);
    const answer = receipt && { toolCallId: receipt.key, answer: storedAnswer(outcome), nowMs: deps.clock() };
    // The event exists. A failed confirm must still leave a record saying the caller heard "booked" (so the keeper
    // and the end of the call keep the event); if even that cannot be written, the caller is not told "booked".
    const confirmed = await deps.bookings.confirm(done, cells, created.id, answer).then(
      () => true,
      (error: Error) => {
        const detail = { managerId, bookingId: booking.bookingId, ...errorFields(error) };
        deps.log?.error('confirm failed after the event was created', detail);
        return false;
      },
    );
    if (receipt) receipt.stored = confirmed;
    if (!confirmed && !(await noteAnswered(booking, cells, { told: 'booked', eventId: created.id }, deps)))
      return confirmingOutcome();
    // A call holds at most one slot: once it has booked, whatever else it held is let go.
    const leftover = holds.filter((h) => h.bookingId !== booking.bookingId);
    if (leftover.length) await releaseHolds(leftover, deps, new Date(deps.clock()).toISOString(), rules.bufferMinutes);
    noteCalendarUse(calendar, deps);
    return outcome;
  } finally {
    if (!booked && counted && quota)
      await deps.bookings.returnCallerQuota(managerId, quota.callerKey, quota.day).catch(() => undefined);
  }
}
