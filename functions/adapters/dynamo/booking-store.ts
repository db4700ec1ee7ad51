/**
 * BookingStore on the Bookings single table: tool-call claims, slot-lock transactions, holds, moves, caller counters
 * and booking reads. Each family lives in its own module; this class wires them to one table and clock.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { ValidationError } from '../../domain/errors';
import type {
  BookingHistoryEntry,
  BookingLimits,
  BookingMove,
  BookingRecord,
  BookingStore,
  BusyRecord,
  Clock,
  SeenEvents,
  StoredToolAnswer,
  ToolAnswerWrite,
  ToolCallClaim,
  UnsettledNote,
  VoidNote,
} from '../../domain/ports';
import * as due from './booking-due';
import { limitActions, limitReached } from './booking-limits';
import * as holds from './booking-holds';
import * as moves from './booking-moves';
import { listBusy, listByManager } from './booking-list';
import { retire } from './booking-retire';
import type { BookingTable } from './booking-table';
import * as counters from './caller-counters';
import { confirm, release } from './confirm-release';
import { lockHolder } from './lock-holder';
import type { MoveTimes } from './move-plan';
import { reserveItems } from './slot-locks';
import { takeCells } from './slot-taken';
import { ToolCallRecords } from './tool-calls';

export interface BookingStoreOptions {
  /** How long an unfinished tool-call claim blocks a redelivery before it may be re-claimed (default 30 s). */
  toolCallLeaseMs?: number;
  /**
   * Decides whether a lease or hold has lapsed on reads (holderOf, a clash's winner), and stamps release's history
   * entry (default Date.now).
   */
  clock?: Clock;
}

/** Bookings, holds, lock cells, caller counters and tool-call records in DynamoDB. */
export class DynamoBookingStore implements BookingStore {
  private readonly toolCalls: ToolCallRecords;
  private readonly clock: Clock;
  private readonly t: BookingTable;

  constructor(
    doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    opts: BookingStoreOptions = {},
  ) {
    this.toolCalls = new ToolCallRecords(doc, tableName, opts.toolCallLeaseMs ?? 30_000);
    this.clock = opts.clock ?? Date.now;
    this.t = { doc, table: tableName };
  }

  claimToolCall(toolCallId: string, nowMs: number): Promise<ToolCallClaim> {
    return this.toolCalls.claim(toolCallId, nowMs);
  }

  completeToolCall(toolCallId: string, answer: StoredToolAnswer, nowMs: number): Promise<void> {
    return this.toolCalls.complete(toolCallId, answer, nowMs);
  }

  releaseToolCall(toolCallId: string): Promise<void> {
    return this.toolCalls.release(toolCallId);
  }

  /**
   * One transaction: every cell (free or lapsed), the pending booking and the counters of `limits`.
   * SlotTakenError, CallLimitError or ValidationError.
   */
  async reserve(booking: BookingRecord, cells: number[], leaseUntilMs: number, nowMs: number, limits?: BookingLimits) {
    const counted = limitActions(this.tableName, booking, cells, nowMs, limits);
    if (!(leaseUntilMs > nowMs)) throw new ValidationError('The lease must end after now', 'lease');
    const items = reserveItems(this.tableName, counted.record, cells, leaseUntilMs, nowMs);
    try {
      await takeCells({ ...this.t, booking, cells, nowMs: this.clock() }, [...items, ...counted.actions]);
    } catch (error) {
      throw limitReached(error, items.length, counted.kinds) ?? error;
    }
  }

  /** Confirms the booking and its cells (and its joinUrl), with the tool call's answer; ConcurrencyError if a cell
   * changed hands. */
  confirm(booking: BookingRecord, cells: number[], eventId: string, answer?: ToolAnswerWrite): Promise<void> {
    return confirm(this.t, booking, cells, eventId, answer && this.toolCalls.completeAction(answer));
  }

  /** Marks the pending booking released (stamped by the clock) and deletes the cells it still holds. */
  release(booking: BookingRecord, cells: number[]): Promise<void> {
    return release(this.t, booking, cells, new Date(this.clock()).toISOString());
  }

  /** Cancels a confirmed booking (history appended once) and frees the cells it still holds. */
  retire(booking: BookingRecord, cells: number[], entry?: BookingHistoryEntry): Promise<void> {
    return retire(this.t, booking, cells, entry);
  }

