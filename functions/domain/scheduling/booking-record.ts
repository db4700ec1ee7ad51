/** The record of a new booking, and the limits a caller books under (per call, per number per day). */
import { randomUUID } from 'node:crypto';
import { localDateText } from '../availability/format';
import { plainCallerText } from '../booking/caller-text';
import { confirmationCodeFor } from '../booking/confirmation-code';
import { bookingCells } from '../booking/lock-cells';
import { callerKeyOf } from '../lifecycle/caller-identity';
import type { BookingRecord, BookingStore } from '../ports';
import type { CallContext } from '../vapi/message';
import type { SetAppointmentArgs } from '../vapi/tools';
import type { ManagerCalendar } from './manager-calendar';

/** Default of MAX_BOOKINGS_PER_CALLER_PER_DAY: bookings (so invitations) one number may make per manager per day. */
export const DEFAULT_CALLER_DAILY_CAP = 3;

type Checked = { startIso: string; endIso: string; slot: { start: number; end: number } };

/** A pending booking for the checked slot; caller text is made plain before it can reach an event. */
export function newBooking(
  args: SetAppointmentArgs,
  call: { toolCallId: string; context: CallContext },
  calendar: ManagerCalendar,
  check: Checked,
  now: number,
  bookingKey: string,
): BookingRecord {
  // Manual mode has no calendar to make a meeting in: asked for, the caller hears plainly that there is no link.
  const online = args.online ?? calendar.settings.onlineMeetings ?? false;
  return {
    managerId: calendar.managerId,
    bookingId: randomUUID(),
    start: check.startIso,
    end: check.endIso,
    startMs: check.slot.start,
    endMs: check.slot.end,
    callerName: plainCallerText(args.attendee_name, 100) ?? 'Caller',
    callerPhone: args.attendee_phone ?? call.context.customerNumber,
    callerNumber: call.context.customerNumber,
    callerEmail: args.attendee_email,
    propertyAddress: plainCallerText(args.property_address, 200),
    notes: plainCallerText(args.notes),
    status: 'pending',
    toolCallId: call.toolCallId,
    callId: call.context.callId,
    // Derived from the bookingKey, so a retried attempt and the calendar event always carry the same code.
    confirmationCode: confirmationCodeFor(bookingKey),
    bookingKey,
    createdAt: new Date(now).toISOString(),
    cells: bookingCells(check.slot, calendar.rules.bufferMinutes),
    connectionId: calendar.book?.connection.connectionId,
    calendarId: calendar.book?.calendarId,
    invited: Boolean(args.attendee_email) && calendar.settings.inviteAttendees !== false,
    online,
    revision: 1,
    history: [{ type: 'created', at: new Date(now).toISOString(), by: 'caller' }],
  };
}

/**
 * Default of MAX_BOOKINGS_PER_CALL: bookings one phone call may make (counted atomically with the reserve; a booking
 * released or cancelled before it was confirmed gives its unit back, a move is not a new booking).
 */
export const DEFAULT_MAX_BOOKINGS_PER_CALL = 3;

/** The caller number's unit of today's cap (the manager's local day); undefined when the cap is reached. */
export async function takeDailyQuota(
  bookings: BookingStore,
  calendar: ManagerCalendar,
  context: CallContext,
  now: number,
  cap: number,
): Promise<(() => Promise<void>) | undefined> {
  const { callerKey: key, day } = dailyQuotaOf(calendar, context, now);
  if (!(await bookings.takeCallerQuota(calendar.managerId, key, day, cap, now))) return undefined;
  return () => bookings.returnCallerQuota(calendar.managerId, key, day).catch(() => undefined);
}

/** Which caller-day unit a booking made now takes: the manager's local day and the caller number's digest. */
export function dailyQuotaOf(calendar: ManagerCalendar, context: CallContext, now: number) {
  return { day: localDateText(now, calendar.rules.timeZone), callerKey: callerKeyOf(context.customerNumber) };
}
