/** Bookings, slot locks and tool-call idempotency records. */

export type BookingStatus = 'pending' | 'confirmed' | 'cancelled';

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
}

/** What a finished tool call answered, kept so a redelivery gets the same answer. */
export interface StoredToolAnswer {
  result?: string;
  error?: string;
}

export type ToolCallClaim =
  | { claimed: true }
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
   * Atomically takes every lock cell (epoch-ms cell starts) for the booking's manager and writes the booking as pending.
   * A cell is free if absent, or held as pending with a lease that ended before `nowMs`. Throws SlotTakenError.
   */
  reserve(booking: BookingRecord, cells: number[], leaseUntilMs: number, nowMs: number): Promise<void>;
  /** Marks the booking (and its cells) confirmed with the provider's event id. */
  confirm(booking: BookingRecord, cells: number[], eventId: string): Promise<void>;
  /** Deletes a pending booking and its cells (only cells this booking holds). */
  release(booking: BookingRecord, cells: number[]): Promise<void>;
  /**
   * Retires a booking whose calendar event no longer exists (the manager deleted or moved it in their calendar): marks it
   * cancelled and frees the cells it still holds. Safe to run again: a half-finished retire is completed.
   */
  retire(booking: BookingRecord, cells: number[]): Promise<void>;
  /** The booking currently holding a cell, if any. */
  holderOf(managerId: string, cell: number): Promise<BookingRecord | undefined>;
  /** Bookings of a manager starting within [fromMs, toMs). */
  listByManager(managerId: string, fromMs: number, toMs: number): Promise<BookingRecord[]>;
}
