/**
 * In-memory BookingStore with the DynamoBookingStore's invariants (test/contracts/ runs the same suite on both):
 * leases and holds, ownership-conditioned confirm/release/retire, moves, holder ids on SlotTakenError, caller counters,
 * tool-call leases and ttl. Each write checks every condition first and changes nothing when one fails, as a
 * transaction does. No booking record is ever removed from `bookings`: release and moves leave tombstones.
 */
import {
  bookingSk,
  callCountKey,
  epochSeconds,
  MAX_CELLS,
  MAX_MOVE_CELLS,
  quotaKey,
  validateCells,
  wrongCodesKey,
} from '../../functions/adapters/dynamo/booking-keys';
import {
  assertNewStart,
  type MoveTimes,
  movedRecord,
  rescheduled,
  splitCells,
  validateMove,
} from '../../functions/adapters/dynamo/move-plan';
import { CallLimitError, ConcurrencyError, SlotTakenError, ValidationError } from '../../functions/domain/errors';
import type {
  BookingHistoryEntry,
  BookingMove,
  BookingLimits,
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
} from '../../functions/domain/ports';
import { BUSY_FIELDS, SETTLE_MARGIN_MS } from '../../functions/domain/ports';

type Cell = {
  /** The booking item it names (Dynamo's bookingSk). */
  bookingKey: string;
  bookingId: string;
  toolCallId: string;
  callId?: string;
  status: 'pending' | 'held' | 'confirmed';
  leaseUntil?: number;
};
/** A stored record; a `moved` tombstone names the new item's sort key, as the Dynamo item's movedTo attribute does. */
export type StoredBooking = BookingRecord & { movedTo?: string };
/** claimedAt/ttlS are undefined when a test claims without a time: such a record never lapses. */
type Call = { state: 'in_progress' | 'done'; claimedAt?: number; ttlS?: number; answer?: StoredToolAnswer };

export interface MemoryBookingStoreOptions {
  /**
   * Decides whether a lease or hold has lapsed in holderOf (default: they never lapse there, for frozen test clocks),
   * and stamps release's history entry (default Date.now).
   */
  clock?: Clock;
  /** How long an unfinished tool-call claim blocks a redelivery (default 30 s, as DynamoBookingStore). */
  toolCallLeaseMs?: number;
}

const RECORD_TTL_S = 86_400;
const keyOf = (b: Pick<BookingRecord, 'managerId' | 'startMs' | 'bookingId'>) =>
  `${b.managerId}#${b.startMs}#${b.bookingId}`;
/** What a read returns: a copy, without the storage-only movedTo and dueAtMs (Dynamo's reads drop them too). */
const snapshot = ({ movedTo: _, dueAtMs: __, ...record }: StoredBooking): BookingRecord => structuredClone(record);
const leased = (cell: Cell) => cell.status === 'pending' || cell.status === 'held';
/** Absent, or a pending lease or hold that ended before `now`. */
const isFree = (cell: Cell | undefined, now: number): boolean => !cell || (leased(cell) && cell.leaseUntil! < now);
const taken = (cell: number, holder: Cell) =>
  Object.assign(new SlotTakenError('Slot already taken', holder.toolCallId, holder.callId), { holderCell: cell });

export class MemoryBookingStore implements BookingStore {
  /** Bookings, holds and tombstones by manager, start and id (the Dynamo item key). */
  readonly bookings = new Map<string, StoredBooking>();
  readonly cells = new Map<string, Cell>();
  readonly calls = new Map<string, Call>();
  /** A begun move, by the key of the booking it moves (Dynamo's pendingMove attribute). */
  readonly moves = new Map<string, BookingMove & { leaseUntil: number }>();
  /** Caller quotas and wrong-code counts, by their Dynamo partition key. */
  readonly counters = new Map<string, number>();
  private readonly clock: Clock;
  private readonly stamp: Clock;
  private readonly leaseMs: number;

  constructor(opts: MemoryBookingStoreOptions = {}) {
    this.clock = opts.clock ?? (() => Number.NEGATIVE_INFINITY);
    this.stamp = opts.clock ?? Date.now;
    this.leaseMs = opts.toolCallLeaseMs ?? 30_000;
  }

  /** Stores copies of `records` as they are, under their item key: a test's starting state (no cells, no limits). */
  seed(...records: BookingRecord[]): void {
    for (const b of records) this.bookings.set(keyOf(b), structuredClone(b));
  }

