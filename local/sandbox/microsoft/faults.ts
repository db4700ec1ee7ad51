/** Scripted failures: a test queues a fault for a route, and the next matching request(s) get it. */
import { FaultQueue, oauthErrorFor } from '../shared/fault-queue';

export type FaultRoute =
  | 'token'
  | 'me'
  | 'mailboxSettings'
  | 'calendar'
  | 'calendars'
  | 'calendarView'
  | 'getSchedule'
  | 'createEvent'
  | 'getEvent'
  | 'updateEvent'
  | 'deleteEvent'
  | 'cancelEvent'
  | '*';

export interface Fault {
  /** Route to affect; '*' matches every token and Graph route (not /authorize or /calendar). */
  route: FaultRoute;
  /** HTTP status to answer with; defaults from `code`. Without status and code the fault only adds latency. */
  status?: number;
  /**
   * Graph error code (e.g. "MailboxNotEnabledForRESTAPI") or, on the token route, OAuth error (e.g. "invalid_grant").
   */
  code?: string;
  message?: string;
  /** Token route only: OAuth `suberror` (e.g. "bad_token", "consent_required"). */
  subError?: string;
  /** Retry-After header value, verbatim ("0", "2.128", "10"). */
  retryAfter?: string;
  /** Delay before answering (or before the fault response). */
  latencyMs?: number;
  /** Carries the request out at once, then holds its answer this long (a write committed, its answer late or lost). */
  lateResponseMs?: number;
  /** How many matching requests it affects; default 1, Infinity for "until cleared". */
  times?: number;
}

export interface ResolvedFault {
  status: number;
  code: string;
  message: string;
}

const STATUS_BY_CODE: Record<string, number> = {
  TooManyRequests: 429,
  ServiceUnavailable: 503,
  UnknownError: 504,
  MailboxNotEnabledForRESTAPI: 404,
  ErrorAccessDenied: 403,
  ErrorItemNotFound: 404,
  InvalidAuthenticationToken: 401,
  ConcurrentItemSave: 409,
  ErrorIrresolvableConflict: 412,
  invalid_grant: 400,
  invalid_request: 400,
  invalid_client: 401,
  unauthorized_client: 400,
  temporarily_unavailable: 503,
};

const GRAPH_CODE_BY_STATUS: Record<number, string> = {
  400: 'ErrorInvalidRequest',
  401: 'InvalidAuthenticationToken',
  403: 'ErrorAccessDenied',
  404: 'ErrorItemNotFound',
  409: 'ConcurrentItemSave',
  412: 'ErrorIrresolvableConflict',
  429: 'TooManyRequests',
  500: 'generalException',
  503: 'ServiceUnavailable',
  504: 'UnknownError',
};

const MESSAGES: Record<string, string> = {
  TooManyRequests: 'Please retry again later.',
  ServiceUnavailable: 'Server busy. Please retry later.',
  UnknownError: 'Gateway timeout.',
  MailboxNotEnabledForRESTAPI: 'The mailbox is either inactive, soft-deleted, or is hosted on-premise.',
  ErrorAccessDenied: 'Access is denied. Check credentials and try again.',
  ErrorItemNotFound: 'The specified object was not found in the store.',
  InvalidAuthenticationToken: 'Access token has expired or is not yet valid.',
  invalid_grant: 'AADSTS70000: The provided value for the input parameter is not valid. (scripted fault)',
  invalid_client: 'AADSTS7000215: Invalid client secret provided. (scripted fault)',
  temporarily_unavailable: 'AADSTS90033: A transient error has occurred. Please try again. (scripted fault)',
};

/** Status, code and message a fault answers with, in Graph or OAuth vocabulary. */
export function resolveFault(fault: Fault, flavor: 'graph' | 'oauth'): ResolvedFault | undefined {
  if (fault.status === undefined && fault.code === undefined) return undefined;
  const status = fault.status ?? STATUS_BY_CODE[fault.code ?? ''] ?? 400;
  const fallbackCode = flavor === 'oauth' ? oauthErrorFor(status) : (GRAPH_CODE_BY_STATUS[status] ?? 'UnknownError');
  const code = fault.code ?? fallbackCode;
  return { status, code, message: fault.message ?? MESSAGES[code] ?? `Scripted fault ${code}.` };
}

/** The queue of pending faults (a '*' fault matches every token and Graph route). */
export class FaultBook extends FaultQueue<Fault> {
  /** Consumes one use of the first fault matching `route`. */
  override take(route: Exclude<FaultRoute, '*'>): Fault | undefined {
    return super.take(route);
  }
}
