/**
 * Call-start prefetch: when a call starts (status-update "in-progress", or assistant-request), the manager's busy
 * time is read once and kept for PREFETCH_FRESH_MS, so the call's first get_availability asks no provider. Only the
 * calendars' entries are kept: the rules, the manual bookings and other calls' holds are still read live by
 * readCalendar, so an answer from the cache is the answer a live read gives. Bookings never read the cache.
 */
import { searchRange } from '../availability';
import { errorFields } from '../errors';
import type { BusyCache, CachedBusy, Deadline, Log, PrefetchedBusy } from '../ports';
import type { AvailabilityRules, CalendarEntry, Interval } from '../types';
import type { CallContext } from '../vapi/message';
import { readProviderBusy } from './calendar-reads';
import { type ManagerCalendar, type ManagerCalendarDeps, openManagerCalendar } from './manager-calendar';
import { type CallRouting, managerForCall } from './routing';

/** How old a prefetch may be and still answer (the bound: ≤ 60 s). */
export const PREFETCH_FRESH_MS = 60_000;
/** A fetch time this far ahead of our clock still counts (clocks of two containers differ by milliseconds). */
const CLOCK_SKEW_MS = 1_000;
/** How far before its fetch time a prefetch may already miss a booking: the clock skew plus the provider's lag. */
const READ_LAG_MS = CLOCK_SKEW_MS + 5_000;
/** Time a prefetch may take before the call-start message is answered: assistant-request has a fixed 7.5 s. */
export const PREFETCH_BUDGET_MS = 3_000;
/** The tools that write for a call: each marks the call's prefetch spent, so its next read is live. */
export const PREFETCH_SPENDING_TOOLS: readonly string[] = [
  'set_appointment',
  'hold_slot',
  'reschedule_appointment',
  'cancel_appointment',
];

export interface PrefetchDeps extends ManagerCalendarDeps {
  routing: CallRouting;
  /** Absent when BUSY_PREFETCH=off: nothing is prefetched, and every read is live. */
  busyCache?: BusyCache;
}

/** `<connectionId> <calendarId>` of every calendar a read of this manager asks. */
export function calendarsRead(calendar: ManagerCalendar): string[] {
  return calendar.busy.map((b) => `${b.connection.connectionId} ${b.calendarId}`);
}

/** The range a prefetch reads: every search range of the next PREFETCH_FRESH_MS (local midnight may pass). */
export function prefetchRange(rules: AvailabilityRules, now: number): Interval {
  const first = searchRange({ rules, now });
  const last = searchRange({ rules, now: now + PREFETCH_FRESH_MS });
  return { start: Math.min(first.start, last.start), end: Math.max(first.end, last.end) };
}

/** Only what the availability engine reads of an entry (ids and booking keys stay with the provider). */
export function essentials(entry: CalendarEntry): CalendarEntry {
  const { start, end, availability, isCancelled, isAllDay, allDay } = entry;
  return { start, end, availability, isCancelled, isAllDay, ...(allDay ? { allDay: { ...allDay } } : {}) };
}

/**
 * The cached entries standing for a live read of `calendar` over `range` at `now`, or undefined (missing, spent,
 * older than PREFETCH_FRESH_MS, another manager, another set of calendars, or a range it does not cover).
 */
export function servedEntries(
  cached: CachedBusy,
  calendar: ManagerCalendar,
  range: Interval,
  now: number,
): { entries: CalendarEntry[]; readAtMs: number } | undefined {
  if (!cached || cached === 'spent' || calendar.mode !== 'calendar') return undefined;
  const age = now - cached.fetchedAtMs;
  if (!(age >= -CLOCK_SKEW_MS && age <= PREFETCH_FRESH_MS)) return undefined;
  if (cached.managerId !== calendar.managerId) return undefined;
  if (cached.calendars.join('\n') !== calendarsRead(calendar).join('\n')) return undefined;
  if (cached.range.start > range.start || cached.range.end < range.end) return undefined;
  // What the provider answers for `range`: the entries overlapping it. A booking made since it was read (on any
  // container's clock, and with the provider's own lag) is counted from our records instead (calendar-reads.ts).
  const entries = cached.entries.filter((e) => e.start < range.end && e.end > range.start);
  return { entries, readAtMs: cached.fetchedAtMs - READ_LAG_MS };
}

/** The call's cache slot, read alongside the manager's records; a failed read is a miss (logged). */
export function cachedBusyOf(callId: string | undefined, deps: { busyCache?: BusyCache; log?: Log }) {
  if (!deps.busyCache || !callId) return Promise.resolve<CachedBusy>(undefined);
  return deps.busyCache.get(callId).catch((error: unknown) => {
    deps.log?.warn('reading the call-start prefetch failed; reading the calendar', errorFields(error));
    return undefined;
  });
}

/** Why a call-start message prefetched nothing, or `stored`. */
export type PrefetchOutcome = 'stored' | 'off' | 'no-call' | 'not-routed' | 'manual' | 'already' | 'refused';

/**
 * Reads the call's manager's busy time and keeps it for the call. An assistant-request has no assistant yet, so it
 * prefetches only for a phone number with a route of its own (else the assistant's route may name another manager).
 */
export async function prefetchBusy(
  context: CallContext,
  trigger: 'status-update' | 'assistant-request',
  deps: PrefetchDeps,
  deadline: Deadline,
): Promise<PrefetchOutcome> {
  const { busyCache } = deps;
  if (!busyCache) return 'off';
  const { callId, phoneNumberId } = context;
  if (!callId) return 'no-call';
  if (trigger === 'assistant-request' && !(phoneNumberId && Object.hasOwn(deps.routing.routes, phoneNumberId)))
    return 'not-routed';
  const managerId = managerForCall(context, deps.routing);
  const [calendar, existing] = await Promise.all([openManagerCalendar(managerId, deps), busyCache.get(callId)]);
  if (calendar.mode !== 'calendar') return 'manual';
  const now = deps.clock();
  // Both call-start messages may come: the second finds the first one's read still fresh.
  if (existing === 'spent' || servedEntries(existing, calendar, searchRange({ rules: calendar.rules, now }), now))
    return 'already';
  const range = prefetchRange(calendar.rules, now);
  const entries = await readProviderBusy(calendar, range, deadline, deps);
  // Fresh from when the read began: an entry made during it may be missing, as from a live read begun then.
  const busy: PrefetchedBusy = {
    managerId,
    fetchedAtMs: now,
    range,
    calendars: calendarsRead(calendar),
    entries: entries.map(essentials),
  };
  return (await busyCache.put(callId, busy, deps.clock())) ? 'stored' : 'refused';
}

/**
 * Runs one writing tool with the call's prefetch marked spent alongside (no added round trip on its path), so the
 * call's next get_availability reads live and sees what the write changed. A failed mark is logged, never thrown.
 */
export async function spendingPrefetch<T>(
  callId: string | undefined,
  deps: { busyCache?: BusyCache; clock: () => number; log?: Log },
  run: () => Promise<T>,
): Promise<T> {
  if (!deps.busyCache || !callId) return run();
  const spent = deps.busyCache
    .spend(callId, deps.clock())
    .catch((error: unknown) =>
      deps.log?.warn('marking the call-start prefetch spent failed; it lapses on its own', errorFields(error)),
    );
  try {
    return await run();
  } finally {
    await spent;
  }
}
