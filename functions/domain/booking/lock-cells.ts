/** Slot locks: a booking takes every fixed grid cell its time touches, so overlapping bookings collide on a cell. */
import type { Interval } from '../types';

/** Grid size of lock cells. Five minutes divides every slot length and interval we allow. */
export const CELL_MS = 5 * 60_000;

/** Cell starts (epoch ms) covering [start, end): floor of the start to ceil of the end. */
export function lockCells(slot: Interval, cellMs = CELL_MS): number[] {
  const first = Math.floor(slot.start / cellMs) * cellMs;
  const cells: number[] = [];
  for (let cell = first; cell < slot.end; cell += cellMs) cells.push(cell);
  return cells;
}

/**
 * The cells a booking locks: its slot plus the buffer after it. Extending one side is enough: two bookings closer
 * than the buffer then always share a cell, while two exactly a buffer apart never do.
 */
export function bookingCells(slot: Interval, bufferMinutes: number, cellMs = CELL_MS): number[] {
  return lockCells({ start: slot.start, end: slot.end + bufferMinutes * 60_000 }, cellMs);
}

/** The cells a stored booking holds: the ones it recorded, else those its slot and the buffer give. */
export function cellsOf(
  booking: { cells?: number[]; startMs: number; endMs: number },
  bufferMinutes: number,
): number[] {
  return booking.cells ?? bookingCells({ start: booking.startMs, end: booking.endMs }, bufferMinutes);
}
