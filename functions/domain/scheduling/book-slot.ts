/**
 * Booking one slot: live re-check, lock cells, create the event, confirm. The calendar event is the truth: once it
 * exists the caller is booked, whatever happens to our own bookkeeping afterwards.
 */
import { randomUUID } from 'node:crypto';
import { checkRequestedStart, parseStartText, searchRange } from '../availability';
import { confirmationCodeFor } from '../booking/confirmation-code';
import { bookingKeyFor, buildCalendarEvent } from '../booking/event-content';
import { bookingCells, cellsOf } from '../booking/lock-cells';
import { errorFields, SlotTakenError } from '../errors';
import type { BookingRecord, BookingStore, Deadline } from '../ports';
import type { ToolOutcome } from '../vapi/dispatch';
import type { CallContext } from '../vapi/message';
import type { SetAppointmentArgs } from '../vapi/tools';
import type { ToolDeps } from './availability-tool';
import { bookedOutcome, notBookedOutcome } from './booking-answers';
import { writeBookingEvent } from './booking-event';
import { readCalendar } from './calendar-reads';
import { openManagerCalendar } from './manager-calendar';
import { managerForCall } from './routing';
import { classifyConflict, takenOutcome } from './slot-conflict';

export interface BookSlotDeps extends ToolDeps {
  bookings: BookingStore;
  /** How long a pending lock holds before another booking may take it over (a crashed invocation's leftovers). */
  leaseMs?: number;
  /** Most confirmed bookings one phone call may make. */
  maxBookingsPerCall?: number;
}

type Call = { toolCallId: string; context: CallContext };

/** Books the requested start, or says why not with the nearest alternatives. Throws only when nothing was booked. */
export async function bookSlot(
  args: SetAppointmentArgs,
  call: Call,
  deps: BookSlotDeps,
  deadline: Deadline,
): Promise<ToolOutcome> {
  const managerId = managerForCall(call.context, deps.routing);
  const calendar = await openManagerCalendar(managerId, deps);
  const now = deps.clock();
  // The provider gets the budget minus 1.5 s, so confirm, release and the stored answer always have time to run.
  const providerDeadline = { at: deadline.at - 1_500 };
  const range = searchRange({ rules: calendar.rules, now });
  const { entries, rules } = await readCalendar(calendar, range, providerDeadline, deps);
  const durationMinutes = args.duration_minutes ?? rules.slotMinutes;
  // This call's own event for this start (an earlier attempt that got cut off) must not make the slot look taken.
  const requested = parseStartText(args.start_time, rules.timeZone);
  const bookingKey = bookingKeyFor(
    call.context.callId ?? call.toolCallId,
    managerId,
    requested.kind === 'invalid' ? 0 : requested.ms,
  );
  const own = entries.find((e) => e.bookingKey === bookingKey && !e.isCancelled);
  const others = own ? entries.filter((e) => e !== own) : entries;
  const check = checkRequestedStart({ startText: args.start_time, durationMinutes, rules, entries: others, now });
  if (!check.ok) return notBookedOutcome(check.message, check.reason, check.alternatives);
  if (!own && (await overCallLimit(deps, managerId, call.context.callId, now, rules.horizonDays))) {
    return notBookedOutcome(
      `I can book up to ${deps.maxBookingsPerCall ?? 3} viewings per call. The manager can help with more.`,
      'limit',
      [],
    );
  }

  let booking = newBooking(args, call, managerId, check, now, bookingKey, rules.bufferMinutes);
  let cells = booking.cells!;
  reserving: for (let attempt = 0; ; attempt++) {
    try {
      await deps.bookings.reserve(booking, cells, now + (deps.leaseMs ?? 60_000), deps.clock());
      break;
    } catch (error) {
      if (!(error instanceof SlotTakenError)) throw error;
      const conflict = await classifyConflict(
        deps.bookings,
        booking,
        error.holderCell ?? cells[0]!,
        entries,
        now,
        check.spoken,
      );
      switch (conflict.kind) {
        case 'mine':
          return conflict.outcome;
        case 'resume':
          booking = conflict.holder;
          cells = cellsOf(booking, rules.bufferMinutes);
          break reserving;
        case 'stale':
        case 'retry':
          if (attempt < 2) {
            if (conflict.kind === 'stale') await retire(conflict.holder, deps, rules.bufferMinutes);
            continue;
          }
      }
      return takenOutcome({ startText: args.start_time, durationMinutes, rules, entries: others, now }, check.slot);
    }
  }

  const event = buildCalendarEvent(booking, check.slot, rules.timeZone, bookingKey);
  const eventId =
    own?.id ??
    (await writeBookingEvent(calendar, event, check.slot, providerDeadline, deps).catch(async (error: unknown) => {
      await deps.bookings.release(booking, cells).catch(() => undefined);
      throw error;
    }));
  // The event exists: the caller is booked. A failed confirm leaves a pending row; a later attempt of this call
  // resumes it, and the event keeps the slot busy in every other caller's live re-check.
  await deps.bookings.confirm(booking, cells, eventId).catch((error: Error) => {
    const detail = { managerId, bookingId: booking.bookingId, ...errorFields(error) };
    deps.log?.error('confirm failed after the event was created', detail);
  });
  if (calendar.book)
    void deps.connections.touch(managerId, new Date(deps.clock()).toISOString()).catch(() => undefined);
  return bookedOutcome({ ...booking, eventId, status: 'confirmed' }, check.spoken);
}

/** Frees the cells of a booking whose event is gone (exactly those it took, when recorded). */
async function retire(holder: BookingRecord, deps: BookSlotDeps, bufferMinutes: number): Promise<void> {
  deps.log?.warn('retiring a booking whose event is gone', {
    managerId: holder.managerId,
    bookingId: holder.bookingId,
  });
  await deps.bookings.retire(holder, cellsOf(holder, bufferMinutes));
}

function newBooking(
  args: SetAppointmentArgs,
  call: Call,
  managerId: string,
  check: { startIso: string; endIso: string; slot: { start: number; end: number } },
  now: number,
  bookingKey: string,
  bufferMinutes: number,
): BookingRecord {
  return {
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
    // Derived from the bookingKey, so a retried attempt and the calendar event always carry the same code.
    confirmationCode: confirmationCodeFor(bookingKey),
    bookingKey,
    createdAt: new Date(now).toISOString(),
    cells: bookingCells(check.slot, bufferMinutes),
  };
}

/** Whether this phone call already holds the maximum number of confirmed bookings. */
async function overCallLimit(
  deps: BookSlotDeps,
  managerId: string,
  callId: string | undefined,
  now: number,
  horizonDays: number,
): Promise<boolean> {
  if (!callId) return false;
  const upcoming = await deps.bookings.listByManager(managerId, now - 86_400_000, now + (horizonDays + 2) * 86_400_000);
  return (
    upcoming.filter((b) => b.callId === callId && b.status === 'confirmed').length >= (deps.maxBookingsPerCall ?? 3)
  );
}
