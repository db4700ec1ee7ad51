/**
 * Taking a new hold's lock cells when the call may already hold a slot that shares some of them: the call's own hold
 * must not refuse its next one, and a refusal by another call must not cost the caller the hold they had.
 */
import { randomUUID } from 'node:crypto';
import { cellsOf } from '../booking/lock-cells';
import { errorFields, SlotTakenError } from '../errors';
import type { BookingRecord } from '../ports';
import { isLive, releaseHolds } from '../scheduling/call-holds';
import type { LifecycleDeps } from './deps';

/** The new hold has its cells (and these of the call's holds were let go for it), or not (and this many were lost). */
export type HoldTake = { held: true; released: BookingRecord[] } | { held: false; lost: number };

/**
 * Takes the hold's cells; when they are refused and the call's own holds share one of them, those go first and the
 * cells are tried once more. When that is refused too, or fails, the holds let go are taken again.
 */
export async function takeHoldCells(
  hold: BookingRecord,
  own: readonly BookingRecord[],
  deps: LifecycleDeps,
  now: number,
  bufferMinutes: number,
): Promise<HoldTake> {
  const cells = cellsOf(hold, bufferMinutes);
  const refused = await tryHold(hold, cells, deps, now);
  if (!refused) return { held: true, released: [] };
  // The store names a held cell's call: when that is another call, letting ours go cannot help.
  if (refused.holderCallId !== undefined && refused.holderCallId !== hold.callId) return { held: false, lost: 0 };
  // Only a hold sharing a cell can be what refused it: cellsOf is exactly what the store holds for each.
  const mine = new Set(cells);
  const sharing = own.filter((h) => cellsOf(h, bufferMinutes).some((cell) => mine.has(cell)));
  if (!sharing.length) return { held: false, lost: 0 };
  const live = sharing.filter((h) => isLive(h, now));
  await releaseHolds(sharing, deps, new Date(now).toISOString(), bufferMinutes);
  let again: SlotTakenError | undefined;
  try {
    again = await tryHold(hold, cells, deps, now);
  } catch (error) {
    await retake(live, deps, now, bufferMinutes);
    throw error;
  }
  if (!again) return { held: true, released: sharing };
  // Refused by this call again (a hold always has its call's id): another of its tool calls has just held a slot,
  // which replaces the ones let go.
  if (again.holderCallId === hold.callId) return { held: false, lost: 0 };
  return { held: false, lost: live.length - (await retake(live, deps, now, bufferMinutes)) };
}

/** Undefined when the store took every cell for the hold; the SlotTakenError when one is held; else it throws. */
async function tryHold(hold: BookingRecord, cells: number[], deps: LifecycleDeps, now: number) {
  try {
    await deps.bookings.hold(hold, cells, now);
    return undefined;
  } catch (error) {
    if (error instanceof SlotTakenError) return error;
    throw error;
  }
}

/**
 * Gives the caller back the live holds let go for a new one that was then refused: each is taken again as a new
 * record (the released one keeps its history) with the cells and expiry it had. How many it took; never throws.
 */
async function retake(live: readonly BookingRecord[], deps: LifecycleDeps, now: number, bufferMinutes: number) {
  let taken = 0;
  for (const old of live) {
    const cells = cellsOf(old, bufferMinutes);
    try {
      await deps.bookings.hold({ ...old, bookingId: randomUUID(), cells }, cells, now);
      taken++;
    } catch (error) {
      deps.log?.warn('taking a released hold again failed', {
        managerId: old.managerId,
        bookingId: old.bookingId,
        ...errorFields(error),
      });
    }
  }
  return taken;
}
