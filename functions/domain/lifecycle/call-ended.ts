/** The end of a call (VAPI's status-update "ended", or its end-of-call-report) releases every hold the call placed. */
import type { Deadline } from '../ports';
import { holdsOfCall, releaseHolds } from '../scheduling/call-holds';
import { managerForCall } from '../scheduling/routing';
import type { CallContext } from '../vapi/message';
import type { LifecycleDeps } from './deps';

/** The far end of the hold search: the longest horizon a manager may set, plus slack. */
const HOLD_SEARCH_DAYS = 366;

/** Releases the call's holds; returns how many. Idempotent: the report after the status update finds none. */
export async function releaseCallHolds(
  context: CallContext,
  deps: LifecycleDeps,
  _deadline: Deadline,
): Promise<number> {
  if (!context.callId) return 0;
  const managerId = managerForCall(context, deps.routing);
  const now = deps.clock();
  const holds = await holdsOfCall(deps.bookings, managerId, context.callId, now, HOLD_SEARCH_DAYS);
  if (!holds.length) return 0;
  return releaseHolds(holds, deps, new Date(now).toISOString(), deps.defaults.bufferMinutes);
}
