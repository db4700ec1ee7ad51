/** What the calendar event of a booking says: subject, location, body and idempotency key. */
import { createHash } from 'node:crypto';
import type { NewCalendarEvent } from '../types';

export interface AppointmentDetails {
  callerName: string;
  callerPhone?: string;
  callerEmail?: string;
  propertyAddress?: string;
  notes?: string;
  confirmationCode: string;
}

/** "Property viewing — <address>", or "Appointment — <name>" without an address. */
export function eventSubject(details: AppointmentDetails): string {
  return details.propertyAddress
    ? `Property viewing — ${details.propertyAddress}`
    : `Appointment — ${details.callerName}`;
}

/** The event body: who booked, how to reach them, and their notes. */
export function eventBody(details: AppointmentDetails): string {
  return [
    'Booked by your phone assistant.',
    `Caller: ${details.callerName}`,
    `Phone: ${details.callerPhone ?? 'not given'}`,
    `Email: ${details.callerEmail ?? 'not given'}`,
    details.propertyAddress ? `Property: ${details.propertyAddress}` : undefined,
    details.notes ? `Notes: ${details.notes}` : undefined,
    `Confirmation code: ${details.confirmationCode}`,
  ]
    .filter(Boolean)
    .join('\n');
}

/** A UUID-shaped key derived from the call and the slot, so a retried create cannot duplicate the event. */
export function bookingKeyFor(callKey: string, managerId: string, startMs: number): string {
  const hex = createHash('sha256').update(`${managerId}|${callKey}|${startMs}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The booking key for a call's booking at `startMs` that no earlier booking of the call has spent: a key is spent when
 * its event was moved to another time or cancelled (the provider keeps dedup on it), so booking that start again must
 * not resolve to the old event. A key still at this start (an attempt cut off, or the same booking) is reused.
 */
export function unspentBookingKey(
  callKey: string,
  managerId: string,
  startMs: number,
  callRecords: ReadonlyArray<{ bookingKey?: string; startMs: number; status: string }>,
): string {
  for (let n = 0; ; n++) {
    const key = bookingKeyFor(n === 0 ? callKey : `${callKey}#${n}`, managerId, startMs);
    const spent = callRecords.some(
      (b) => b.bookingKey === key && (b.startMs !== startMs || b.status === 'cancelled' || b.status === 'moved'),
    );
    if (!spent) return key;
  }
}

/** The provider event for a booking: the slot's instants, with the owner's zone for display. */
export function buildCalendarEvent(
  details: AppointmentDetails,
  slot: { start: number; end: number },
  timeZone: string,
  bookingKey: string,
): NewCalendarEvent {
  return {
    subject: eventSubject(details),
    bodyText: eventBody(details),
    location: details.propertyAddress,
    start: slot.start,
    end: slot.end,
    timeZone,
    attendee: details.callerEmail ? { name: details.callerName, email: details.callerEmail } : undefined,
    bookingKey,
  };
}
