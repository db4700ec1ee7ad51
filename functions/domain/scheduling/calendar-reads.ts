/**
 * Reading a manager's busy time for one tool call: every counted calendar in parallel under the one deadline, plus
 * bookings recorded without a calendar event (manual mode), plus a refresh of stale owner settings alongside.
 */
import { errorFields, ProviderUnavailableError, ReconnectRequiredError } from '../errors';
import type { BookingRecord, BusyRecord, CalendarConnection, Deadline } from '../ports';
import type { AvailabilityRules, CalendarEntry, Interval } from '../types';
import { type BusyCalendar, type ManagerCalendar, type ManagerCalendarDeps, rulesFor } from './manager-calendar';
import { isLive } from './call-holds';
import { refreshIfStale } from './schedule-refresh';

/** Event ids of bookings recorded without a calendar (manual mode) start with this. */
export const MANUAL_EVENT_PREFIX = 'manual-';

/** What a tool call read already: a prefetch's entries (and when they were read), or the manager's records. */
interface Known {
  prefetched?: { entries: CalendarEntry[]; readAtMs: number };
  listed?: Promise<readonly BookingRecord[]>;
}

/**
 * The entries overlapping `range` across the manager's counted calendars, manual bookings and other calls' live holds,
 * and the rules for this call. A calendar that fails makes the whole read fail (logged): an offer that ignored it
 * could be a double booking. `callId` is the asking call: its own holds do not block it. `known`: what this call has
 * read already: `prefetched` stands in for the calendars' entries over `range` (a fresh call-start prefetch: no
 * provider read then); `listed` for the manager's records over a span covering the range's (a booking reads them
 * beside its tool-call claim).
 */
export async function readCalendar(
  calendar: ManagerCalendar,
  range: Interval,
  deadline: Deadline,
  deps: ManagerCalendarDeps,
  callId?: string,
  known: Known = {},
): Promise<{ entries: CalendarEntry[]; rules: AvailabilityRules }> {
  const refreshed = refreshIfStale(calendar, deadline, deps);
  const { prefetched } = known;
  const reads = prefetched
    ? [Promise.resolve(prefetched.entries)]
    : calendar.busy.map((busy) => readOne(calendar.managerId, busy, range, deadline, deps));
  reads.push(recordedBusy(calendar, range, deps, callId, known.listed, prefetched?.readAtMs));
  const entries = (await Promise.all(reads)).flat();
  const schedule = await refreshed;
  return { entries, rules: schedule ? rulesFor(schedule, deps.defaults, calendar.settings, deps.log) : calendar.rules };
}

/**
 * Only the calendars' entries over `range` (what a call-start prefetch keeps), refreshing stale owner settings
 * alongside as readCalendar does, so the call's later read finds them fresh and asks the provider nothing.
 */
export async function readProviderBusy(
  calendar: ManagerCalendar,
  range: Interval,
  deadline: Deadline,
  deps: ManagerCalendarDeps,
): Promise<CalendarEntry[]> {
  const refreshed = refreshIfStale(calendar, deadline, deps);
  const reads = calendar.busy.map((busy) => readOne(calendar.managerId, busy, range, deadline, deps));
  const entries = (await Promise.all(reads)).flat();
  await refreshed;
  return entries;
}

async function readOne(
  managerId: string,
  { connection, provider, calendarId }: BusyCalendar,
  range: Interval,
  deadline: Deadline,
  deps: ManagerCalendarDeps,
): Promise<CalendarEntry[]> {
  try {
    return await withReconnectFlag(managerId, connection, deps, () =>
      provider.listEntries(calendarId, range, deadline),
    );
  } catch (error) {
    const where = { managerId, connectionId: connection.connectionId, calendarId, ...errorFields(error) };
    deps.log?.warn('a calendar could not be read; nothing is offered that could be wrong', where);
    if (error instanceof ReconnectRequiredError) throw error;
    throw error instanceof ProviderUnavailableError
      ? error
      : new ProviderUnavailableError('Calendar read failed', { cause: error });
  }
}

/**
 * Busy time only our records know: confirmed bookings whose event no calendar read here shows (made in manual mode,
 * or in an account since disconnected; in manual mode, every one), and the live holds of other calls (a hold is in no
 * calendar; while it lasts the slot is taken for everyone else).
 */
async function recordedBusy(
  calendar: ManagerCalendar,
  range: Interval,
  deps: ManagerCalendarDeps,
  callId: string | undefined,
  listed: Promise<readonly BookingRecord[]> | undefined,
  readAtMs: number | undefined,
): Promise<CalendarEntry[]> {
  const from = range.start - 86_400_000;
  const read = new Set(calendar.busy.map((b) => b.connection.connectionId));
  const seen = { connectionIds: [...read], exceptPrefix: MANUAL_EVENT_PREFIX, readAtMs };
  const bookings: readonly BusyRecord[] = listed
    ? (await listed).filter((b) => b.startMs >= from && b.startMs < range.end)
    : await deps.bookings.listBusy(calendar.managerId, from, range.end, seen);
  const now = deps.clock();
  // Calendars read earlier (a prefetch) may miss a booking made or moved since: its record counts instead.
  const sinceRead = (b: BusyRecord) =>
    readAtMs !== undefined && (Date.parse(b.createdAt) >= readAtMs || (b.revision ?? 1) > 1);
  const unseen = (b: BusyRecord) =>
    calendar.mode === 'manual' ||
    Boolean(b.eventId?.startsWith(MANUAL_EVENT_PREFIX)) ||
    (b.connectionId !== undefined && !read.has(b.connectionId)) ||
    sinceRead(b);
  const recordedOnly = (b: BusyRecord) => b.status === 'confirmed' && unseen(b);
  const othersHold = (b: BusyRecord) => isLive(b, now) && b.callId !== callId;
  return bookings
    .filter((b) => (recordedOnly(b) || othersHold(b)) && b.endMs > range.start)
    .map((b) => ({
      id: b.eventId,
      start: b.startMs,
      end: b.endMs,
      availability: 'busy' as const,
      isCancelled: false,
      isAllDay: false,
      bookingKey: b.bookingKey,
    }));
}

/** Runs `work`; a revoked grant flags that connection so the manager can be told to reconnect. */
export async function withReconnectFlag<T>(
  managerId: string,
  connection: CalendarConnection,
  deps: Pick<ManagerCalendarDeps, 'connections' | 'clock' | 'metrics'>,
  work: () => Promise<T>,
): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof ReconnectRequiredError) {
      const at = new Date(deps.clock()).toISOString();
      const marked = await deps.connections.markNeedsReconnect(managerId, connection.connectionId, at).then(
        () => true,
        () => false,
      );
      // By provider only: the manager's id or address would make a metric per manager.
      if (marked) deps.metrics?.count('ReconnectRequired', { provider: connection.provider });
    }
    throw error;
  }
}
