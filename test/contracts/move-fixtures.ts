/** Fixtures of the hold and move contracts: confirmed bookings as the store returns them, holds, and moves. */
import type { BookingMove, BookingRecord } from '../../functions/domain/ports';
import { cellsOf, LEASE_UNTIL, T0, type BookingScope, type Made } from './harness';

/** How long a fixture hold keeps its slot: it lapses before a reservation's default lease does. */
export const HOLD_UNTIL = T0 + 30_000;

/** A booking reserved then confirmed, as the store returns it (status confirmed, with its event id). */
export async function booked(s: BookingScope, name: string, startIso: string, endIso: string): Promise<Made> {
  const { b, cells } = s.booking(name, startIso, endIso);
  await s.store.reserve(b, cells, LEASE_UNTIL, T0);
  await s.store.confirm(b, cells, `evt-${name}`);
  return { b: { ...b, status: 'confirmed', eventId: `evt-${name}` }, cells };
}

/** A call's hold over [startIso, endIso), lasting until HOLD_UNTIL (not yet written). */
export function held(s: BookingScope, name: string, startIso: string, endIso: string): Made {
  const { b, cells } = s.booking(name, startIso, endIso);
  const history = [{ type: 'held' as const, at: new Date(T0).toISOString(), by: 'caller' as const }];
  return { b: { ...b, status: 'held', holdUntilMs: HOLD_UNTIL, history }, cells };
}

/** A move of `booking` to [startIso, endIso) by tool call `toolCallId`. */
export function moveOf(booking: BookingRecord, startIso: string, endIso: string, toolCallId = 'tc-move'): BookingMove {
  const times = { start: startIso, end: endIso, startMs: Date.parse(startIso), endMs: Date.parse(endIso) };
  return { ...times, cells: cellsOf(startIso, endIso), toolCallId: `${toolCallId}-${booking.bookingId}` };
}

/** The record once `move` is complete: at its time and cells, revision + 1, one history entry more. */
export function movedTo(booking: BookingRecord, move: Omit<BookingMove, 'toolCallId'>, at: string, by = 'caller') {
  const entry = { type: 'rescheduled', at, by, from: booking.start, to: move.start };
  const times = { start: move.start, end: move.end, startMs: move.startMs, endMs: move.endMs };
  return {
    ...booking,
    ...times,
    cells: move.cells,
    revision: (booking.revision ?? 1) + 1,
    history: [...(booking.history ?? []), entry],
  } as BookingRecord;
}