  async claimToolCall(toolCallId: string, nowMs?: number): Promise<ToolCallClaim> {
    const existing = this.calls.get(toolCallId);
    const now = nowMs ?? Number.NEGATIVE_INFINITY;
    const expired = existing?.ttlS !== undefined && existing.ttlS < Math.floor(now / 1000);
    const claimedAt = existing?.state === 'in_progress' ? existing.claimedAt : undefined;
    const stale = claimedAt !== undefined && claimedAt < now - this.leaseMs;
    if (!existing || expired || stale) {
      this.calls.set(toolCallId, { state: 'in_progress', claimedAt: nowMs, ttlS: ttlOf(nowMs) });
      return existing?.state === 'in_progress' ? { claimed: true, contended: true } : { claimed: true };
    }
    if (existing.state === 'in_progress') return { claimed: false, state: 'in_progress' };
    return { claimed: false, state: 'done', answer: { ...existing.answer } };
  }

  /** The first stored answer wins. */
  async completeToolCall(toolCallId: string, answer: StoredToolAnswer, nowMs?: number) {
    const existing = this.calls.get(toolCallId);
    if (existing?.state === 'done') return;
    const stored = JSON.parse(JSON.stringify({ result: answer.result, error: answer.error })) as StoredToolAnswer;
    this.calls.set(toolCallId, { ...existing, state: 'done', answer: stored, ttlS: ttlOf(nowMs) });
  }

  /** Drops an in-progress claim; a completed answer is never dropped. */
  async releaseToolCall(toolCallId: string) {
    if (this.calls.get(toolCallId)?.state === 'in_progress') this.calls.delete(toolCallId);
  }

  async reserve(booking: BookingRecord, cells: number[], leaseUntilMs: number, nowMs: number, limits?: BookingLimits) {
    const counting = this.limitsOf(booking, cells, limits);
    if (!(leaseUntilMs > nowMs)) throw new ValidationError('The lease must end after now', 'lease');
    // The counters are the transaction's conditions: checked before anything is written, day before call.
    this.checkLimits(booking, counting);
    this.take(booking, cells, 'pending', leaseUntilMs, nowMs);
    this.count(booking, counting);
  }

  /** Which counters a booking is counted in under `limits`; validates the cells leave room for them. */
  private limitsOf(booking: BookingRecord, cells: number[], limits: BookingLimits = {}) {
    const day = limits.perCallerDay !== undefined && booking.quota ? limits.perCallerDay : undefined;
    const call = limits.perCall !== undefined && booking.callId ? limits.perCall : undefined;
    validateCells(cells, { max: MAX_CELLS - (day === undefined ? 0 : 1) - (call === undefined ? 0 : 1) });
    return { day, call };
  }

  /** CallLimitError (day first, then call) when a counter is at its cap. */
  private checkLimits(booking: BookingRecord, counting: { day?: number; call?: number }) {
    if (counting.day !== undefined) {
      const { pk } = quotaKey(booking.managerId, booking.quota!.callerKey, booking.quota!.day);
      if (!(counting.day > 0) || (this.counters.get(pk) ?? 0) >= counting.day)
        throw new CallLimitError('Daily limit of the caller reached', { limit: 'day' });
    }
    if (counting.call !== undefined && (this.counters.get(callCountKey(booking.callId!).pk) ?? 0) >= counting.call)
      throw new CallLimitError();
  }

  private count(booking: BookingRecord, counting: { day?: number; call?: number }) {
    if (counting.day !== undefined) {
      const { pk } = quotaKey(booking.managerId, booking.quota!.callerKey, booking.quota!.day);
      this.counters.set(pk, (this.counters.get(pk) ?? 0) + 1);
    }
    if (counting.call !== undefined) this.countCall(booking);
  }

  private countCall(booking: BookingRecord) {
    const { pk } = callCountKey(booking.callId!);
    this.counters.set(pk, (this.counters.get(pk) ?? 0) + 1);
    this.bookings.get(keyOf(booking))!.countedInCall = true;
  }

  /** Gives back the unit a counted booking took (never below zero). */
  private uncountCall(stored: StoredBooking) {
    if (!stored.countedInCall || !stored.callId) return;
    const { pk } = callCountKey(stored.callId);
    const count = this.counters.get(pk) ?? 0;
    if (count > 0) this.counters.set(pk, count - 1);
  }

