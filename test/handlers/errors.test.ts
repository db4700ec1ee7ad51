import type { Request } from '@middy/core';
import type { Context } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  AppError,
  ConcurrencyError,
  ExpiredError,
  NotFoundError,
  PayloadTooLargeError,
  ProviderError,
  ProviderUnavailableError,
  ReconnectRequiredError,
  SlotTakenError,
  UnauthorizedError,
  ValidationError,
} from '../../functions/domain/errors';
import { httpErrors, publicMessage, statusFor } from '../../functions/handlers/shared/errors';
import type { HttpEvent, HttpResult } from '../../functions/handlers/shared/http';
import { problemPage } from '../../functions/handlers/shared/pages';
import { logger } from '../../functions/runtime/logger';
import { GENERIC_5XX, UNAVAILABLE_503 } from './invoke';

const RECONNECT = 'Your calendar provider did not accept this sign-in. Please start again from your invite link.';

/** Error → status → what the caller reads. */
const TABLE: Array<[string, unknown, number, string]> = [
  ['UnauthorizedError', new UnauthorizedError('A valid token is required.'), 401, 'A valid token is required.'],
  ['ExpiredError', new ExpiredError('This link has expired.'), 410, 'This link has expired.'],
  ['NotFoundError', new NotFoundError('No such manager.'), 404, 'No such manager.'],
  ['PayloadTooLargeError', new PayloadTooLargeError(), 413, 'Payload too large'],
  [
    'ValidationError',
    new ValidationError('The manager parameter is required.', 'manager_missing'),
    400,
    'The manager parameter is required.',
  ],
  ['ReconnectRequiredError', new ReconnectRequiredError('invalid_grant AADSTS70000 for pat'), 400, RECONNECT],
  [
    'ProviderUnavailableError',
    new ProviderUnavailableError('Microsoft sign-in service unavailable'),
    503,
    UNAVAILABLE_503,
  ],
  [
    'ProviderError',
    new ProviderError('Microsoft rejected the code: AADSTS7000215', 401, 'invalid_client'),
    500,
    GENERIC_5XX,
  ],
  ['ConcurrencyError', new ConcurrencyError('Token cache was changed by another writer'), 500, GENERIC_5XX],
  ['SlotTakenError (an AppError no status names)', new SlotTakenError(), 500, GENERIC_5XX],
  ['AppError that may not be shown', new AppError('internal detail', { expose: false }), 500, GENERIC_5XX],
  ['plain Error', new Error('connect ECONNREFUSED 127.0.0.1:8000'), 500, GENERIC_5XX],
  ['thrown string', 'ResourceNotFoundException', 500, GENERIC_5XX],
  ['undefined', undefined, 500, GENERIC_5XX],
];

/** The middy request the error middleware sees. */
function failedRequest(error: unknown): Request<HttpEvent, HttpResult, Error, Context> {
  return { event: {} as HttpEvent, context: {} as Context, response: null, error: error as Error, internal: {} };
}

describe('Function: statusFor / publicMessage', () => {
  it.each(TABLE)('maps %s to its status and public text', (_, error, status, text) => {
    // Act
    const mapped = statusFor(error);
    const shown = publicMessage(error, mapped);

    // Assess
    expect(mapped).toBe(status);
    expect(shown).toBe(text);
  });

  it('keeps 503 a 503 (and says the provider is slow), even for a ProviderUnavailableError that wraps a 500', () => {
    // Prepare
    const cause = new Error('Microsoft Graph me failed: 500 UnknownError');
    const error = new ProviderUnavailableError('Microsoft Graph me unavailable: 500 UnknownError', { cause });

    // Act
    const status = statusFor(error);

    // Assess
    expect(status).toBe(503);
    expect(publicMessage(error, status)).toBe(UNAVAILABLE_503);
  });

  it("never shows an exposable AppError's own text on a 5xx", () => {
    // Prepare
    const error = new ValidationError('stack at functions/handlers/status.ts:12:3');

    // Act
    const shown = [publicMessage(error, 500), publicMessage(error, 503)];

    // Assess
    expect(shown).toEqual([GENERIC_5XX, UNAVAILABLE_503]);
  });
});

describe('Function: httpErrors', () => {
  afterEach(() => vi.restoreAllMocks());

  it.each(TABLE)('answers %s as JSON {error} with its status', async (_, error, status, text) => {
    // Prepare
    const request = failedRequest(error);

    // Act
    await httpErrors('json').onError!(request);

    // Assess
    expect(request.response).toMatchObject({ statusCode: status, headers: { 'content-type': 'application/json' } });
    expect(JSON.parse(request.response!.body!)).toEqual({ error: text });
  });

  it.each(TABLE)('answers %s as the HTML problem page with its status', async (_, error, status, text) => {
    // Prepare
    const request = failedRequest(error);

    // Act
    await httpErrors('html').onError!(request);

    // Assess
    const headers = { 'content-type': 'text/html; charset=utf-8' };
    expect(request.response).toMatchObject({ statusCode: status, headers });
    expect(request.response!.body).toBe(problemPage(text));
  });

  it('logs a 5xx once, with status, error name and reason (not under Powertools\' reserved "message")', async () => {
    // Prepare
    const error = new Error('connect ECONNREFUSED 127.0.0.1:8000', { cause: new TypeError('socket hang up') });
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);

    // Act
    await httpErrors('json').onError!(failedRequest(error));

    // Assess
    expect(logged).toHaveBeenCalledOnce();
    expect(logged).toHaveBeenCalledWith('request failed', {
      status: 500,
      error: 'Error',
      reason: 'connect ECONNREFUSED 127.0.0.1:8000',
      cause: 'TypeError: socket hang up',
    });
  });

  it('logs nothing for a 4xx: the caller was told why', async () => {
    // Prepare
    const logged = vi.spyOn(logger, 'error').mockImplementation(() => undefined);

    // Act
    await httpErrors('html').onError!(failedRequest(new ExpiredError('This link has expired.')));

    // Assess
    expect(logged).not.toHaveBeenCalled();
  });
});
