/** What the keeper is given by its composition root: the manager stores and calendars, its due-list, its periods. */
import type { KeeperDueList, Log } from '../ports';
import type { SweepBookingsDeps } from './sweep-bookings';

/** The keeper's log: one INFO line per manager and per run, a WARN for a manager that needs attention. */
export interface KeeperLog extends Log {
  info(message: string, extra?: Record<string, unknown>): void;
}

export interface KeeperDeps extends SweepBookingsDeps {
  keeper: KeeperDueList;
  log: KeeperLog;
  /** A connection unused this long gets its refresh token redeemed (KEEPER_IDLE_DAYS). */
  idleMs: number;
  /** The owner's schedule is read again once this old (MAILBOX_REFRESH_HOURS). */
  scheduleRefreshMs: number;
}
