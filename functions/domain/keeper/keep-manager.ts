/**
 * The keeper's work on one manager it holds the lease of: redeem the refresh token of every connection idle past the
 * idle period, re-read the owner's schedule when it is out of date, and flag a grant that is gone for reconnect.
 */
import { errorFields, ReconnectRequiredError } from '../errors';
import type { Deadline, ManagerConnections } from '../ports';
import { withReconnectFlag } from '../scheduling/calendar-reads';
import { type ConnectionWork, dueWork, nextDueMs } from './keeper-due';
import type { KeeperDeps } from './keeper-deps';

/** How one manager's look ended, most telling first: a lost grant, a failure, a refresh, a schedule read, nothing. */
export type ManagerOutcome = 'needs_reconnect' | 'failed' | 'refreshed' | 'schedule_read' | 'nothing_due' | 'gone';

/** What the keeper did for one manager, and when it is due next (undefined: nothing left to keep). */
export interface ManagerResult {
  outcome: ManagerOutcome;
  refreshed: number;
  schedulesRead: number;
  reconnect: number;
  failed: number;
  nextDueMs: number | undefined;
  error?: ReturnType<typeof errorFields>;
}

/** After a failure that may pass (the provider did not answer), the manager is looked at again after this long. */
export const RETRY_AFTER_MS = 3_600_000;

/** Keeps one manager's connections; never throws for a provider's answer (a failed store read does throw). */
export async function keepManager(managerId: string, deps: KeeperDeps, deadline: Deadline): Promise<ManagerResult> {
  const result: ManagerResult = {
    outcome: 'nothing_due',
    refreshed: 0,
    schedulesRead: 0,
    reconnect: 0,
    failed: 0,
    nextDueMs: undefined,
  };
  const record = await deps.connections.get(managerId);
  if (!record) return { ...result, outcome: 'gone' };
  const policy = { idleMs: deps.idleMs, scheduleRefreshMs: deps.scheduleRefreshMs };
  // One connection after another: a run is bounded by its batch, and one account's failure must not hide another's.
  for (const work of dueWork(record, policy, deps.clock())) {
    try {
      await keepConnection(managerId, work, deps, deadline, result);
    } catch (error) {
      if (error instanceof ReconnectRequiredError) {
        work.connection.needsReconnect = true;
        result.reconnect++;
      } else result.failed++;
      result.error ??= { ...errorFields(error) };
    }
  }
  result.outcome = outcomeOf(result);
  result.nextDueMs = dueAgain(record, deps, result);
  return result;
}

async function keepConnection(
  managerId: string,
  { connection, refresh, schedule }: ConnectionWork,
  deps: KeeperDeps,
  deadline: Deadline,
  result: ManagerResult,
): Promise<void> {
  // One provider per connection and run: the schedule read after a refresh reuses the access token it brought.
  const provider = deps.calendars.open(managerId, connection);
  await withReconnectFlag(managerId, connection, deps, async () => {
    if (refresh) {
      await provider.keepAlive(deadline);
      const at = now(deps);
      await deps.keeper.recordRefresh(managerId, connection.connectionId, at);
      connection.lastRefreshedAt = at;
      result.refreshed++;
    }
    if (schedule) {
      const owner = await provider.getOwnerSchedule(deadline);
      const at = now(deps);
      await deps.connections.updateSchedule(managerId, connection.connectionId, owner, at);
      connection.scheduleCheckedAt = at;
      result.schedulesRead++;
    }
  });
}

function outcomeOf(result: ManagerResult): ManagerOutcome {
  if (result.reconnect) return 'needs_reconnect';
  if (result.failed) return 'failed';
  if (result.refreshed) return 'refreshed';
  return result.schedulesRead ? 'schedule_read' : 'nothing_due';
}

/** The next due time from what is now known; after a passing failure, not before the retry delay. */
function dueAgain(record: ManagerConnections, deps: KeeperDeps, result: ManagerResult): number | undefined {
  const next = nextDueMs(record, { idleMs: deps.idleMs, scheduleRefreshMs: deps.scheduleRefreshMs });
  if (next === undefined || !result.failed) return next;
  return Math.max(next, deps.clock() + RETRY_AFTER_MS);
}

const now = (deps: KeeperDeps): string => new Date(deps.clock()).toISOString();
