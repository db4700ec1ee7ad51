/**
 * Key layout of the Bookings single table (documented in lib/tables.ts) and the item <-> record mapping.
 * Lock keys end in the numeric cell start, so a managerId containing '#' still cannot collide with another manager's
 * cell.
 */
import { ValidationError } from '../../domain/errors';
import type { BookingRecord } from '../../domain/ports';

/** TransactWriteItems takes at most 100 actions: 99 cells plus the booking item. */
export const MAX_CELLS = 99;

export interface ItemKey {
  pk: string;
  sk: string;
}

/** Partition of a manager's bookings. */
export function bookingPk(managerId: string): string {
  return `BOOKING#${managerId}`;
}

/** Sort key of a booking: UTC ISO start (fixed width, so it sorts by time) then the booking id. */
export function bookingSk(startMs: number, bookingId: string): string {
  return `${new Date(startMs).toISOString()}#${bookingId}`;
}

/** Key of a booking item. */
export function bookingKey(booking: Pick<BookingRecord, 'managerId' | 'startMs' | 'bookingId'>): ItemKey {
  return { pk: bookingPk(booking.managerId), sk: bookingSk(booking.startMs, booking.bookingId) };
}

/** Key of one lock cell. */
export function lockKey(managerId: string, cellMs: number): ItemKey {
  return { pk: `LOCK#${managerId}#${cellMs}`, sk: 'LOCK' };
}

/** Key of a tool call's idempotency record. */
export function toolCallKey(toolCallId: string): ItemKey {
  return { pk: `TOOLCALL#${toolCallId}`, sk: 'TOOLCALL' };
}

/** Epoch seconds (DynamoDB TTL's unit) of an epoch-ms instant, rounded up. */
export function epochSeconds(ms: number): number {
  return Math.ceil(ms / 1000);
}

/** Rejects cell lists a single transaction cannot hold or that would name one item twice. */
export function validateCells(cells: number[]): void {
  if (cells.length === 0 || cells.length > MAX_CELLS) {
    throw new ValidationError(`A booking must cover 1 to ${MAX_CELLS} lock cells, got ${cells.length}`, 'cells');
  }
  if (!cells.every((c) => Number.isSafeInteger(c) && c >= 0))
    throw new ValidationError('Lock cells must be epoch-ms integers', 'cells');
  if (new Set(cells).size !== cells.length) throw new ValidationError('Lock cells must be distinct', 'cells');
}

const BOOKING_FIELDS: (keyof BookingRecord)[] = [
  'managerId',
  'bookingId',
  'start',
  'end',
  'startMs',
  'endMs',
  'callerName',
  'callerPhone',
  'callerEmail',
  'propertyAddress',
  'notes',
  'eventId',
  'status',
  'toolCallId',
  'callId',
  'confirmationCode',
  'createdAt',
  'cells',
];

/** The stored form of a booking (extra attributes such as ttl are added by the caller). */
export function toBookingItem(booking: BookingRecord): Record<string, unknown> {
  return { ...bookingKey(booking), type: 'booking', ...Object.fromEntries(BOOKING_FIELDS.map((f) => [f, booking[f]])) };
}

/** A booking record from its stored item (keys, type and ttl dropped). */
export function fromBookingItem(item: Record<string, unknown>): BookingRecord {
  const picked = Object.fromEntries(BOOKING_FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]]));
  return picked as unknown as BookingRecord;
}