  async hold(hold: BookingRecord, cells: number[], nowMs: number) {
    validateCells(cells);
    const until = hold.holdUntilMs;
    if (until === undefined || !(until > nowMs)) throw new ValidationError('A hold must end after now', 'hold');
    this.take(hold, cells, 'held', until, nowMs);
  }

  /** Every cell free (else SlotTakenError naming the first held one) and the item new, then all of it written. */
  private take(booking: BookingRecord, cells: number[], status: 'pending' | 'held', until: number, now: number) {
    const held = cells.find((c) => !isFree(this.cell(booking.managerId, c), now));
    if (held !== undefined) throw taken(held, this.cell(booking.managerId, held)!);
    const key = keyOf(booking);
    if (this.bookings.has(key)) throw new SlotTakenError();
    const { bookingId, toolCallId, callId } = booking;
    for (const c of cells) {
      this.cells.set(cellKey(booking.managerId, c), {
        bookingKey: key,
        bookingId,
        toolCallId,
        callId,
        status,
        leaseUntil: until,
      });
    }
    const dueAtMs = status === 'held' ? until : until + SETTLE_MARGIN_MS;
    this.bookings.set(key, { ...structuredClone(booking), status, dueAtMs });
  }

  /** Throws ConcurrencyError, changing nothing, if a cell or the booking is no longer this booking's to confirm. */
  async confirm(booking: BookingRecord, cells: number[], eventId: string, answer?: ToolAnswerWrite) {
    validateCells(cells, { max: answer ? MAX_CELLS - 1 : MAX_CELLS });
    const stored = this.bookings.get(keyOf(booking));
    const mine = cells.map((c) => this.cell(booking.managerId, c));
    const ours = mine.every((cell) => cell?.bookingId === booking.bookingId);
    // Pending, or already confirmed with this same event (a replayed confirm is a no-op, not an error).
    const confirmable = stored?.status === 'pending' || (stored?.status === 'confirmed' && stored.eventId === eventId);
    if (!stored || !ours || !confirmable) throw new ConcurrencyError('Booking no longer holds its slot');
    for (const cell of mine) Object.assign(cell!, { status: 'confirmed', leaseUntil: undefined });
    Object.assign(
      stored,
      { status: 'confirmed', eventId },
      booking.joinUrl === undefined ? {} : { joinUrl: booking.joinUrl },
    );
    offDueList(stored);
    // The answer is written with the confirm, unconditionally (the claim is this invocation's).
    if (answer) this.calls.delete(answer.toolCallId);
    if (answer) await this.completeToolCall(answer.toolCallId, answer.answer, answer.nowMs);
  }

  /** A pending booking becomes released (history appended); the cells it still holds as pending are deleted. */
  async release(booking: BookingRecord, cells: number[]) {
    validateCells(cells);
    this.free(booking, cells, (cell) => cell.status === 'pending');
    const stored = this.bookings.get(keyOf(booking));
    if (stored?.status !== 'pending') return;
    stored.status = 'released';
    stored.history = [
      ...(stored.history ?? []),
      { type: 'released', at: new Date(this.stamp()).toISOString(), by: 'caller' },
    ];
    offDueList(stored);
    this.uncountCall(stored);
  }

  /** Confirmed: cancels it (appending `entry`). Confirmed or cancelled: frees its cells. Otherwise: left alone. */
  async retire(booking: BookingRecord, cells: number[], entry?: BookingHistoryEntry) {
    validateCells(cells, { min: 0 });
    const stored = this.bookings.get(keyOf(booking));
    if (stored?.status === 'confirmed') {
      stored.status = 'cancelled';
      if (entry) stored.history = [...(stored.history ?? []), structuredClone(entry)];
      offDueList(stored);
    } else if (stored?.status !== 'cancelled') return;
    this.free(booking, cells, () => true);
  }

