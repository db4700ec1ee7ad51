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

/**
 * Takes the hold's cells; when they are refused and the call's own holds share one of them, those go first and the
 * cells are tried once more. The holds released on the way, or undefined when another call has the cells (then the
 * released holds are taken again).
 */
export async function takeHoldCells(
  hold: BookingRecord,
  own: readonly BookingRecord[],
  deps: LifecycleDeps,
  now: number,
  bufferMinutes: number,
): Promise<BookingRecord[] | undefined> {
  const cells = cellsOf(hold, bufferMinutes);
  if (await tryHold(hold, cells, deps, now)) return [];
  // Only a hold sharing a cell can be what refused it: cellsOf is exactly what the store holds for each.
  const mine = new Set(cells);
  const sharing = own.filter((h) => cellsOf(h, bufferMinutes).some((cell) => mine.has(cell)));
  if (!sharing.length) return undefined;
  await releaseHolds(sharing, deps, new Date(now).toISOString(), bufferMinutes);
  if (await tryHold(hold, cells, deps, now)) return sharing;
  await retake(sharing, deps, now, bufferMinutes);
  return undefined;
}

/** Whether the store took every cell for the hold; false when a cell is taken, any other failure thrown. */
async function tryHold(hold: BookingRecord, cells: number[], deps: LifecycleDeps, now: number): Promise<boolean> {
  try {
    await deps.bookings.hold(hold, cells, now);
    return true;
  } catch (error) {
    if (error instanceof SlotTakenError) return false;
    throw error;
  }
}

/**
 * Gives the caller back the holds let go for a new one that another call then refused: each still-live hold is taken
 * again as a new record (the released one keeps its history), with the cells and expiry it had. Never throws: a hold
 * that cannot be taken again is logged, and the caller hears the slot they asked for is taken either way.
 */
async function retake(released: readonly BookingRecord[], deps: LifecycleDeps, now: number, bufferMinutes: number) {
  for (const old of released.filter((h) => isLive(h, now))) {
    const again: BookingRecord = { ...old, bookingId: randomUUID(), cells: cellsOf(old, bufferMinutes) };
    try {
      await deps.bookings.hold(again, again.cells!, now);
    } catch (error) {
      deps.log?.warn('taking a released hold again failed', {
        managerId: old.managerId,
        bookingId: old.bookingId,
        ...errorFields(error),
      });
    }
  }
}
