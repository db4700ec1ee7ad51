/** Named errors of the product. They are mapped to HTTP statuses or spoken sentences only at the edges. */

/** Base class: `expose` says whether `message` may be shown to the caller as is. */
export class AppError extends Error {
  readonly expose: boolean;
  constructor(message: string, options?: ErrorOptions & { expose?: boolean }) {
    super(message, options);
    this.name = 'AppError';
    this.expose = options?.expose ?? true;
  }
}

/** The input is malformed or breaks a rule (HTTP 400; spoken as `message`). */
export class ValidationError extends AppError {
  constructor(
    message: string,
    readonly reason = 'invalid',
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'ValidationError';
  }
}

/** The caller is not authenticated (HTTP 401). */
export class UnauthorizedError extends AppError {
  constructor(message = 'Unauthorized', options?: ErrorOptions) {
    super(message, options);
    this.name = 'UnauthorizedError';
  }
}

/** A signed link or one-time state is no longer valid (HTTP 400/410). */
export class ExpiredError extends AppError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ExpiredError';
  }
}

/** The thing asked for does not exist (HTTP 404). */
export class NotFoundError extends AppError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'NotFoundError';
  }
}

/** The request body exceeds the accepted size (HTTP 413). */
export class PayloadTooLargeError extends AppError {
  constructor(message = 'Payload too large', options?: ErrorOptions) {
    super(message, options);
    this.name = 'PayloadTooLargeError';
  }
}

/** Another booking holds (part of) the slot. */
export class SlotTakenError extends AppError {
  /** A lock cell (epoch ms) the holder has, when known: lets the caller look the holder up. */
  holderCell?: number;
  constructor(
    message = 'Slot already taken',
    readonly holderToolCallId?: string,
    readonly holderCallId?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'SlotTakenError';
  }
}

/** The manager has never connected a calendar (nor set hours): nothing can be offered or booked yet. */
export class NotConnectedError extends AppError {
  constructor(message = 'No calendar is set up for this manager', options?: ErrorOptions) {
    super(message, { ...options, expose: false });
    this.name = 'NotConnectedError';
  }
}

/** The manager's calendar grant is gone (invalid_grant, consent revoked): they must connect again. */
export class ReconnectRequiredError extends AppError {
  constructor(message = 'Calendar needs to be reconnected', options?: ErrorOptions) {
    super(message, { ...options, expose: false });
    this.name = 'ReconnectRequiredError';
  }
}

/**
 * The provider is throttling, failing, or too slow for the time left. `outcomeUnknown`: a write was sent and its
 * answer lost (a timeout, a dropped connection, a 5xx), so the provider may have carried it out.
 */
export class ProviderUnavailableError extends AppError {
  readonly outcomeUnknown: boolean;
  constructor(message = 'Calendar provider unavailable', options?: ErrorOptions & { outcomeUnknown?: boolean }) {
    super(message, { ...options, expose: false });
    this.name = 'ProviderUnavailableError';
    this.outcomeUnknown = options?.outcomeUnknown ?? false;
  }
}

/**
 * A booking limit is reached, so nothing was taken: the call's (`call`, MAX_BOOKINGS_PER_CALL) or the caller number's
 * for the day (`day`, MAX_BOOKINGS_PER_CALLER_PER_DAY).
 */
export class CallLimitError extends AppError {
  readonly limit: 'call' | 'day';
  constructor(message = 'Booking limit of the call reached', options?: ErrorOptions & { limit?: 'call' | 'day' }) {
    super(message, { ...options, expose: false });
    this.name = 'CallLimitError';
    this.limit = options?.limit ?? 'call';
  }
}

/** The provider rejected a request for a reason that is not transient (its error code kept). */
export class ProviderError extends AppError {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    options?: ErrorOptions,
  ) {
    super(message, { ...options, expose: false });
    this.name = 'ProviderError';
  }
}

/** An optimistic-concurrency check failed (someone wrote first). */
export class ConcurrencyError extends AppError {
  constructor(message = 'Concurrent modification', options?: ErrorOptions) {
    super(message, { ...options, expose: false });
    this.name = 'ConcurrencyError';
  }
}

/**
 * An error as log fields: name, and its text under `reason` (Powertools Logger reserves `message` and silently drops
 * an extra key of that name), plus its cause's. Our errors' texts hold ids and codes, never secrets or caller data.
 */
export function errorFields(error: unknown): { error: string; reason?: string; cause?: string } {
  if (!(error instanceof Error))
    return { error: typeof error, reason: error === undefined ? undefined : String(error) };
  const cause = error.cause instanceof Error ? `${error.cause.name}: ${error.cause.message}` : undefined;
  return { error: error.name, reason: error.message, ...(cause ? { cause } : {}) };
}
