/** In-memory ports with the same invariants as the DynamoDB adapters, for fast use-case tests. */
import { ConcurrencyError, SlotTakenError } from '../../functions/domain/errors';
import type {
  BookingRecord, BookingStore, ConnectionStore, ManagerConnection, StoredToolAnswer, ToolCallClaim,
} from '../../functions/domain/ports';
import type { WorkingSchedule } from '../../functions/domain/types';

export class MemoryConnectionStore implements ConnectionStore {
  readonly items = new Map<string, ManagerConnection>();
  async get(managerId: string) { const c = this.items.get(managerId); return c ? structuredClone(c) : undefined; }
  async put(connection: ManagerConnection) { this.items.set(connection.managerId, structuredClone(connection)); }
  async updateTokenCache(managerId: string, sealedCache: string, expectedVersion: number) {
    const c = this.items.get(managerId);
    if (!c || c.version !== expectedVersion) throw new ConcurrencyError();
    c.tokenCache = sealedCache;
    return ++c.version;
  }
  async markNeedsReconnect(managerId: string) { const c = this.items.get(managerId); if (c) c.needsReconnect = true; }
  async touch(managerId: string, at: string) { const c = this.items.get(managerId); if (c) c.lastUsedAt = at; }
  async updateSchedule(managerId: string, timeZone: string, working: WorkingSchedule | undefined, checkedAt: string) {
    const c = this.items.get(managerId);
    if (c) Object.assign(c, { timeZone, working, mailboxCheckedAt: checkedAt });
  }
}

type Cell = { bookingId: string; status: 'pending' | 'confirmed'; leaseUntil: number };

export class MemoryBookingStore implements BookingStore {
  readonly bookings = new Map<string, BookingRecord>();
  readonly cells = new Map<string, Cell>();
  readonly calls = new Map<string, { answer?: StoredToolAnswer }>();
  async claimToolCall(toolCallId: string): Promise<ToolCallClaim> {
    const existing = this.calls.get(toolCallId);
    if (!existing) { this.calls.set(toolCallId, {}); return { claimed: true }; }
    return existing.answer ? { claimed: false, state: 'done', answer: existing.answer } : { claimed: false, state: 'in_progress' };
  }
  async completeToolCall(toolCallId: string, answer: StoredToolAnswer) { this.calls.set(toolCallId, { answer }); }
  async releaseToolCall(toolCallId: string) { this.calls.delete(toolCallId); }
  async reserve(booking: BookingRecord, cells: number[], leaseUntilMs: number, nowMs: number) {
    const keys = cells.map((c) => `${booking.managerId}#${c}`);
    const heldAt = keys.findIndex((k) => { const c = this.cells.get(k); return c && !(c.status === 'pending' && c.leaseUntil < nowMs); });
    if (heldAt >= 0) {
      const taken = new SlotTakenError();
      taken.holderCell = cells[heldAt];
      throw taken;
    }
    for (const k of keys) this.cells.set(k, { bookingId: booking.bookingId, status: 'pending', leaseUntil: leaseUntilMs });
    this.bookings.set(booking.bookingId, structuredClone(booking));
  }
  async confirm(booking: BookingRecord, cells: number[], eventId: string) {
    for (const c of cells) this.cells.get(`${booking.managerId}#${c}`)!.status = 'confirmed';
    Object.assign(this.bookings.get(booking.bookingId)!, { status: 'confirmed', eventId });
  }
  async release(booking: BookingRecord, cells: number[]) {
    for (const c of cells) {
      const key = `${booking.managerId}#${c}`;
      if (this.cells.get(key)?.bookingId === booking.bookingId) this.cells.delete(key);
    }
    this.bookings.delete(booking.bookingId);
  }
  async retire(booking: BookingRecord, cells: number[]) {
    const stored = this.bookings.get(booking.bookingId);
    if (stored?.status !== 'confirmed' && stored?.status !== 'cancelled') return;
    stored.status = 'cancelled';
    for (const c of cells) {
      const key = `${booking.managerId}#${c}`;
      if (this.cells.get(key)?.bookingId === booking.bookingId) this.cells.delete(key);
    }
  }
  async holderOf(managerId: string, cell: number) {
    const held = this.cells.get(`${managerId}#${cell}`);
    return held ? structuredClone(this.bookings.get(held.bookingId)) : undefined;
  }
  async listByManager(managerId: string, fromMs: number, toMs: number) {
    return [...this.bookings.values()].filter((b) => b.managerId === managerId && b.startMs >= fromMs && b.startMs < toMs);
  }
}