  /** ConcurrencyError, changing nothing, unless the item is this hold and every cell is still held by it. */
  async convertHold(
    booking: BookingRecord,
    cells: number[],
    leaseUntilMs: number,
    nowMs: number,
    limits?: BookingLimits,
  ) {
    const counting = this.limitsOf(booking, cells, limits);
    if (!(leaseUntilMs > nowMs)) throw new ValidationError('The lease must end after now', 'lease');
    const stored = this.bookings.get(keyOf(booking));
    const mine = cells.map((c) => this.cell(booking.managerId, c));
    const held = mine.every((cell) => cell?.bookingId === booking.bookingId && cell.status === 'held');
    this.checkLimits(booking, counting);
    if (stored?.status !== 'held' || stored.bookingId !== booking.bookingId || !held) {
      throw new ConcurrencyError('The hold no longer has its slot');
    }
    for (const cell of mine)
      Object.assign(cell!, { status: 'pending', leaseUntil: leaseUntilMs, toolCallId: booking.toolCallId });
    const dueAtMs = leaseUntilMs + SETTLE_MARGIN_MS;
    this.bookings.set(keyOf(booking), { ...structuredClone(booking), status: 'pending', dueAtMs });
    this.count(booking, counting);
  }

  /** A held item becomes released (history appended); the cells it still holds as held are freed. */
  async releaseHold(hold: BookingRecord, cells: number[], at: string) {
    validateCells(cells);
    const stored = this.bookings.get(keyOf(hold));
    if (stored?.status === 'held') {
      stored.status = 'released';
      stored.history = [...(stored.history ?? []), { type: 'released', at, by: 'caller' }];
      offDueList(stored);
    }
    this.free(hold, cells, (cell) => cell.status === 'held');
  }

  /** As the Dynamo transaction: the booking's condition first (ConcurrencyError), then each cell's (SlotTakenError). */
  async beginMove(booking: BookingRecord, move: BookingMove, leaseUntilMs: number, nowMs: number) {
    validateMove(booking, move);
    if (!(leaseUntilMs > nowMs)) throw new ValidationError('The lease must end after now', 'lease');
    const key = keyOf(booking);
    if (this.bookings.get(key)?.status !== 'confirmed') throw new ConcurrencyError('Booking changed since it was read');
    const inFlight = this.moves.get(key);
    if (inFlight && inFlight.leaseUntil >= nowMs && inFlight.toolCallId !== move.toolCallId)
      throw new ConcurrencyError('Another move of this booking is in flight');
    const added = new Set(splitCells(booking.cells, move.cells).added);
    const me = booking.bookingId;
    const refused = move.cells.filter((c) => {
      const cell = this.cell(booking.managerId, c);
      if (!added.has(c)) return cell?.bookingId !== me;
      // A repeat of the move, an earlier begun move, or a cell left under another time: this booking's own.
      return (
        !isFree(cell, nowMs) && !(cell!.bookingId === me && (cell!.status === 'pending' || cell!.bookingKey !== key))
      );
    });
    if (refused.length) {
      const named = refused.find((c) => this.cell(booking.managerId, c));
      throw named === undefined ? new SlotTakenError() : taken(named, this.cell(booking.managerId, named)!);
    }
    const lock = { bookingKey: keyOf({ ...booking, startMs: move.startMs }), bookingId: me, callId: booking.callId };
    for (const c of added) {
      this.cells.set(cellKey(booking.managerId, c), {
        ...lock,
        toolCallId: move.toolCallId,
        status: 'pending',
        leaseUntil: leaseUntilMs,
      });
    }
    this.moves.set(key, { ...structuredClone(move), leaseUntil: leaseUntilMs });
  }

  async completeMove(booking: BookingRecord, move: BookingMove, at: string) {
    validateMove(booking, move);
    const moved = movedRecord(booking, move, move.cells, rescheduled(booking, move, at, 'caller'));
    const { added, kept, dropped } = splitCells(booking.cells, move.cells);
    const cellsOk = () =>
      [...added, ...kept].every((c) => this.cell(booking.managerId, c)?.bookingId === booking.bookingId);
    return this.finishMove(booking, moved, dropped, cellsOk, () => {
      for (const c of added)
        Object.assign(this.cell(booking.managerId, c)!, { status: 'confirmed', leaseUntil: undefined });
      for (const c of move.cells) this.cell(booking.managerId, c)!.bookingKey = keyOf(moved);
    });
  }

  /** Frees the cells a begun move took (still pending); the booking keeps its time and cells. */
  async abandonMove(booking: BookingRecord, move: BookingMove) {
    validateCells(move.cells, { max: MAX_MOVE_CELLS });
    this.free(booking, splitCells(booking.cells, move.cells).added, (cell) => cell.status === 'pending');
    this.moves.delete(keyOf(booking));
  }

