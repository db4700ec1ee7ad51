/** Booking records of one call ("call-a" of manager "mgr"), shared by the reserve and conflict tests. */
import { bookingCells } from '../../../functions/domain/booking/lock-cells';
import type { BookingRecord } from '../../../functions/domain/ports';

type Fields = Partial<BookingRecord> & Pick<BookingRecord, 'startMs' | 'endMs' | 'createdAt'>;

/** A pending record of call-a: its ISO texts and lock cells follow `fields`' startMs and endMs. */
export function callRecord(bookingId: string, fields: Fields): BookingRecord {
  const { startMs, endMs } = fields;
  return {
    managerId: 'mgr',
    bookingId,
    start: new Date(startMs).toISOString(),
    end: new Date(endMs).toISOString(),
    callerName: 'Jane Doe',
    status: 'pending',
    toolCallId: `tc-${bookingId}`,
    callId: 'call-a',
    confirmationCode: 'K7P2QX',
    cells: bookingCells({ start: startMs, end: endMs }, 0),
    ...fields,
  };
}
