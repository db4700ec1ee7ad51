/** Bookings, holds, slot locks, caller quotas and tool-call idempotency records. */

/**
 * `held`: a call keeps the slot while the caller decides (no event yet); `released`: that hold ended unused, or a
 * pending booking whose event was never made (release). `pending`: cells taken, event being written; `confirmed`: the
 * event exists; `cancelled`: by the caller or the owner.
 * `moved`: the record left at a booking's old time when it moved; `movedTo` names the new sort key.
 */
export type BookingStatus = 'held' | 'released' | 'pending' | 'confirmed' | 'cancelled' | 'moved';

/** One step of a booking's life, kept on the record (nothing is deleted from the bookings table by a tool). */
export interface BookingHistoryEntry {
  type: 'held' | 'created' | 'rescheduled' | 'cancelled' | 'released';
  /** ISO instant of the step. */
  at: string;
  /** Who did it: the caller through the voice agent, or the owner in their calendar. */
  by?: 'caller' | 'owner';
  /** Rescheduled: the ISO start before and after. */
  from?: string;
  to?: string;
  reason?: string;
}

/** A move of a booking to another time: the new slot and the cells it needs. */
export interface BookingMove {
  start: string;
  end: string;
  startMs: number;
  endMs: number;
  cells: number[];
  /** The tool call moving it; a repeat of that call finds its own move. */
  toolCallId: string;
}

/** A booking made through the voice agent. */
export interface BookingRecord {
  managerId: string;
  bookingId: string;
  /** ISO 8601 with the owner's offset. */
  start: string;
  end: string;
  startMs: number;
  endMs: number;
  callerName: string;
  callerPhone?: string;
  /** The number the booking was made from (the call's own, trusted); callerPhone may be another the caller gave. */
  callerNumber?: string;
  callerEmail?: string;
  propertyAddress?: string;
  notes?: string;
  eventId?: string;
  status: BookingStatus;
  toolCallId: string;
  callId?: string;
  confirmationCode: string;
  /** The idempotency key of the booking's calendar event (derived from the call and the slot). */
  bookingKey?: string;
  createdAt: string;
  /** The lock cells (epoch ms) this booking took; kept so they can be freed exactly, whatever the buffer is later. */
  cells?: number[];
  /** A hold: until when it keeps its slot (epoch ms); checked on read, never left to TTL. */
  holdUntilMs?: number;
  /** Where the event lives (the `book` calendar at booking time). */
  connectionId?: string;
  calendarId?: string;
  /** Whether the caller's email got the calendar invitation (the manager can turn invitations off). */
  invited?: boolean;
  /** An online meeting was asked for; its join link when the provider made one. */
  online?: boolean;
  joinUrl?: string;
  /** Starts at 1 and grows with each move. */
  revision?: number;
  history?: BookingHistoryEntry[];
  /**
   * While pending: what the caller was told. `confirming` after an ambiguous create (sent, answer lost: the event may
   * exist, and nobody heard "booked"); `booked` when the event exists (eventId set) but the confirm write failed.
   * Absent: nothing was said yet (an attempt in flight, or one cut off before it answered).
   */
  told?: 'confirming' | 'booked';
  /**
   * On the keeper's due-list: when to look at it again (epoch ms). Only listDue's records carry it (the index's own
   * attribute); absent once nothing is left to settle.
   */
  dueAtMs?: number;
  /** It took one of its call's bookings (MAX_BOOKINGS_PER_CALL): given back if it ends before being confirmed. */
  countedInCall?: boolean;
  /**
   * The caller's unit of the day it took (MAX_BOOKINGS_PER_CALLER_PER_DAY): the manager's local day and the digest of
   * the caller number (never the number), so a booking voided unheard gives it back.
   */
  quota?: { day: string; callerKey: string };
}

/**
 * A pending booking is due for the keeper this long after its lease ends: an invocation still writing it (its
 * provider budget is shorter than the lease) is never raced.
 */
export const SETTLE_MARGIN_MS = 2 * 60_000;

/** What markUnsettled records on a pending booking the caller was answered about. */
export interface UnsettledNote {
  told: 'confirming' | 'booked';
  /** The event, when it is known to exist (told `booked`). */
  eventId?: string;
  /** The booking's cells stay leased until then (epoch ms): nobody else takes the slot while it is unsettled. */
  untilMs: number;
  /**
   * When the keeper may settle it (epoch ms): at once for `booked` (it is kept); for `confirming` only once the caller
   * can no longer be asking again (the hold plus SETTLE_MARGIN_MS), since settling it then cancels it.
   */
  dueAtMs: number;
}

/** What voidPending records: why (history), the event if one was found, when to look again for its cancel. */
export interface VoidNote {
  entry: BookingHistoryEntry;
  eventId?: string;
  retryAtMs: number;
}

/** What a finished tool call answered, kept so a redelivery gets the same answer. */
export interface StoredToolAnswer {
  result?: string;
  error?: string;
}

