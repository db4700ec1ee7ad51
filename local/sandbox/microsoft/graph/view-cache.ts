/**
 * calendarView's expanded windows, kept per query (calendar, window) and mailbox revision: the pages of one query
 * slice one expansion instead of expanding every series again for each page, so paging is linear in the events.
 */
import type { EventStore } from './event-store';
import { type Instance, instancesIn } from './instances';

/** Windows kept at once (the oldest goes first); a paging client needs only the one it is reading. */
const KEPT = 16;

export class ViewCache {
  private readonly windows = new Map<string, Instance[]>();
  /** Expansions done since start (a test asserts one per query). */
  expansions = 0;

  constructor(private readonly store: EventStore) {}

  /** The instances of `calendarId` overlapping [fromMs, toMs), expanded once per query and mailbox revision. */
  instances(calendarId: string, fromMs: number, toMs: number): readonly Instance[] {
    const key = `${this.store.revision}\n${calendarId}\n${fromMs}\n${toMs}`;
    const kept = this.windows.get(key);
    if (kept) return kept;
    this.expansions += 1;
    const expanded = instancesIn(this.store, fromMs, toMs, new Set([calendarId]));
    // A change makes every kept window stale: drop them rather than let them age out.
    for (const old of this.windows.keys()) if (!old.startsWith(`${this.store.revision}\n`)) this.windows.delete(old);
    if (this.windows.size >= KEPT) this.windows.delete(this.windows.keys().next().value as string);
    this.windows.set(key, expanded);
    return expanded;
  }
}
