/**
 * Recording that a manager's calendar was used (ManagerConnections.lastUsedAt: the keeper's idle clock and the status
 * page's "last used"). It never runs on an answer's path, and at most every TOUCH_EVERY_MS: an update of the
 * connection item is billed for the whole item (~5 write units), and a minute's precision is all its readers need.
 */
import type { ManagerCalendar, ManagerCalendarDeps } from './manager-calendar';

/** Least time between two recorded uses of one manager's calendar. */
export const TOUCH_EVERY_MS = 10 * 60_000;

/** Records the use in the background when the last one recorded is older than TOUCH_EVERY_MS; never throws. */
export function noteCalendarUse(calendar: ManagerCalendar, deps: Pick<ManagerCalendarDeps, 'connections' | 'clock'>) {
  if (calendar.mode !== 'calendar') return;
  const now = deps.clock();
  // The item's one lastUsedAt, as each connection connected before it reports it.
  const last = Math.max(...(calendar.record?.connections ?? []).map((c) => Date.parse(c.lastUsedAt ?? '')));
  if (Number.isFinite(last) && now - last < TOUCH_EVERY_MS) return;
  void deps.connections.touch(calendar.managerId, new Date(now).toISOString()).catch(() => undefined);
}