/** The fields of a record that tell whether (and when) it blocks time: what a busy-time read returns of it. */
export const BUSY_FIELDS = [
  'managerId',
  'bookingId',
  'startMs',
  'endMs',
  'status',
  'eventId',
  'connectionId',
  'callId',
  'holdUntilMs',
  'bookingKey',
  'createdAt',
  'revision',
] as const satisfies readonly (keyof BookingRecord)[];

/** A record as a busy-time read returns it (BUSY_FIELDS only). */
export type BusyRecord = Pick<BookingRecord, (typeof BUSY_FIELDS)[number]>;

/**
 * Which confirmed bookings' events a busy-time read has in hand already: those of the `connectionIds` read, except
 * event ids starting with `exceptPrefix` (bookings recorded here only).
 */
export interface SeenEvents {
  connectionIds: readonly string[];
  exceptPrefix: string;
  /**
   * The calendars were read at this instant (epoch ms; a call-start prefetch), not now: a booking created at or after
   * it, or ever moved, may be missing from what was read, so it is not counted as shown.
   */
  readAtMs?: number;
}

/** A tool call's final answer, written together with the booking it reports (confirm). */
export interface ToolAnswerWrite {
  /** The claim's key (claimToolCall's id). */
  toolCallId: string;
  answer: StoredToolAnswer;
  nowMs: number;
}

/** The counters a new booking is counted in, inside the write that takes its cells. */
export interface BookingLimits {
  /** Most bookings of one call (MAX_BOOKINGS_PER_CALL). */
  perCall?: number;
  /** Most bookings of one caller number per day (MAX_BOOKINGS_PER_CALLER_PER_DAY), at `booking.quota`. */
  perCallerDay?: number;
}

export type ToolCallClaim =
  /**
   * `contended`: another invocation may have held this id just before (its lapsed claim was taken over, it released
   * the id while this claim ran, or the store lost the answer to this claim's write and cannot tell a takeover from a
   * fresh claim): whatever was read before the claim may predate that invocation's writes.
   */
  | { claimed: true; contended?: boolean }
  | { claimed: false; state: 'in_progress' }
  | { claimed: false; state: 'done'; answer: StoredToolAnswer };

