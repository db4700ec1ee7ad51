/** Booking records and lock-cell grids for the DynamoBookingStore tests. */
import type { BookingRecord } from '../../../functions/domain/ports';

export const CELL_MS = 15 * 60_000;

/** The 15-minute cells covering [startIso, endIso). */
export function cellsOf(startIso: string, endIso: string): number[] {
  const cells: number[] = [];
  for (let t = Date.parse(startIso); t < Date.parse(endIso); t += CELL_MS) cells.push(t);
  return cells;
}

/** A pending booking for `managerId` over [startIso, endIso). */
export function booking(bookingId: string, startIso: string, endIso: string, managerId = 'm-1'): BookingRecord {
  return {
    managerId,
    bookingId,
    start: startIso,
    end: endIso,
    startMs: Date.parse(startIso),
    endMs: Date.parse(endIso),
    callerName: 'Ada Caller',
    callerPhone: '+15550100',
    status: 'pending',
    toolCallId: `tc-${bookingId}`,
    callId: `call-${bookingId}`,
    confirmationCode: 'ABC123',
    createdAt: '2030-01-01T00:00:00.000Z',
  };
}
