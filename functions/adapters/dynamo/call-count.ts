/**
 * A call's booking counter (CALL#<callId>): taken inside the transaction that takes a booking's cells, conditioned on
 * the cap, so parallel tool calls of one call cannot book past MAX_BOOKINGS_PER_CALL; given back when a counted
 * booking ends before it was confirmed.
 */
import type { BookingRecord } from '../../domain/ports';
import { callCountKey } from './booking-keys';
import type { BookingTable } from './booking-table';
import { giveUnitBack, takeUnit } from './counter-items';
import type { TransactItems } from './transact';

/** A call lasts hours at most; its counter is kept two days, then TTL collects it. */
const CALL_COUNT_KEPT_MS = 2 * 86_400_000;

/** The transaction action counting one booking of the booking's call; undefined for a booking without a call. */
export function takeCallCount(
  table: string,
  booking: Pick<BookingRecord, 'callId'>,
  cap: number,
  nowMs: number,
): TransactItems[number] | undefined {
  if (!booking.callId) return undefined;
  return { Update: takeUnit(table, callCountKey(booking.callId), cap, nowMs + CALL_COUNT_KEPT_MS) };
}

/** Gives one unit back to the call (never below zero). */
export async function giveCallCount(t: BookingTable, booking: Pick<BookingRecord, 'callId'>): Promise<void> {
  if (booking.callId) await giveUnitBack(t, callCountKey(booking.callId));
}