  async relocate(booking: BookingRecord, to: MoveTimes, at: string) {
    assertNewStart(booking, to.startMs);
    const moved = movedRecord(booking, to, [], rescheduled(booking, to, at, 'owner'));
    return this.finishMove(
      booking,
      moved,
      booking.cells ?? [],
      () => true,
      () => undefined,
    );
  }

  /**
   * The move's "transaction" (new key free or this booking's own tombstone, old one confirmed, `cellsOk`), which
   * leaves the old record as a moved tombstone; or, refused because it already happened, the stored moved record. Then
   * the old-only cells still naming the old item are freed.
   */
  private finishMove(
    booking: BookingRecord,
    moved: BookingRecord,
    dropped: number[],
    cellsOk: () => boolean,
    apply: () => void,
  ) {
    const [oldKey, newKey] = [keyOf(booking), keyOf(moved)];
    const [old, target] = [this.bookings.get(oldKey), this.bookings.get(newKey)];
    const ownTombstone = target?.status === 'moved' && target.bookingId === booking.bookingId;
    let result: BookingRecord;
    if ((!target || ownTombstone) && old?.status === 'confirmed' && cellsOk()) {
      apply();
      Object.assign(old, { status: 'moved', movedTo: bookingSk(moved.startMs, moved.bookingId) });
      this.moves.delete(oldKey);
      this.bookings.set(newKey, structuredClone(moved));
      result = structuredClone(moved);
    } else {
      if (target?.bookingId !== booking.bookingId || ownTombstone) {
        throw new ConcurrencyError('Booking changed since it was read');
      }
      result = snapshot(target);
    }
    this.free(booking, dropped, (cell) => cell.bookingKey === oldKey);
    return result;
  }

  async takeCallerQuota(managerId: string, callerKey: string, day: string, cap: number, _nowMs: number) {
    const { pk } = quotaKey(managerId, callerKey, day);
    const count = this.counters.get(pk);
    if (!(cap > 0) || (count !== undefined && count >= cap)) return false;
    this.counters.set(pk, (count ?? 0) + 1);
    return true;
  }

  async returnCallerQuota(managerId: string, callerKey: string, day: string) {
    const { pk } = quotaKey(managerId, callerKey, day);
    const count = this.counters.get(pk) ?? 0;
    if (count > 0) this.counters.set(pk, count - 1);
  }

  async addWrongCode(callId: string, _nowMs: number) {
    const { pk } = wrongCodesKey(callId);
    this.counters.set(pk, (this.counters.get(pk) ?? 0) + 1);
    return this.counters.get(pk)!;
  }

  async wrongCodes(callId: string) {
    return this.counters.get(wrongCodesKey(callId).pk) ?? 0;
  }

  /**
   * The booking holding a cell; a lapsed lease or hold holds nothing; a confirmed lock with no item or a moved
   * tombstone is deleted.
   */
  async holderOf(managerId: string, cell: number) {
    const held = this.cell(managerId, cell);
    if (!held || (leased(held) && held.leaseUntil! < this.clock())) return undefined;
    const booking = this.bookings.get(held.bookingKey);
    if (booking && booking.status !== 'moved') return snapshot(booking);
    // A live pending lock with no item (or a tombstone) is a begun move's cell: its item comes with completeMove.
    if (!leased(held)) this.cells.delete(cellKey(managerId, cell));
    return undefined;
  }

  /** Records (tombstones too) starting in [fromMs, toMs), in the table's order (UTC start, then booking id). */
  async listByManager(managerId: string, fromMs: number, toMs: number) {
    return [...this.bookings.values()]
      .filter((b) => b.managerId === managerId && b.startMs >= fromMs && b.startMs < toMs)
      .sort((a, b) => a.startMs - b.startMs || (a.bookingId < b.bookingId ? -1 : 1))
      .map(snapshot);
  }

