/**
 * When each connection of a manager needs the keeper: its refresh token once it has gone unused for the idle period,
 * and the owner's schedule (zone, hours) once it is older than the schedule refresh period. Pure arithmetic.
 */
import type { CalendarConnection, ManagerConnections } from '../ports';
import { scheduleConnection } from '../scheduling/manager-rules';

/** How long a grant may sit unused, and how old the owner's schedule may grow, before the keeper acts (ms). */
export interface KeeperPolicy {
  idleMs: number;
  scheduleRefreshMs: number;
}

/** What is due for one connection at a given time. */
export interface ConnectionWork {
  connection: CalendarConnection;
  refresh: boolean;
  schedule: boolean;
}

const ms = (iso: string | undefined): number => (iso === undefined ? Number.NaN : Date.parse(iso));

/**
 * When the connection's grant was last exercised: connected, refreshed by the keeper, or used by a call. The manager's
 * lastUsedAt counts only for a connection whose calendars a call reads (an account with every calendar ignored is
 * never touched by a call, so its tokens sit idle however busy the manager is).
 */
export function lastActiveMs(connection: CalendarConnection): number {
  const read = connection.calendars.some((calendar) => calendar.role !== 'ignore');
  const times = [connection.connectedAt, connection.lastRefreshedAt, read ? connection.lastUsedAt : undefined];
  const known = times.map(ms).filter(Number.isFinite);
  return known.length ? Math.max(...known) : 0;
}

/** When the connection's refresh token is due for a redemption. */
export function refreshDueMs(connection: CalendarConnection, policy: KeeperPolicy): number {
  return lastActiveMs(connection) + policy.idleMs;
}

/** When the owner's schedule read through this connection is due again (at once when never read). */
export function scheduleDueMs(connection: CalendarConnection, policy: KeeperPolicy): number {
  const checked = ms(connection.scheduleCheckedAt);
  return Number.isFinite(checked) ? checked + policy.scheduleRefreshMs : 0;
}

/** Connections that can still be kept (a grant already gone waits for the manager to reconnect). */
function live(record: ManagerConnections): CalendarConnection[] {
  return record.connections.filter((connection) => !connection.needsReconnect);
}

/** What is due at `nowMs`, per connection with anything due; only the schedule connection's schedule is read. */
export function dueWork(record: ManagerConnections, policy: KeeperPolicy, nowMs: number): ConnectionWork[] {
  const owner = scheduleConnection(record.connections);
  return live(record)
    .map((connection) => ({
      connection,
      refresh: refreshDueMs(connection, policy) <= nowMs,
      schedule: connection === owner && scheduleDueMs(connection, policy) <= nowMs,
    }))
    .filter((work) => work.refresh || work.schedule);
}

/** The earliest time anything of the record is due; undefined when nothing can be kept (the list then drops it). */
export function nextDueMs(record: ManagerConnections, policy: KeeperPolicy): number | undefined {
  const owner = scheduleConnection(record.connections);
  const times = live(record).flatMap((connection) => [
    refreshDueMs(connection, policy),
    ...(connection === owner ? [scheduleDueMs(connection, policy)] : []),
  ]);
  return times.length ? Math.min(...times) : undefined;
}
