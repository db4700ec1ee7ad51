/**
 * The keeper's CDK context: `keeperSchedule` (minutes between runs, or an EventBridge Scheduler rate()/cron()
 * expression; default hourly) and `keeperIdleDays`, `keeperBatchSize`, `keeperBudgetSeconds`, checked at synth with
 * the reader the function itself runs (functions/contract/keeper-config.ts).
 */
import { ConfigError, type Env } from '../functions/contract/env';
import { KEEPER_TIMEOUT_MARGIN_SECONDS, readKeeperConfig } from '../functions/contract/keeper-config';
import { invalid } from './provider-config';

/** The keeper's settings that become its environment variables, keyed by context key. */
export const KEEPER_ENV = {
  keeperIdleDays: 'KEEPER_IDLE_DAYS',
  keeperBatchSize: 'KEEPER_BATCH_SIZE',
  keeperBudgetSeconds: 'KEEPER_BUDGET_SECONDS',
} as const;

export type KeeperContextInput = {
  /** Minutes between runs (5 to 1440), or rate(…) / cron(…); default hourly. */
  keeperSchedule?: string | number;
} & { [K in keyof typeof KEEPER_ENV]?: string | number };

/** Every keeper context key (the stack config reads these beside its own). */
export const KEEPER_CONTEXT_KEYS: readonly (keyof KeeperContextInput)[] = [
  'keeperSchedule',
  ...(Object.keys(KEEPER_ENV) as (keyof typeof KEEPER_ENV)[]),
];

/** The keeper after validation. */
export interface KeeperStackConfig {
  /** An EventBridge Scheduler expression: rate(…) or cron(…). */
  scheduleExpression: string;
  /** The function's KEEPER_* variables that were configured (unset ones keep the function's defaults). */
  env: Record<string, string>;
  /** The Lambda timeout: the run's budget plus the margin to release and log. */
  timeoutSeconds: number;
}

export const DEFAULT_KEEPER_SCHEDULE = 'rate(1 hour)';

const RATE = /^rate\(([1-9]\d*) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\((\S+ ){5}\S+\)$/;

/** The schedule expression, or a problem naming the key. */
function scheduleOf(raw: string | number | undefined): string | { problem: string } {
  const text = String(raw ?? '').trim();
  if (!text) return DEFAULT_KEEPER_SCHEDULE;
  const minutes = Number(text);
  if (/^\d+$/.test(text) && minutes >= 5 && minutes <= 1440)
    return minutes % 60 === 0 ? `rate(${minutes / 60} hour${minutes === 60 ? '' : 's'})` : `rate(${minutes} minutes)`;
  const rate = RATE.exec(text);
  const singular = rate && rate[1] === '1';
  if ((rate && singular === !rate[2]!.endsWith('s')) || CRON.test(text)) return text;
  return {
    problem: invalid(
      'keeperSchedule',
      `expected minutes between runs (5 to 1440), rate(…) or cron(…), got "${text}"`,
      "'rate(30 minutes)'",
    ),
  };
}

/** The keeper's configuration and its problems (one line per bad key). */
export function resolveKeeperConfig(input: KeeperContextInput): { keeper?: KeeperStackConfig; problems: string[] } {
  const problems: string[] = [];
  const schedule = scheduleOf(input.keeperSchedule);
  if (typeof schedule !== 'string') problems.push(schedule.problem);
  const env: Env = {};
  for (const [key, name] of Object.entries(KEEPER_ENV) as [keyof typeof KEEPER_ENV, string][]) {
    if (input[key] !== undefined && String(input[key]).trim()) env[name] = String(input[key]).trim();
  }
  let budgetSeconds = 0;
  try {
    budgetSeconds = readKeeperConfig(env).budgetSeconds;
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    for (const problem of error.problems) {
      const key = Object.entries(KEEPER_ENV).find(([, name]) => problem.startsWith(name))?.[0];
      problems.push(`Invalid CDK context "${key}": ${problem}`);
    }
  }
  if (problems.length || typeof schedule !== 'string') return { problems };
  const timeoutSeconds = budgetSeconds + KEEPER_TIMEOUT_MARGIN_SECONDS;
  return { keeper: { scheduleExpression: schedule, env: env as Record<string, string>, timeoutSeconds }, problems };
}
