/** Scripted failures: a test queues a fault for a route, and the next matching request(s) get it. */
import { FaultQueue, oauthErrorFor } from '../shared/fault-queue';
import { pause } from '../shared/late-answer';
import { NON_PROVIDER_ROUTES, type GoogleRoute } from './routes';

/** A route a fault can target; '*' matches every provider route (not the consent page or the dump). */
export type FaultRoute = Exclude<GoogleRoute, 'authorize' | 'dump' | 'unknown'> | '*';

export interface Fault {
  route: FaultRoute;
  /** HTTP status; defaults from `reason`. Without status and reason the fault only adds latency. */
  status?: number;
  /**
   * Calendar reason (rateLimitExceeded, userRateLimitExceeded, backendError, quotaExceeded, authError, …) or, on the
   * OAuth routes (token, revoke, userinfo), the OAuth error (invalid_grant, invalid_client, …).
   */
  reason?: string;
  message?: string;
  /** Retry-After header value, verbatim. */
  retryAfter?: string;
  /** Delay before answering (or before the fault response). */
  latencyMs?: number;
  /**
   * Carries the request out, then cuts the connection instead of answering: the client cannot tell whether it landed
   * (a lost response), as when a network drops the answer to a write.
   */
  dropAnswer?: boolean;
  /**
   * Calendar routes only: carries the request out at once (an insert inserts), then answers this many ms later; with
   * a status or reason, the change still lands and the fault's error is the late answer (an ambiguous write).
   */
  lateResponseMs?: number;
  /** How many matching requests it affects; default 1, Infinity for "until cleared". */
  times?: number;
  /** The chance (0 to 1) a matching request gets it, rolled per request; default: every one. */
  rate?: number;
}

export interface ResolvedFault {
  status: number;
  reason: string;
  message: string;
  /** Calendar only: the error item's domain (usageLimits for the rate and quota reasons). */
  domain: string;
}

const STATUS_BY_REASON: Record<string, number> = {
  rateLimitExceeded: 403,
  userRateLimitExceeded: 403,
  quotaExceeded: 403,
  calendarUsageLimitsExceeded: 403,
  forbidden: 403,
  insufficientPermissions: 403,
  forbiddenForNonOrganizer: 403,
  authError: 401,
  notFound: 404,
  duplicate: 409,
  deleted: 410,
  conditionNotMet: 412,
  badRequest: 400,
  invalid: 400,
  backendError: 503,
  internalError: 500,
  invalid_grant: 400,
  invalid_request: 400,
  invalid_client: 401,
  unauthorized_client: 401,
  invalid_token: 400,
  temporarily_unavailable: 503,
};

const REASON_BY_STATUS: Record<number, string> = {
  400: 'badRequest',
  401: 'authError',
  403: 'forbidden',
  404: 'notFound',
  409: 'duplicate',
  410: 'deleted',
  412: 'conditionNotMet',
  429: 'rateLimitExceeded',
  500: 'backendError',
  503: 'backendError',
};

const USAGE_LIMITS = new Set(['rateLimitExceeded', 'userRateLimitExceeded', 'quotaExceeded']);

const MESSAGES: Record<string, string> = {
  rateLimitExceeded: 'Rate Limit Exceeded',
  userRateLimitExceeded: 'User Rate Limit Exceeded',
  quotaExceeded: 'Calendar usage limits exceeded.',
  calendarUsageLimitsExceeded: 'Calendar usage limits exceeded.',
  backendError: 'Backend Error',
  internalError: 'Internal Error',
  authError: 'Invalid Credentials',
  notFound: 'Not Found',
  forbidden: 'Forbidden',
  badRequest: 'Bad Request',
  invalid_grant: 'Token has been expired or revoked.',
  invalid_client: 'Unauthorized',
};

/** Status, reason and message a fault answers with, in Calendar or OAuth vocabulary. */
export function resolveFault(fault: Fault, flavor: 'calendar' | 'oauth'): ResolvedFault | undefined {
  if (fault.status === undefined && fault.reason === undefined) return undefined;
  const status = fault.status ?? STATUS_BY_REASON[fault.reason ?? ''] ?? 400;
  const fallback = flavor === 'oauth' ? oauthErrorFor(status) : (REASON_BY_STATUS[status] ?? 'backendError');
  const reason = fault.reason ?? fallback;
  return {
    status,
    reason,
    message: fault.message ?? MESSAGES[reason] ?? `Scripted fault ${reason}.`,
    domain: USAGE_LIMITS.has(reason) ? 'usageLimits' : 'global',
  };
}

/** The queue of pending faults; the consent page and the dump never match. */
export class FaultBook extends FaultQueue<Fault> {
  /** Consumes one use of the first fault matching `route`. */
  override take(route: GoogleRoute): Fault | undefined {
    return NON_PROVIDER_ROUTES.has(route) ? undefined : super.take(route);
  }
}

/** Waits out a fault's latency, if it has one. */
export async function faultDelay(fault: Fault | undefined): Promise<void> {
  await pause(fault?.latencyMs);
}
