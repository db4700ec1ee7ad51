/**
 * The keeper's settings, read the same way by its function, `npm start` and the stack (which validates them at synth).
 * Free of aws-cdk-lib imports.
 */
import { gather, integer, type Env } from './env';

/** What one keeper run may do: which connections count as idle, how many items it takes, how long it may run. */
export interface KeeperConfig {
  /** Days without use after which a connection's refresh token is redeemed (Microsoft's line is 90 days idle). */
  idleDays: number;
  /** Managers (and due bookings) looked at per run, at most. */
  batchSize: number;
  /** Seconds one run may spend; the Lambda timeout is this plus KEEPER_TIMEOUT_MARGIN_SECONDS. */
  budgetSeconds: number;
}

/** Time the keeper Lambda keeps beyond its budget, to write back and log what it did. */
export const KEEPER_TIMEOUT_MARGIN_SECONDS = 30;

/** The defaults (KEEPER_IDLE_DAYS, KEEPER_BATCH_SIZE, KEEPER_BUDGET_SECONDS unset). */
export const KEEPER_DEFAULTS: KeeperConfig = { idleDays: 14, batchSize: 25, budgetSeconds: 240 };

/** The keeper's settings; every bad variable is reported at once, each by name. */
export function readKeeperConfig(env: Env): KeeperConfig {
  return gather<KeeperConfig>({
    // At most 80: well inside Microsoft's 90 days even when a run or two fails (Google's line is six months).
    idleDays: () => integer(env, 'KEEPER_IDLE_DAYS', KEEPER_DEFAULTS.idleDays, 1, 80),
    batchSize: () => integer(env, 'KEEPER_BATCH_SIZE', KEEPER_DEFAULTS.batchSize, 1, 500),
    // At most 840 s: a Lambda may run 900 s, and the margin must fit.
    budgetSeconds: () => integer(env, 'KEEPER_BUDGET_SECONDS', KEEPER_DEFAULTS.budgetSeconds, 10, 840),
  });
}

/** Minutes between keeper runs under `npm start` (0 turns the timer off; `npm run keeper -- --once` still works). */
export function readKeeperIntervalMinutes(env: Env): number {
  return integer(env, 'KEEPER_INTERVAL_MINUTES', 60, 0, 24 * 60);
}
