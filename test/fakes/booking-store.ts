/**
 * In-memory BookingStore with the DynamoBookingStore's invariants (test/contracts/ runs the same suite on both):
 * leases, ownership-conditioned confirm/release/retire, holder ids on SlotTakenError, tool-call leases and ttl.
 */
import { epochSeconds, validateCells } from '../../functions/adapters/dynamo/booking-keys';
import { ConcurrencyError, SlotTakenError, ValidationError } from '../../functions/domain/errors';
import type { BookingRecord, BookingStore, Clock, StoredToolAnswer, ToolCallClaim } from '../../functions/domain/ports';

type Cell = {
  bookingKey: string;
  bookingId: string;
  toolCallId: string;
  callId?: string;
  status: 'pending' | 'confirmed';
  leaseUntil?: number;
};
/** claimedAt/ttlS are undefined when a test claims without a time: such a record never lapses. */
type Call = { state: 'in_progress' | 'done'; claimedAt?: number; ttlS?: number; answer?: StoredToolAnswer };

export interface MemoryBookingStoreOptions {
  /** Decides whether a pending lease has lapsed in holderOf. Default: leases never lapse there (frozen test clocks). */
  clock?: Clock;
  /** How long an unfinished tool-call claim blocks a redelivery (default 30 s, as DynamoBookingStore). */
  toolCallLeaseMs?: number;
}

const RECORD_TTL_S = 86_400;
const keyOf = (b: Pick<BookingRecord, 'managerId' | 'startMs' | 'bookingId'>) =>
  `${b.managerId}#${b.startMs}#${b.bookingId}`;

export class MemoryBookingStore implements BookingStore {
  /** Bookings by manager, start and id (the Dynamo item key). */
  readonly bookings = new Map<string, BookingRecord>();
  readonly cells = new Map<string, Cell>();
  readonly calls = new Map<string, Call>();
  private readonly clock: Clock;
  private readonly leaseMs: number;

  constructor(opts: MemoryBookingStoreOptions = {}) {
    this.clock = opts.clock ?? (() => Number.NEGATIVE_INFINITY);
    this.leaseMs = opts.toolCallLeaseMs ?? 30_000;
  }

  async claimToolCall(toolCallId: string, nowMs?: number): Promise<ToolCallClaim> {
    const existing = this.calls.get(toolCallId);
    const now = nowMs ?? Number.NEGATIVE_INFINITY;
    const expired = existing?.ttlS !== undefined && existing.ttlS < Math.floor(now / 1000);
    const claimedAt = existing?.state === 'in_progress' ? existing.claimedAt : undefined;
    const stale = claimedAt !== undefined && claimedAt < now - this.leaseMs;
    if (!existing || expired || stale) {
      this.calls.set(toolCallId, { state: 'in_progress', claimedAt: nowMs, ttlS: ttlOf(nowMs) });
      return { claimed: true };
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

  async reserve(booking: BookingRecord, cells: number[], leaseUntilMs: number, nowMs: number) {
    validateCells(cells);
    if (!(leaseUntilMs > nowMs)) throw new ValidationError('The lease must end after now', 'lease');
    const held = cells.find((c) => {
      const cell = this.cells.get(cellKey(booking.managerId, c));
      return cell && !(cell.status === 'pending' && cell.leaseUntil! < nowMs);
    });
    if (held !== undefined) {
      const holder = this.cells.get(cellKey(booking.managerId, held))!;
      const taken = new SlotTakenError('Slot already taken', holder.toolCallId, holder.callId);
      taken.holderCell = held;
      throw taken;
    }
    const key = keyOf(booking);
    if (this.bookings.has(key)) throw new SlotTakenError();
    const { bookingId, toolCallId, callId } = booking;
    for (const c of cells) {
      const lock = { bookingKey: key, bookingId, toolCallId, callId, leaseUntil: leaseUntilMs };
      this.cells.set(cellKey(booking.managerId, c), { ...lock, status: 'pending' });
    }
    this.bookings.set(key, { ...structuredClone(booking), status: 'pending' });
  }

  /** Throws ConcurrencyError, changing nothing, if a cell or the booking is no longer this booking's to confirm. */
  async confirm(booking: BookingRecord, cells: number[], eventId: string) {
    validateCells(cells);
    const stored = this.bookings.get(keyOf(booking));
    const mine = cells.map((c) => this.cells.get(cellKey(booking.managerId, c)));
    const ours = mine.every((cell) => cell?.bookingId === booking.bookingId);
    // Pending, or already confirmed with this same event (a replayed confirm is a no-op, not an error).
    const confirmable = stored?.status === 'pending' || (stored?.status === 'confirmed' && stored.eventId === eventId);
    if (!stored || !ours || !confirmable) throw new ConcurrencyError('Booking no longer holds its slot');
    for (const cell of mine) Object.assign(cell!, { status: 'confirmed', leaseUntil: undefined });
    Object.assign(stored, { status: 'confirmed', eventId });
  }

  /** Deletes what this pending booking still holds; cells taken over by others and confirmed bookings stay. */
  async release(booking: BookingRecord, cells: number[]) {
    validateCells(cells);
    for (const key of cells.map((c) => cellKey(booking.managerId, c))) {
      const cell = this.cells.get(key);
      if (cell?.bookingId === booking.bookingId && cell.status === 'pending') this.cells.delete(key);
    }
    if (this.bookings.get(keyOf(booking))?.status === 'pending') this.bookings.delete(keyOf(booking));
  }

  /** Cancels a confirmed (or cancelled) booking and frees the cells it still holds; a pending one is left alone. */
  async retire(booking: BookingRecord, cells: number[]) {
    validateCells(cells);
    const stored = this.bookings.get(keyOf(booking));
    if (stored?.status !== 'confirmed' && stored?.status !== 'cancelled') return;
    stored.status = 'cancelled';
    for (const key of cells.map((c) => cellKey(booking.managerId, c))) {
      if (this.cells.get(key)?.bookingId === booking.bookingId) this.cells.delete(key);
    }
  }

  /** The booking holding a cell; a pending cell whose lease has lapsed holds nothing. */
  async holderOf(managerId: string, cell: number) {
    const held = this.cells.get(cellKey(managerId, cell));
    if (!held || (held.status === 'pending' && held.leaseUntil! < this.clock())) return undefined;
    const booking = this.bookings.get(held.bookingKey);
    return booking ? structuredClone(booking) : undefined;
  }

  /** Bookings starting in [fromMs, toMs), in the table's order (UTC start, then booking id). */
  async listByManager(managerId: string, fromMs: number, toMs: number) {
    return [...this.bookings.values()]
      .filter((b) => b.managerId === managerId && b.startMs >= fromMs && b.startMs < toMs)
      .sort((a, b) => a.startMs - b.startMs || (a.bookingId < b.bookingId ? -1 : 1))
      .map((b) => structuredClone(b));
  }
}

const cellKey = (managerId: string, cell: number) => `${managerId}#${cell}`;
const ttlOf = (nowMs: number | undefined) => (nowMs === undefined ? undefined : epochSeconds(nowMs) + RECORD_TTL_S);