  /** Takes the hold's cells (status held until holdUntilMs) and writes the hold. */
  hold(record: BookingRecord, cells: number[], nowMs: number): Promise<void> {
    return holds.hold(this.t, record, cells, nowMs, this.clock());
  }

  /** Turns the hold into the pending booking, all or nothing. */
  convertHold(booking: BookingRecord, cells: number[], leaseUntilMs: number, nowMs: number, limits?: BookingLimits) {
    return holds.convertHold(this.t, booking, cells, leaseUntilMs, nowMs, limits);
  }

  /** Marks the hold released and frees what it still holds. */
  releaseHold(record: BookingRecord, cells: number[], at: string): Promise<void> {
    return holds.releaseHold(this.t, record, cells, at);
  }

  /** Takes the new time's missing cells and records the move on the booking. */
  beginMove(booking: BookingRecord, move: BookingMove, leaseUntilMs: number, nowMs: number): Promise<void> {
    return moves.beginMove(this.t, booking, move, leaseUntilMs, nowMs, this.clock());
  }

  /** Writes the booking at its new time (the old item a moved tombstone) and frees what only the old time used. */
  completeMove(booking: BookingRecord, move: BookingMove, at: string): Promise<BookingRecord> {
    return moves.completeMove(this.t, booking, move, at);
  }

  /** Frees what a begun move took. */
  abandonMove(booking: BookingRecord, move: BookingMove): Promise<void> {
    return moves.abandonMove(this.t, booking, move);
  }

  /** Follows the owner's move of the event: the booking at the new time, holding no cells; a tombstone at the old. */
  relocate(booking: BookingRecord, to: MoveTimes, at: string): Promise<BookingRecord> {
    return moves.relocate(this.t, booking, to, at);
  }

  /** Counts one booking for the caller on that day, unless the cap is reached. */
  takeCallerQuota(managerId: string, callerKey: string, day: string, cap: number, nowMs: number): Promise<boolean> {
    return counters.takeCallerQuota(this.t, managerId, callerKey, day, cap, nowMs);
  }

  /** Gives back one unit of the caller's day. */
  returnCallerQuota(managerId: string, callerKey: string, day: string): Promise<void> {
    return counters.returnCallerQuota(this.t, managerId, callerKey, day);
  }

  /** Counts a wrong code said in the call. */
  addWrongCode(callId: string, nowMs: number): Promise<number> {
    return counters.addWrongCode(this.t, callId, nowMs);
  }

  /** The call's wrong-code count. */
  wrongCodes(callId: string): Promise<number> {
    return counters.wrongCodes(this.t, callId);
  }

  /** The booking holding a cell; a lapsed lease or hold holds nothing; an orphan lock (no item, a tombstone) goes. */
  holderOf(managerId: string, cell: number): Promise<BookingRecord | undefined> {
    return lockHolder(this.t, managerId, cell, this.clock());
  }

  /** Bookings, holds and tombstones (released, moved) starting in [fromMs, toMs). */
  listByManager(managerId: string, fromMs: number, toMs: number): Promise<BookingRecord[]> {
    return listByManager(this.t, managerId, fromMs, toMs);
  }

  /** Holds and confirmed bookings `seen` does not show, projected to what blocks time. */
  listBusy(managerId: string, fromMs: number, toMs: number, seen: SeenEvents): Promise<BusyRecord[]> {
    return listBusy(this.t, managerId, fromMs, toMs, seen);
  }

  /** One Query of the due index (oldest first). */
  listDue(untilMs: number, limit: number): Promise<BookingRecord[]> {
    return due.listDue(this.t, untilMs, limit);
  }

  /** Records what the caller was told; its cells stay leased until note.untilMs, due at note.dueAtMs. */
  markUnsettled(booking: BookingRecord, cells: number[], note: UnsettledNote): Promise<void> {
    return due.markUnsettled(this.t, booking, cells, note);
  }

  /** Pending → cancelled (kept due for its event's cancel), cells freed, the call's unit given back. */
  voidPending(booking: BookingRecord, cells: number[], note: VoidNote): Promise<void> {
    return due.voidPending(this.t, booking, cells, note);
  }

  /** Off the due-list (a settled record). */
  clearDue(booking: BookingRecord): Promise<void> {
    return due.clearDue(this.t, booking);
  }

  /** Due later, if still due at fromMs (a failed settle). */
  postponeDue(booking: BookingRecord, fromMs: number, toMs: number): Promise<void> {
    return due.postponeDue(this.t, booking, fromMs, toMs);
  }
}
