/** Maps named errors to HTTP answers at the edge: 4xx with a reason, a generic 5xx, never a stack or a secret. */
import type { MiddlewareObj } from '@middy/core';
import {
  AppError,
  ExpiredError,
  NotFoundError,
  PayloadTooLargeError,
  ProviderUnavailableError,
  ReconnectRequiredError,
  UnauthorizedError,
  ValidationError,
} from '../../domain/errors';
import { errorKeys, logger } from '../../runtime/logger';
import type { HttpEvent, HttpResult } from './http';
import { html, json } from './http';
import { problemPage } from './pages';

/** The HTTP status for an error. */
export function statusFor(error: unknown): number {
  if (error instanceof UnauthorizedError) return 401;
  if (error instanceof ExpiredError) return 410;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof PayloadTooLargeError) return 413;
  if (error instanceof ValidationError) return 400;
  if (error instanceof ReconnectRequiredError) return 400;
  if (error instanceof ProviderUnavailableError) return 503;
  return 500;
}

/** The message a caller may see: the error's own when it is a 4xx AppError, else a generic one. */
export function publicMessage(error: unknown, status: number): string {
  if (status < 500 && error instanceof AppError && error.expose) return error.message;
  if (error instanceof ReconnectRequiredError)
    return 'Your calendar provider did not accept this sign-in. Please start again from your invite link.';
  if (status === 503) return 'Your calendar provider is not responding right now. Please try again in a few minutes.';
  return 'Something went wrong on our side. Please try again later.';
}

/** middy onError: answers JSON or an HTML page; a 5xx is logged with the error's name and reason, never shown. */
export function httpErrors(format: 'json' | 'html'): MiddlewareObj<HttpEvent, HttpResult> {
  return {
    onError: async (request) => {
      const status = statusFor(request.error);
      if (status >= 500) logger.error('request failed', { status, ...errorKeys(request.error) });
      const message = publicMessage(request.error, status);
      request.response = format === 'json' ? json(status, { error: message }) : html(status, problemPage(message));
    },
  };
}
