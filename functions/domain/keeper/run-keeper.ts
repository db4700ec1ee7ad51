/**
 * One keeper run: settle the bookings left due (ambiguous creates, lapsed holds, stale pending locks), then keep the
 * managers due on the list, oldest first, each under a lease. Bounded by a batch size and a deadline; idempotent (a
 * second run finds nothing due) and safe to run twice at once (the lease lets one run work on a manager).
 */
import { errorFields } from '../errors';
import type { Deadline } from '../ports';
import { keepManager, type ManagerResult, RETRY_AFTER_MS } from './keep-manager';
import type { KeeperDeps } from './keeper-deps';
import { type SweepResult, sweepDueBookings } from './sweep-bookings';

/** What one run did, for its log line, `npm run keeper -- --once` and the scheduled function's result. */
export interface KeeperSummary {
  managers: {
    /** Due managers the list gave (at most the batch size). */
    due: number;
    refreshed: number;
    schedulesRead: number;
    needsReconnect: number;
    failed: number;
    /** Claimed by another run at the same time (or just done by it). */
    busy: number;
    /** Due but left for the next run: the time budget ran out. */
    left: number;
  };
  bookings: SweepResult;
  durationMs: number;
}

export interface KeeperRunOptions {
  /** Managers, and due bookings, taken per run at most (KEEPER_BATCH_SIZE). */
  batchSize: number;
  /** When the run must be done (KEEPER_BUDGET_SECONDS from its start). */
  deadline: Deadline;
}

/** A manager is not started with less time than this left: a token refresh and a schedule read must fit. */
const MIN_MANAGER_MS = 5_000;
/** A lease outlives the run's deadline by this much, so a run cut off mid-manager still blocks a second one. */
const LEASE_MARGIN_MS = 60_000;

const NO_SWEEP: SweepResult = { looked: 0, kept: 0, cancelled: 0, released: 0, left: 0 };

/** Runs the keeper once and returns what it did (also logged as one line). */
export async function runKeeper(deps: KeeperDeps, options: KeeperRunOptions): Promise<KeeperSummary> {
  const started = deps.clock();
  // The bookings first (a caller's belief is at stake), with half the budget, so managers always get the rest.
  const bookings = await sweep(deps, options.batchSize, { at: started + (options.deadline.at - started) / 2 });
  const managers = { due: 0, refreshed: 0, schedulesRead: 0, needsReconnect: 0, failed: 0, busy: 0, left: 0 };
  const due = await deps.keeper.due(deps.clock(), options.batchSize);
  managers.due = due.length;
  for (const managerId of due) {
    if (options.deadline.at - deps.clock() < MIN_MANAGER_MS) {
      managers.left++;
      continue;
    }
    const result = await keepLeased(managerId, deps, options.deadline);
    if (result === 'busy') {
      managers.busy++;
      deps.log.info('keeper: manager', { managerId, outcome: 'busy' });
      continue;
    }
    managers.refreshed += result.refreshed;
    managers.schedulesRead += result.schedulesRead;
    managers.needsReconnect += result.reconnect;
    managers.failed += result.failed;
    logManager(deps, managerId, result);
  }
  const summary = { managers, bookings, durationMs: deps.clock() - started };
  deps.log.info('keeper: run finished', { ...summary });
  return summary;
}

async function sweep(deps: KeeperDeps, limit: number, deadline: Deadline): Promise<SweepResult> {
  try {
    return await sweepDueBookings(deps, { limit, deadline });
  } catch (error) {
    // The managers still get their turn; the due bookings stay on their list for the next run.
    deps.log.error('keeper: the bookings sweep failed', errorFields(error));
    return NO_SWEEP;
  }
}

/** One manager under a lease: 'busy' when another run holds it; the lease is always given back with the next due. */
async function keepLeased(managerId: string, deps: KeeperDeps, deadline: Deadline): Promise<ManagerResult | 'busy'> {
  const lease = await deps.keeper.claim(managerId, deps.clock(), deadline.at + LEASE_MARGIN_MS);
  if (!lease) return 'busy';
  let result: ManagerResult;
  try {
    result = await keepManager(managerId, deps, deadline);
  } catch (error) {
    // The store could not be read: look again later rather than at the head of every run.
    const nextDueMs = deps.clock() + RETRY_AFTER_MS;
    result = { outcome: 'failed', refreshed: 0, schedulesRead: 0, reconnect: 0, failed: 1, nextDueMs };
    result.error = errorFields(error);
  }
  if (!(await deps.keeper.release(lease, result.nextDueMs))) {
    deps.log.warn('keeper: the lease lapsed before the manager was done', { managerId });
  }
  return result;
}

/** The one line per manager: its id and outcome, counts, and the error's name and reason (never a token). */
function logManager(deps: KeeperDeps, managerId: string, result: ManagerResult): void {
  const { outcome, refreshed, schedulesRead, error } = result;
  const line = { managerId, outcome, refreshed, schedulesRead, ...error };
  if (outcome === 'needs_reconnect' || outcome === 'failed') deps.log.warn('keeper: manager', line);
  else deps.log.info('keeper: manager', line);
}
