/**
 * An in-memory BusyCache with DynamoBusyCache's rules: entries go through the same compact encoding (so what comes
 * back is what the adapter gives back), a spent slot is never overwritten, and the size bound refuses a put.
 */
import { decodeEntries, encodeEntries } from '../../functions/adapters/dynamo/busy-encoding';
import type { BusyCache, CachedBusy, PrefetchedBusy } from '../../functions/domain/ports';

type Slot = { kind: 'spent' } | { kind: 'busy'; busy: Omit<PrefetchedBusy, 'entries'>; entries: Buffer };

export class MemoryBusyCache implements BusyCache {
  readonly slots = new Map<string, Slot>();
  gets = 0;
  puts = 0;
  /** get() rejects with this when set. */
  failGet?: Error;

  async get(callId: string): Promise<CachedBusy> {
    this.gets++;
    if (this.failGet) throw this.failGet;
    const slot = this.slots.get(callId);
    if (!slot) return undefined;
    if (slot.kind === 'spent') return 'spent';
    const entries = decodeEntries(slot.entries);
    return entries && { ...structuredClone(slot.busy), entries };
  }

  async put(callId: string, busy: PrefetchedBusy): Promise<boolean> {
    this.puts++;
    const entries = encodeEntries(busy.entries);
    if (!entries || this.slots.get(callId)?.kind === 'spent') return false;
    const { entries: _entries, ...rest } = busy;
    this.slots.set(callId, { kind: 'busy', busy: structuredClone(rest), entries });
    return true;
  }

  async spend(callId: string): Promise<void> {
    this.slots.set(callId, { kind: 'spent' });
  }
}