/** Bookings, slot locks and tool-call idempotency records (the Bookings table). */
export interface BookingStore {
  /** Claims a tool call id for processing (conditional put). A second claim sees the first's state or answer. */
  claimToolCall(toolCallId: string, nowMs: number): Promise<ToolCallClaim>;
  /** Stores the final answer of a claimed tool call. */
  completeToolCall(toolCallId: string, answer: StoredToolAnswer, nowMs: number): Promise<void>;
  /** Drops a claim so that a retry can run again (used when the failure was transient). */
  releaseToolCall(toolCallId: string): Promise<void>;
  /**
   * Atomically takes every lock cell (epoch-ms cell starts) for the booking's manager and writes the booking as
   * pending (on the due-list at lease end + SETTLE_MARGIN_MS). A cell is free if absent, or held as pending with a
   * lease that ended before `nowMs`. Throws SlotTakenError. The same transaction counts the booking against `limits`:
   * with `perCall` (and a callId) in its call's counter, with `perCallerDay` (and `booking.quota`) in the caller
   * number's counter of that day; at a limit it takes nothing and throws CallLimitError (`limit` day before call,
   * both before a held cell: a caller at a limit is told so, whoever holds the slot).
   */
  reserve(
    booking: BookingRecord,
    cells: number[],
    leaseUntilMs: number,
    nowMs: number,
    limits?: BookingLimits,
  ): Promise<void>;
  /**
   * Marks the booking (and its cells) confirmed with the provider's event id (and the record's joinUrl, if any); it
   * leaves the due-list. With `answer`, the same transaction stores the tool call's final answer (as
   * completeToolCall), so a booked caller's answer costs no write of its own.
   */
  confirm(booking: BookingRecord, cells: number[], eventId: string, answer?: ToolAnswerWrite): Promise<void>;
  /**
   * A pending booking whose event will not be made: marks it released (a `released` history entry by the caller, its
   * ttl kept, off the due-list) and deletes its cells (only cells this booking holds); a unit it took of its call's
   * count is given back. A booking converted from a hold is released the same way (the caller may hold again). A
   * booking no longer pending is left alone; a repeat changes nothing more.
   */
  release(booking: BookingRecord, cells: number[]): Promise<void>;
  /**
   * Cancels a confirmed booking (the caller cancelled, or its event is gone from the calendar): marks it cancelled,
   * appending `entry` to its history, and frees the cells it still holds. Safe to run again: a repeat changes nothing
   * more, and a half-finished one is completed.
   */
  retire(booking: BookingRecord, cells: number[], entry?: BookingHistoryEntry): Promise<void>;
  /**
   * Takes every cell for a call's hold (status held, until `hold.holdUntilMs`), under reserve's conditions; a cell
   * held by a lapsed hold or lease is free. Throws SlotTakenError.
   */
  hold(hold: BookingRecord, cells: number[], nowMs: number): Promise<void>;
  /**
   * Turns a call's hold into a pending booking carrying the caller's details (same id, same cells, leased until
   * `leaseUntilMs`, due as reserve's). Throws ConcurrencyError when the hold no longer has all its cells (it lapsed and
   * was taken); counts it against `limits` as reserve does (CallLimitError).
   */
  convertHold(
    booking: BookingRecord,
    cells: number[],
    leaseUntilMs: number,
    nowMs: number,
    limits?: BookingLimits,
  ): Promise<void>;
  /** Ends a hold: frees the cells it still holds and marks it released. A repeat, or a converted hold, is a no-op. */
  releaseHold(hold: BookingRecord, cells: number[], at: string): Promise<void>;
  /**
   * First step of a move: takes the cells of the new time the booking does not hold yet (leased until `leaseUntilMs`)
   * and checks it still holds the rest. Throws SlotTakenError when another booking or hold has one of them, and
   * ConcurrencyError when the booking is no longer confirmed at the time it was read.
   */
  beginMove(booking: BookingRecord, move: BookingMove, leaseUntilMs: number, nowMs: number): Promise<void>;
  /**
   * Second step, once the event moved: the booking now starts at the move's time (revision + 1, history appended), its
   * new cells are confirmed, and the cells only its old time used are freed. The old record stays as a `moved`
   * tombstone naming the new key (a move back to a time the booking left takes over its own tombstone there). Returns
   * the moved record; a repeat returns the stored one.
   */
  completeMove(booking: BookingRecord, move: BookingMove, at: string): Promise<BookingRecord>;
  /** Undoes a begun move the provider refused: frees the cells it took; the booking keeps its time and cells. */
  abandonMove(booking: BookingRecord, move: BookingMove): Promise<void>;
  /**
   * Follows a move the owner made in their calendar: the record takes the event's time (history by owner) and frees its
   * old cells, taking none (the event itself blocks its new time in every live check). The old record stays as a
   * `moved` tombstone, as with completeMove. Returns the moved record.
   */
  relocate(booking: BookingRecord, to: Omit<BookingMove, 'cells' | 'toolCallId'>, at: string): Promise<BookingRecord>;
  /**
   * Counts one booking for a caller number on a day (atomic); false, counting nothing, when `cap` are already counted.
   * `callerKey` is a digest of the number, never the number itself.
   */
  takeCallerQuota(managerId: string, callerKey: string, day: string, cap: number, nowMs: number): Promise<boolean>;
  /** Gives back a unit taken for a booking that did not happen. */
  returnCallerQuota(managerId: string, callerKey: string, day: string): Promise<void>;
  /** Counts a wrong confirmation code said in a call; returns the call's count so far (kept a day). */
  addWrongCode(callId: string, nowMs: number): Promise<number>;
  /** How many wrong codes the call has said. */
  wrongCodes(callId: string): Promise<number>;
  /**
   * The booking currently holding a cell, if any. A lock naming a `moved` tombstone or no item holds nothing: a
   * confirmed one (left by a move cut off before freeing it) is deleted, a live pending one (a begun move) is kept.
   */
  holderOf(managerId: string, cell: number): Promise<BookingRecord | undefined>;
  /** Records of a manager starting within [fromMs, toMs), every status (holds and tombstones included). */
  listByManager(managerId: string, fromMs: number, toMs: number): Promise<BookingRecord[]>;
  /**
   * The records of a manager starting within [fromMs, toMs) that can block time, with only the fields that tell so:
   * every hold, and every confirmed booking whose event `seen` does not show. It may return more than that (the
   * caller decides), never less.
   */
  listBusy(managerId: string, fromMs: number, toMs: number, seen: SeenEvents): Promise<BusyRecord[]>;
  /**
   * Records on the due-list with dueAtMs <= `untilMs`, oldest first, at most `limit`. May lag the writes (an index):
   * re-read a record (listByManager) before acting on it.
   */
  listDue(untilMs: number, limit: number): Promise<BookingRecord[]>;
  /**
   * A pending booking the caller was answered about before it was confirmed: records `told` (and the event id), keeps
   * its cells leased until `note.untilMs`, due at `note.dueAtMs`. ConcurrencyError when it is no longer pending, or a
   * cell is no longer its own.
   */
  markUnsettled(booking: BookingRecord, cells: number[], note: UnsettledNote): Promise<void>;
  /**
   * A pending booking nobody heard "booked" for, whose event may exist: marks it cancelled (`note.entry` appended, its
   * booking key spent), frees its cells, gives back its call's unit, and keeps it due at `note.retryAtMs` until the
   * event is cancelled too (clearDue). ConcurrencyError when it is no longer pending (a repeat confirmed it), or its
   * caller has heard "booked" (told `booked`: it is to be confirmed, never voided).
   */
  voidPending(booking: BookingRecord, cells: number[], note: VoidNote): Promise<void>;
  /** Takes a record that is neither pending nor held off the due-list; a repeat, or any other record, is a no-op. */
  clearDue(booking: BookingRecord): Promise<void>;
  /**
   * Moves a record due at `fromMs` to `toMs` on the due-list (a settle that failed: the next records get their turn).
   * A no-op when it is no longer due at `fromMs` (settled, or rescheduled by another write meanwhile).
   */
  postponeDue(booking: BookingRecord, fromMs: number, toMs: number): Promise<void>;
}
