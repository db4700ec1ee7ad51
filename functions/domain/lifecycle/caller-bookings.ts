/**
 * The bookings a caller may see and change: those recorded with the call's own number, or the one whose confirmation
 * code they say. Nothing about anyone else's booking leaves here, not even whether it exists. Five wrong codes in one
 * call lock lookups for the rest of that call.
 */
import type { BookingRecord, BookingStore, Log } from '../ports';
import type { CallContext } from '../vapi/message';
import { callerKeyOf, codeMatches, samePhone } from './caller-identity';

/** Wrong codes a call may say before its lookups are locked. */
export const MAX_WRONG_CODES = 5;
const DAY_MS = 86_400_000;
/** Bookings are looked for from a day back (one under way) to past the longest horizon (an owner may move one far). */
const LOOK_AHEAD_MS = 400 * DAY_MS;

export type CallerLookup =
  | { kind: 'found'; bookings: BookingRecord[] }
  /** Only cancelled bookings matched (by code, or by the caller's own number): they can be told so. */
  | { kind: 'cancelled'; bookings: BookingRecord[] }
  | { kind: 'none'; wrongCode: boolean }
  | { kind: 'locked' };

export interface LookupRequest {
  code?: string;
  appointmentId?: string;
  /** Cancelled bookings are found too when no live one matches (a repeated cancel answers the same). */
  withCancelled?: boolean;
}

/** The key wrong codes are counted under: the call, or without a call id the caller's number at this manager. */
function attemptsKey(managerId: string, context: CallContext): string {
  return context.callId ?? `${managerId}/${callerKeyOf(context.customerNumber)}`;
}

/** The caller's bookings that are still to come (soonest first), by code or by the call's number. */
export async function callerBookings(
  managerId: string,
  context: CallContext,
  request: LookupRequest,
  deps: { bookings: BookingStore; log?: Log },
  now: number,
): Promise<CallerLookup> {
  const key = attemptsKey(managerId, context);
  if ((await deps.bookings.wrongCodes(key)) >= MAX_WRONG_CODES) return { kind: 'locked' };
  const listed = await deps.bookings.listByManager(managerId, now - DAY_MS, now + LOOK_AHEAD_MS);
  // A cancelled booking's code is still its code: saying it is not a wrong guess.
  const upcoming = listed.filter((b) => (b.status === 'confirmed' || b.status === 'cancelled') && b.endMs > now);
  const byId = (list: BookingRecord[]) =>
    request.appointmentId ? list.filter((b) => b.bookingId === request.appointmentId) : list;
  const caller = context.customerNumber;
  const matches = byId(
    request.code
      ? upcoming.filter((b) => codeMatches(request.code!, b.confirmationCode))
      : upcoming.filter((b) => samePhone(b.callerNumber, caller) || samePhone(b.callerPhone, caller)),
  );
  if (!matches.length && request.code) {
    const count = await deps.bookings.addWrongCode(key, now);
    deps.log?.warn('a wrong confirmation code was said', { managerId, callId: context.callId, wrongCodes: count });
    return count >= MAX_WRONG_CODES ? { kind: 'locked' } : { kind: 'none', wrongCode: true };
  }
  const live = matches.filter((b) => b.status === 'confirmed');
  if (live.length) return { kind: 'found', bookings: live };
  if (!matches.length) return { kind: 'none', wrongCode: false };
  return request.withCancelled ? { kind: 'found', bookings: matches } : { kind: 'cancelled', bookings: matches };
}
