/** The short-lived cache of a call's prefetched busy time (call-start prefetch; see scheduling/busy-prefetch.ts). */
import type { CalendarEntry, Interval } from '../types';

/**
 * The provider entries of one manager's counted calendars over `range`, as read at `fetchedAtMs`. Only what the
 * availability engine reads of an entry is kept (times, availability, cancelled, all-day dates).
 */
export interface PrefetchedBusy {
  managerId: string;
  fetchedAtMs: number;
  range: Interval;
  /** `<connectionId> <calendarId>` of every calendar read, in order: a changed set of calendars is a miss. */
  calendars: string[];
  entries: CalendarEntry[];
}

/** What a call's cache slot holds: its prefetched busy time, `spent` once the call wrote, or nothing readable. */
export type CachedBusy = PrefetchedBusy | 'spent' | undefined;

/** One item per call. Freshness is the domain's check (the adapter's TTL only collects garbage). */
export interface BusyCache {
  /** The call's slot; undefined when missing or garbled (never throws for a garbled item). */
  get(callId: string): Promise<CachedBusy>;
  /**
   * Stores the call's busy time unless the call already wrote (`spent`); false when refused, or when the entries
   * exceed the adapter's size bound (nothing is stored then).
   */
  put(callId: string, busy: PrefetchedBusy, nowMs: number): Promise<boolean>;
  /** Marks the call's slot spent (its own booking, hold, move or cancel): nothing is served from it again. */
  spend(callId: string, nowMs: number): Promise<void>;
}
