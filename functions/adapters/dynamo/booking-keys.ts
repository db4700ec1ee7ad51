/**
 * Key layout of the Bookings single table (documented in functions/contract/tables.ts) and the item <-> record mapping:
 *   BOOKING#<managerId> / <startIsoUtc>#<bookingId>       a booking or a call's hold (status held / released), or the
 *                                                          tombstone a move left (status moved, movedTo = new sk);
 *                                                          no tool deletes one
 *   LOCK#<managerId>#<cellStartMs> / LOCK                  a lock cell of a booking, a hold or a begun move
 *   TOOLCALL#<toolCallId> / TOOLCALL                       a tool call's claim and stored answer
 *   QUOTA#<managerId>#<callerKey>#<day> / QUOTA            bookings counted for one caller number on one day
 *   CODES#<callId> / CODES                                 wrong confirmation codes said in one call
 *   CALL#<callId> / CALL                                   bookings a call has made (MAX_BOOKINGS_PER_CALL)
 * A booking or hold the keeper must look at again also carries dueShard (DUE_SHARD) and dueAtMs: the sparse due index.
 * Keys with a managerId end in parts that hold no '#' (a number, a digest, a day), so a managerId containing '#'
 * still cannot collide with another manager's key. Ids VAPI gives (call, tool call) have no documented bound, so one
 * longer than KEY_ID_MAX is keyed by its digest (`sha256:<hex>`): DynamoDB refuses a partition key over 2 KB.
 */
import { createHash } from 'node:crypto';
import { ValidationError } from '../../domain/errors';
import type { BookingRecord } from '../../domain/ports';

/** TransactWriteItems takes at most 100 actions: 99 cells plus the booking item. */
export const MAX_CELLS = 99;
/** completeMove writes every cell of the new time plus two booking items (the new one and the old one's tombstone). */
export const MAX_MOVE_CELLS = 98;

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

/** Longest id kept as is in a key; short ids stay readable (and keep the keys items written before had). */
export const KEY_ID_MAX = 256;

/** An outside id as a key part: itself, or its SHA-256 when it could push the key past DynamoDB's limits. */
export function boundedId(id: string): string {
  return id.length <= KEY_ID_MAX ? id : `sha256:${createHash('sha256').update(id).digest('hex')}`;
}

/** Key of a tool call's idempotency record. */
export function toolCallKey(toolCallId: string): ItemKey {
  return { pk: `TOOLCALL#${boundedId(toolCallId)}`, sk: 'TOOLCALL' };
}

/** Key of a caller number's booking count for one day (`callerKey` is a digest, `day` a calendar date). */
export function quotaKey(managerId: string, callerKey: string, day: string): ItemKey {
  if (callerKey.includes('#') || day.includes('#')) throw new ValidationError('Quota key parts hold no #', 'quota');
  return { pk: `QUOTA#${managerId}#${callerKey}#${day}`, sk: 'QUOTA' };
}

/** Key of a call's wrong-code count. */
export function wrongCodesKey(callId: string): ItemKey {
  return { pk: `CODES#${boundedId(callId)}`, sk: 'CODES' };
}

/** Key of a call's booking counter (the per-call limit is its condition). */
export function callCountKey(callId: string): ItemKey {
  return { pk: `CALL#${boundedId(callId)}`, sk: 'CALL' };
}

/** The one partition of the due index: the keeper reads it with one Query (its volume is a few items per call). */
export const DUE_SHARD = 'BOOKINGS';

/** Epoch seconds (DynamoDB TTL's unit) of an epoch-ms instant, rounded up. */
export function epochSeconds(ms: number): number {
  return Math.ceil(ms / 1000);
}

/**
 * Rejects cell lists a single transaction cannot hold or that would name one item twice. `min` is 0 only where a
 * booking may hold no cells (one relocated to follow its event).
 */
export function validateCells(cells: number[], { min = 1, max = MAX_CELLS } = {}): void {
  if (cells.length < min || cells.length > max) {
    throw new ValidationError(`A booking must cover ${min} to ${max} lock cells, got ${cells.length}`, 'cells');
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
  'callerNumber',
  'callerEmail',
  'propertyAddress',
  'notes',
  'eventId',
  'status',
  'toolCallId',
  'callId',
  'confirmationCode',
  'bookingKey',
  'createdAt',
  'cells',
  'holdUntilMs',
  'connectionId',
  'calendarId',
  'invited',
  'online',
  'joinUrl',
  'revision',
  'history',
  'told',
  'countedInCall',
  'quota',
];

/** The stored form of a booking (extra attributes such as ttl are added by the caller). */
export function toBookingItem(booking: BookingRecord): Record<string, unknown> {
  const fields = Object.fromEntries(BOOKING_FIELDS.map((f) => [f, booking[f]]));
  // Only a record with a due time is in the (sparse) due index; only listDue reads the time back.
  const due = booking.dueAtMs === undefined ? {} : { dueShard: DUE_SHARD, dueAtMs: booking.dueAtMs };
  return { ...bookingKey(booking), type: 'booking', ...fields, ...due };
}

/** A booking record from its stored item (keys, type and ttl dropped). */
export function fromBookingItem(item: Record<string, unknown>): BookingRecord {
  const picked = Object.fromEntries(BOOKING_FIELDS.filter((f) => item[f] !== undefined).map((f) => [f, item[f]]));
  return picked as unknown as BookingRecord;
}
