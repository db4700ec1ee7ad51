/** Graph response bodies: JSON parsing, and error envelopes → typed errors (on `error.code`, never `message`). */
import { isRecord } from '../shared/is-record';
import { NotFoundError, ProviderError, ProviderUnavailableError, ReconnectRequiredError } from '../../domain/errors';

/** A POST reused a transactionId: Graph says the event already exists (idempotent replay). */
export class DuplicateTransactionError extends ProviderError {
  constructor(
    status: number,
    readonly existingEventId?: string,
    options?: ErrorOptions,
  ) {
    super(
      `Microsoft Graph rejected a reused transactionId (${status})`,
      status,
      'ErrorDuplicateTransactionId',
      options,
    );
    this.name = 'DuplicateTransactionError';
  }
}

/** Fields of `{"error":{...}}` we act on. */
export interface GraphErrorBody {
  code: string;
  existingEventId?: string;
}

/** Reads the Graph error envelope; a body that is not one yields a code derived from the status. */
export function readGraphError(status: number, body: unknown): GraphErrorBody {
  const error = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const code = typeof error?.code === 'string' && error.code ? error.code : `Http${status}`;
  // Some Graph versions name the event a duplicate transactionId already created.
  const existing = error?.['@event.existingEventId'] ?? (isRecord(body) ? body['@event.existingEventId'] : undefined);
  return { code, existingEventId: typeof existing === 'string' && existing ? existing : undefined };
}

/** The error to throw for a final (not retried) Graph response. `what` names the call without query or tokens. */
export function toGraphError(status: number, body: unknown, what: string): Error {
  const { code, existingEventId } = readGraphError(status, body);
  const provider = new ProviderError(`Microsoft Graph ${what} failed: ${status} ${code}`, status, code);
  if (code === 'ErrorItemNotFound') return new NotFoundError('The calendar item was not found', { cause: provider });
  if (code === 'ErrorDuplicateTransactionId') return new DuplicateTransactionError(status, existingEventId);
  // A valid token that may no longer touch the mailbox: consent or a permission was withdrawn. Only a new consent
  // helps, so for the product this is the grant revoked (the manager is asked to reconnect).
  if (status === 403 && code === 'ErrorAccessDenied') {
    return new ReconnectRequiredError('Microsoft Graph denied access to the mailbox', { cause: provider });
  }
  // Throttling and server faults are transient for the caller: degrade, do not blame the request.
  if (status === 429 || status >= 500) {
    return new ProviderUnavailableError(`Microsoft Graph ${what} unavailable: ${status} ${code}`, { cause: provider });
  }
  return provider;
}

/** Parses a response body; an unreadable error body is ignored, an unreadable success body is an error. */
export function parseGraphBody(text: string, status: number): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    if (status >= 300) return undefined;
    throw new ProviderError(`Microsoft Graph answered ${status} with a body that is not JSON`, status, 'InvalidJson');
  }
}
