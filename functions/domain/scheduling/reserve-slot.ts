/**
 * Taking a slot's lock cells for a booking: the call's own hold on exactly that slot is converted; otherwise the cells
 * are reserved, and a clash is classified (the caller's own booking back, a stale lock retired, a hold of this call
 * released, or "taken").
 */
import { cellsOf } from '../booking/lock-cells';
import { CallLimitError, ConcurrencyError, SlotTakenError } from '../errors';
import type { BookingLimits, BookingRecord, BookingStore, Log } from '../ports';
import type { CalendarEntry } from '../types';
import type { ToolOutcome } from '../vapi/dispatch';
import { releaseHolds } from './call-holds';
import { classifyConflict } from './slot-conflict';

export interface ReserveInput {
  booking: BookingRecord;
  /** The call's holds with this manager. */
  holds: BookingRecord[];
  entries: readonly CalendarEntry[];
  spoken: string;
  now: number;
  leaseUntilMs: number;
  bufferMinutes: number;
  /**
   * The counters the booking is counted in, inside the write that takes the cells (MAX_BOOKINGS_PER_CALL, and the
   * caller number's day unless this resumes an attempt that counted already).
   */
  limits: BookingLimits;
}

export type Reserved =
  /** `counted`: this write took a unit of the caller's day (given back if the booking is not made). */
  | { kind: 'reserved'; booking: BookingRecord; cells: number[]; counted: boolean }
  | { kind: 'answered'; outcome: ToolOutcome }
  | { kind: 'taken' }
  | { kind: 'limit'; limit: 'call' | 'day' };

type ReserveDeps = { bookings: BookingStore; clock: () => number; log?: Log };

/** Takes the cells (three tries at most); never throws SlotTakenError, nor CallLimitError (kind limit). */
export async function reserveSlot(input: ReserveInput, deps: ReserveDeps): Promise<Reserved> {
  try {
    return await takeSlot(input, deps);
  } catch (error) {
    if (!(error instanceof CallLimitError)) throw error;
    // At the cap, this call's own earlier attempt at this slot (counted already) is still its to finish.
    return (await ownAttempt(input, deps)) ?? { kind: 'limit', limit: error.limit };
  }
}

/** The call's own booking or pending attempt holding the slot's cells (resumed, or answered); else undefined. */
async function ownAttempt(input: ReserveInput, deps: ReserveDeps): Promise<Reserved | undefined> {
  const { booking } = input;
  const at = booking.cells?.[0];
  if (at === undefined) return undefined;
  const conflict = await classifyConflict(deps.bookings, booking, at, input.entries, input.now, input.spoken);
  if (conflict.kind === 'mine') return { kind: 'answered', outcome: conflict.outcome };
  if (conflict.kind !== 'resume') return undefined;
  return {
    kind: 'reserved',
    booking: conflict.holder,
    cells: cellsOf(conflict.holder, input.bufferMinutes),
    counted: false,
  };
}

/** Whether a write of this input takes a unit of the caller's day. */
const countsDay = (input: ReserveInput) => input.limits.perCallerDay !== undefined && Boolean(input.booking.quota);

async function takeSlot(input: ReserveInput, deps: ReserveDeps): Promise<Reserved> {
  const { booking, now, bufferMinutes } = input;
  const converted = await convertOwnHold(input, deps.bookings);
  if (converted) return converted;
  const current = booking;
  const cells = booking.cells!;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await deps.bookings.reserve(current, cells, input.leaseUntilMs, deps.clock(), input.limits);
      return { kind: 'reserved', booking: current, cells, counted: countsDay(input) };
    } catch (error) {
      if (!(error instanceof SlotTakenError)) throw error;
      const at = error.holderCell ?? cells[0]!;
      const conflict = await classifyConflict(deps.bookings, current, at, input.entries, now, input.spoken);
      switch (conflict.kind) {
        case 'mine':
          return { kind: 'answered', outcome: conflict.outcome };
        case 'resume':
          // An earlier attempt of this call that counted already: nothing is counted again.
          return {
            kind: 'reserved',
            booking: conflict.holder,
            cells: cellsOf(conflict.holder, bufferMinutes),
            counted: false,
          };
        case 'release':
          await releaseHolds([conflict.holder], deps, new Date(deps.clock()).toISOString(), bufferMinutes);
          continue;
        case 'stale':
          deps.log?.warn('retiring a booking whose event is gone', {
            managerId: conflict.holder.managerId,
            bookingId: conflict.holder.bookingId,
          });
          await deps.bookings.retire(conflict.holder, cellsOf(conflict.holder, bufferMinutes), {
            type: 'cancelled',
            at: new Date(deps.clock()).toISOString(),
            by: 'owner',
          });
          continue;
        case 'retry':
          continue;
        case 'taken':
          return { kind: 'taken' };
      }
    }
  }
  return { kind: 'taken' };
}

/** The call's hold on exactly this slot becomes the booking (same id and cells); undefined when there is none. */
async function convertOwnHold(input: ReserveInput, bookings: BookingStore): Promise<Reserved | undefined> {
  const { booking } = input;
  const hold = input.holds.find(
    (h) => h.status === 'held' && h.startMs === booking.startMs && h.endMs === booking.endMs,
  );
  if (!hold) return undefined;
  const cells = cellsOf(hold, input.bufferMinutes);
  const converted: BookingRecord = {
    ...booking,
    bookingId: hold.bookingId,
    cells,
    history: [...(hold.history ?? []), ...(booking.history ?? [])],
  };
  try {
    await bookings.convertHold(converted, cells, input.leaseUntilMs, input.now, input.limits);
    return { kind: 'reserved', booking: converted, cells, counted: countsDay(input) };
  } catch (error) {
    // It lapsed and someone took a cell: book like anyone else (which may find the slot taken).
    if (error instanceof ConcurrencyError) return undefined;
    throw error;
  }
}
