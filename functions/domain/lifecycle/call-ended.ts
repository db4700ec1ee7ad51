/**
 * The end of a call (VAPI's status-update "ended", or its end-of-call-report): every hold the call placed is released,
 * and every booking the call was answered about before it was confirmed is settled so the calendar follows what the
 * caller was told (kept if they heard "booked", else cancelled with its event).
 */
import { errorFields } from '../errors';
import { settleBooking } from '../keeper/settle-booking';
import type { Deadline, Metrics } from '../ports';
import { recordsOfCall, releaseHolds } from '../scheduling/call-holds';
import { managerForCall } from '../scheduling/routing';
import type { CallContext } from '../vapi/message';
import type { LifecycleDeps } from './deps';

/** The far end of the hold search: the longest horizon a manager may set, plus slack. */
const HOLD_SEARCH_DAYS = 366;

/** What the end of a call needs: the lifecycle tools' dependencies, and where BookingReconciled is counted. */
export interface CallEndedDeps extends LifecycleDeps {
  metrics?: Metrics;
}

/**
 * Releases the call's holds and settles its unconfirmed bookings; returns how many holds were released. Idempotent:
 * the report after the status update finds nothing left.
 */
export async function releaseCallHolds(context: CallContext, deps: CallEndedDeps, deadline: Deadline): Promise<number> {
  if (!context.callId) return 0;
  const managerId = managerForCall(context, deps.routing);
  const now = deps.clock();
  const records = await recordsOfCall(deps.bookings, managerId, context.callId, now, HOLD_SEARCH_DAYS);
  const holds = records.filter((b) => b.status === 'held');
  // Answered about ("confirming", or "booked" with the confirm write lost): nobody will ask again in this call.
  const unsettled = records.filter((b) => b.status === 'pending' && b.told);
  await Promise.all(
    unsettled.map((record) =>
      settleBooking(record, true, deps, deadline, records).catch((error: unknown) =>
        deps.log?.warn('settling a booking at the end of the call failed; the keeper tries again', {
          managerId,
          bookingId: record.bookingId,
          ...errorFields(error),
        }),
      ),
    ),
  );
  if (!holds.length) return 0;
  return releaseHolds(holds, deps, new Date(now).toISOString(), deps.defaults.bufferMinutes);
}