  /** Holds and confirmed bookings whose event `seen` does not show, with BusyRecord's fields only (as DynamoDB). */
  async listBusy(managerId: string, fromMs: number, toMs: number, seen: SeenEvents): Promise<BusyRecord[]> {
    const since = (b: BookingRecord) =>
      seen.readAtMs !== undefined && (b.createdAt >= new Date(seen.readAtMs).toISOString() || (b.revision ?? 0) > 1);
    const shown = (b: BookingRecord) =>
      b.connectionId !== undefined &&
      seen.connectionIds.includes(b.connectionId) &&
      !b.eventId?.startsWith(seen.exceptPrefix) &&
      !since(b);
    const busy = (b: BookingRecord) => b.status === 'held' || (b.status === 'confirmed' && !shown(b));
    return (await this.listByManager(managerId, fromMs, toMs))
      .filter(busy)
      .map(
        (b) => Object.fromEntries(BUSY_FIELDS.filter((f) => b[f] !== undefined).map((f) => [f, b[f]])) as BusyRecord,
      );
  }

  /** Records with dueAtMs <= untilMs, oldest first (by due time, then key), at most `limit`. */
  async listDue(untilMs: number, limit: number) {
    return [...this.bookings.values()]
      .filter((b) => b.dueAtMs !== undefined && b.dueAtMs <= untilMs)
      .sort((a, b) => a.dueAtMs! - b.dueAtMs! || (keyOf(a) < keyOf(b) ? -1 : 1))
      .slice(0, Math.max(0, limit))
      .map((b) => ({ ...snapshot(b), dueAtMs: b.dueAtMs }));
  }

  /** ConcurrencyError unless pending; records `told` (and the event) and keeps it and its cells leased until then. */
  async markUnsettled(booking: BookingRecord, cells: number[], note: UnsettledNote) {
    const stored = this.bookings.get(keyOf(booking));
    const mine = cells.map((c) => this.cell(booking.managerId, c));
    const ours = mine.every((cell) => cell?.bookingId === booking.bookingId && cell.status === 'pending');
    if (stored?.status !== 'pending' || !ours) throw new ConcurrencyError('The booking is no longer pending');
    for (const cell of mine) cell!.leaseUntil = note.untilMs;
    Object.assign(stored, { told: note.told, dueAtMs: note.dueAtMs }, note.eventId ? { eventId: note.eventId } : {});
  }

  /** ConcurrencyError unless pending and not told booked; cancelled, cells freed, unit given back, due at the retry. */
  async voidPending(booking: BookingRecord, cells: number[], note: VoidNote) {
    const stored = this.bookings.get(keyOf(booking));
    if (stored?.status !== 'pending' || stored.told === 'booked')
      throw new ConcurrencyError('The booking is no longer voidable');
    Object.assign(stored, { status: 'cancelled', dueAtMs: note.retryAtMs });
    if (note.eventId) stored.eventId = note.eventId;
    stored.history = [...(stored.history ?? []), structuredClone(note.entry)];
    delete stored.told;
    this.free(booking, cells, (cell) => cell.status === 'pending');
    this.uncountCall(stored);
  }

  /** Off the due-list unless pending or held. */
  async clearDue(booking: BookingRecord) {
    const stored = this.bookings.get(keyOf(booking));
    if (stored && stored.status !== 'pending' && stored.status !== 'held') offDueList(stored);
  }

  /** Due at toMs, only if still due at fromMs. */
  async postponeDue(booking: BookingRecord, fromMs: number, toMs: number) {
    const stored = this.bookings.get(keyOf(booking));
    if (stored?.dueAtMs === fromMs) stored.dueAtMs = toMs;
  }

  private cell(managerId: string, cell: number): Cell | undefined {
    return this.cells.get(cellKey(managerId, cell));
  }

  /** Deletes each of `cells` this booking holds and `also` allows (Dynamo's conditional deletes). */
  private free(booking: BookingRecord, cells: readonly number[], also: (cell: Cell) => boolean) {
    for (const c of cells) {
      const cell = this.cell(booking.managerId, c);
      if (cell?.bookingId === booking.bookingId && also(cell)) this.cells.delete(cellKey(booking.managerId, c));
    }
  }
}

const cellKey = (managerId: string, cell: number) => `${managerId}#${cell}`;
/** Settled: nothing left for the keeper (Dynamo REMOVEs dueShard, dueAtMs and told). */
const offDueList = (stored: StoredBooking) => {
  delete stored.dueAtMs;
  delete stored.told;
};
const ttlOf = (nowMs: number | undefined) => (nowMs === undefined ? undefined : epochSeconds(nowMs) + RECORD_TTL_S);
