/** What a move does to lock cells and to the record; DynamoBookingStore and its in-memory twin share it. */
import { ValidationError } from '../../domain/errors';
import type { BookingHistoryEntry, BookingMove, BookingRecord } from '../../domain/ports';
import { MAX_MOVE_CELLS, validateCells } from './booking-keys';

/** The new start and end of a moved booking. */
export type MoveTimes = Pick<BookingMove, 'start' | 'end' | 'startMs' | 'endMs'>;

export interface CellSplit {
  /** Cells of the new time the booking does not hold yet. */
  added: number[];
  /** Cells both times use: the booking keeps them. */
  kept: number[];
  /** Cells only the old time used: freed once the move is done. */
  dropped: number[];
}

/** Splits the cells a booking holds and the cells its new time needs into taken, kept and freed. */
export function splitCells(held: readonly number[] | undefined, next: readonly number[]): CellSplit {
  const old = new Set(held ?? []);
  const wanted = new Set(next);
  return {
    added: next.filter((c) => !old.has(c)),
    kept: next.filter((c) => old.has(c)),
    dropped: [...old].filter((c) => !wanted.has(c)),
  };
}

/**
 * Refuses a move to the booking's own start: the booking's key is its start, so such a move would write and delete
 * one item in one transaction. Changing only the end is not a move this store makes.
 */
export function assertNewStart(booking: BookingRecord, startMs: number): void {
  if (startMs === booking.startMs) throw new ValidationError('A move must change the start of the booking', 'move');
}

/** Refuses a move the store cannot make: the same start, or cells completeMove's transaction cannot hold. */
export function validateMove(booking: BookingRecord, move: BookingMove): void {
  validateCells(move.cells, { max: MAX_MOVE_CELLS });
  assertNewStart(booking, move.startMs);
}

/** The record after a move to `to`: confirmed there with `cells`, revision + 1, `entry` appended to its history. */
export function movedRecord(
  booking: BookingRecord,
  to: MoveTimes,
  cells: number[],
  entry: BookingHistoryEntry,
): BookingRecord {
  return {
    ...booking,
    start: to.start,
    end: to.end,
    startMs: to.startMs,
    endMs: to.endMs,
    cells: [...cells],
    status: 'confirmed',
    revision: (booking.revision ?? 1) + 1,
    history: [...(booking.history ?? []), entry],
  };
}

/** The history entry of a move, made by the caller (a reschedule) or followed from the owner's calendar. */
export function rescheduled(booking: BookingRecord, to: MoveTimes, at: string, by: 'caller' | 'owner') {
  return { type: 'rescheduled', at, by, from: booking.start, to: to.start } satisfies BookingHistoryEntry;
}
