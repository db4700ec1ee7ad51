/** Service settings an operator may set, read the same way by the functions, npm start and the stack. */
import { ConfigError, type Env, integer } from './env';
import { DEFAULT_WEBHOOK_BUDGET_MS } from './timeouts';

/** Milliseconds the webhook may spend before it must answer (kept well under VAPI's 20 s tool timeout). */
export function readWebhookBudgetMs(env: Env): number {
  return integer(env, 'WEBHOOK_BUDGET_MS', DEFAULT_WEBHOOK_BUDGET_MS, 1_000, 18_000);
}

/** Hours an invite link stays valid: a day unless configured, at most a week (a link is a credential). */
export function readInviteTtlHours(env: Env): number {
  return integer(env, 'INVITE_TTL_HOURS', 24, 1, 24 * 7);
}

/** Hours after which the owner's calendar settings (zone, working hours) are read again alongside a calendar read. */
export function readMailboxRefreshHours(env: Env): number {
  return integer(env, 'MAILBOX_REFRESH_HOURS', 12, 1, 24 * 30);
}

/** Minutes hold_slot keeps a slot for a call while the caller decides (as Cal.com's reservations, 5 by default). */
export function readHoldMinutes(env: Env): number {
  return integer(env, 'HOLD_MINUTES', 5, 1, 30);
}

/** Bookings one caller number may make with a manager per day: each can send an invitation from their mailbox. */
export function readCallerDailyCap(env: Env): number {
  return integer(env, 'MAX_BOOKINGS_PER_CALLER_PER_DAY', 3, 1, 50);
}

const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'CRITICAL', 'SILENT'];

/** The Powertools log level, when set (an unknown one would silently log at INFO). */
export function readLogLevel(env: Env): string | undefined {
  for (const name of ['POWERTOOLS_LOG_LEVEL', 'LOG_LEVEL']) {
    const raw = env[name]?.trim();
    if (raw && !LOG_LEVELS.includes(raw.toUpperCase())) {
      throw new ConfigError(`${name} must be one of ${LOG_LEVELS.join(', ')}, got "${raw}"`);
    }
    if (raw) return raw.toUpperCase();
  }
  return undefined;
}
