/**
 * What to do when the lock cells of a requested slot are held:
 * give a caller their own booking, retire stale locks, or say "taken".
 */
import { closestSentence, checkRequestedStart, nothingOpenSentence } from '../availability';
import type { BookingRecord, BookingStore } from '../ports';
import type { AvailabilityRules, CalendarEntry, SlotOption } from '../types';
import type { ToolOutcome } from '../vapi/dispatch';
import { bookedOutcome, notBookedOutcome } from './booking-answers';

/** A confirmed lock only counts as stale when its event should long have shown up in the calendar view. */
const STALE_AFTER_MS = 2 * 60_000;

export type Conflict =
  | { kind: 'mine'; outcome: ToolOutcome }
  | { kind: 'resume'; holder: BookingRecord }
  | { kind: 'stale'; holder: BookingRecord }
  | { kind: 'release'; holder: BookingRecord }
  | { kind: 'retry' }
  | { kind: 'taken' };

/** Classifies the holder of a cell against the live calendar entries fetched at `fetchedAt`. */
export async function classifyConflict(
  bookings: BookingStore,
  mine: BookingRecord,
  holderCell: number,
  entries: readonly CalendarEntry[],
  fetchedAt: number,
  spoken: string,
): Promise<Conflict> {
  const holder = await bookings.holderOf(mine.managerId, holderCell);
  // The cell was freed (a lease lapsed, a retire finished) since the transaction looked: try once more.
  if (!holder) return { kind: 'retry' };
  const sameCall =
    Boolean(mine.callId) &&
    holder.callId === mine.callId &&
    holder.startMs === mine.startMs &&
    holder.endMs === mine.endMs;
  // The same call asking again for the slot it already booked gets its booking back, not "taken".
  if (sameCall && holder.status === 'confirmed') return { kind: 'mine', outcome: bookedOutcome(holder, spoken) };
  // An earlier attempt of this call was cut off after reserving: carry on with its booking.
  if (sameCall && holder.status === 'pending') return { kind: 'resume', holder };
  // This call's own hold on an overlapping time (it is asking for another now), or a release cut off half-way.
  const ownHold = holder.status === 'held' && Boolean(mine.callId) && holder.callId === mine.callId;
  if (ownHold || holder.status === 'released') return { kind: 'release', holder };
  // A retire that was cut off before all its cells were freed.
  if (holder.status === 'cancelled') return { kind: 'stale', holder };
  // The manager deleted or moved the event in their calendar: the lock outlived it and must not block the slot forever.
  const eventStillThere = entries.some(
    (e) => e.id === holder.eventId && !e.isCancelled && e.start < holder.endMs && e.end > holder.startMs,
  );
  // Judged from its last change, not its creation: a booking just moved here is not in a view read before the move.
  if (holder.status === 'confirmed' && !eventStillThere && lastChange(holder) < fetchedAt - STALE_AFTER_MS) {
    return { kind: 'stale', holder };
  }
  return { kind: 'taken' };
}

/** When a booking last changed (created, moved, held…), epoch ms. */
function lastChange(booking: BookingRecord): number {
  const times = [booking.createdAt, ...(booking.history ?? []).map((h) => h.at)].map((t) => Date.parse(t));
  return Math.max(...times.filter(Number.isFinite));
}

/** "Sorry, someone just booked that time", with the nearest other openings (the held slot counted as busy). */
export function takenAnswer(
  input: {
    startText: string;
    durationMinutes: number;
    rules: AvailabilityRules;
    entries: readonly CalendarEntry[];
    now: number;
  },
  held: { start: number; end: number },
): { message: string; alternatives: SlotOption[] } {
  const entries = [
    ...input.entries,
    { start: held.start, end: held.end, availability: 'busy' as const, isCancelled: false, isAllDay: false },
  ];
  const retry = checkRequestedStart({ ...input, entries });
  const alternatives = retry.ok ? [] : retry.alternatives;
  const next = alternatives.length
    ? closestSentence(
        alternatives.map((o) => ({ start: Date.parse(o.start), end: Date.parse(o.end) })),
        input.rules.timeZone,
      )
    : nothingOpenSentence(input.rules.horizonDays);
  return { message: `Sorry, someone just booked that time. ${next}`, alternatives };
}

/** set_appointment's "taken" answer: booked false, reason taken, with takenAnswer's words and alternatives. */
export function takenOutcome(
  input: Parameters<typeof takenAnswer>[0],
  held: { start: number; end: number },
): ToolOutcome {
  const { message, alternatives } = takenAnswer(input, held);
  return notBookedOutcome(message, 'taken', alternatives);
}
