// Calendar v3 error envelopes and bodies → reason, message and the typed error a caller branches on.
import { describe, expect, it } from 'vitest';
import {
  CalendarApiError,
  isThrottleAnswer,
  isTransientAnswer,
  parseCalendarBody,
  readGoogleError,
  toCalendarError,
} from '../../../functions/adapters/google/calendar-errors';
import {
  NotFoundError,
  ProviderError,
  ProviderUnavailableError,
  ReconnectRequiredError,
} from '../../../functions/domain/errors';
import { fixture } from './helpers';

const WHAT = 'GET /calendars/x/events';
const envelope = (reason: unknown, message: unknown = 'Said Google') => ({
  error: { errors: [{ domain: 'global', reason }], code: 400, message },
});

describe('Function: readGoogleError', () => {
  it("reads the first error's reason and the envelope's message", () => {
    // Act
    const read = readGoogleError(403, fixture('error-rate-limit'));
    // Assess
    expect(read).toEqual({ reason: 'rateLimitExceeded', message: 'Rate Limit Exceeded' });
  });

  it.each([
    ['no body', undefined],
    ['a string body', 'Bad Gateway'],
    ['an error that is a string', { error: 'bad' }],
    ['an envelope without errors', { error: { code: 502 } }],
    ['an errors list of strings', { error: { errors: ['backendError'] } }],
    ['an empty reason', envelope('', 7)],
    ['a reason that is not a string', envelope(42, null)],
  ])('falls back to Http<status> and no message for %s', (_what, body) => {
    // Act
    const read = readGoogleError(502, body);
    // Assess
    expect(read).toEqual({ reason: 'Http502', message: '' });
  });
});

describe('Function: isTransientAnswer and isThrottleAnswer', () => {
  it('retries only a 403 rate limit among the 4xx, and counts 403 rate limits and quotas as throttles', () => {
    // Assess
    expect(isTransientAnswer(403, 'rateLimitExceeded')).toBe(true);
    expect(isTransientAnswer(400, 'rateLimitExceeded')).toBe(false);
    expect(isTransientAnswer(403, 'forbidden')).toBe(false);
    expect(isThrottleAnswer(403, 'quotaExceeded')).toBe(true);
    expect(isThrottleAnswer(400, 'quotaExceeded')).toBe(false);
    expect(isThrottleAnswer(503, 'backendError')).toBe(false);
  });
});

describe('Function: toCalendarError', () => {
  it('keeps a final rejection as a CalendarApiError naming the call, status and reason', () => {
    // Act
    const error = toCalendarError(400, envelope('invalid', 'Invalid attendee email.'), WHAT);
    // Assess
    expect(error).toBeInstanceOf(CalendarApiError);
    expect(error).toMatchObject({
      message: 'Google Calendar GET /calendars/x/events failed: 400 invalid',
      status: 400,
      code: 'invalid',
      providerMessage: 'Invalid attendee email.',
    });
  });

  it('calls a reason insufficientPermissions a reconnect only on a 403', () => {
    // Act
    const on403 = toCalendarError(403, envelope('insufficientPermissions'), WHAT);
    const on400 = toCalendarError(400, envelope('insufficientPermissions'), WHAT);
    // Assess
    expect(on403).toBeInstanceOf(ReconnectRequiredError);
    expect(on400).toBeInstanceOf(CalendarApiError);
  });

  it.each([
    [404, 'notFound', NotFoundError, 'The calendar event was not found'],
    [410, 'deleted', NotFoundError, 'The calendar event was not found'],
    [401, 'authError', ReconnectRequiredError, 'Google Calendar refused a fresh access token'],
    [
      403,
      'insufficientPermissions',
      ReconnectRequiredError,
      'Google Calendar: the grant no longer includes calendar access',
    ],
    [
      500,
      'backendError',
      ProviderUnavailableError,
      'Google Calendar GET /calendars/x/events unavailable: 500 backendError',
    ],
    [
      403,
      'quotaExceeded',
      ProviderUnavailableError,
      'Google Calendar GET /calendars/x/events unavailable: 403 quotaExceeded',
    ],
  ])('maps %i %s to %O with its message, Google’s answer kept as the cause', (status, reason, type, message) => {
    // Act
    const error = toCalendarError(status, envelope(reason), WHAT);
    // Assess
    expect(error).toBeInstanceOf(type);
    expect(error.message).toBe(message);
    expect(error.cause).toBeInstanceOf(CalendarApiError);
    expect(error.cause).toMatchObject({ status, code: reason });
  });
});

describe('Function: parseCalendarBody', () => {
  it('parses JSON, and gives undefined for an empty body', () => {
    // Assess
    expect(parseCalendarBody('{"id":"a"}', 200)).toEqual({ id: 'a' });
    expect(parseCalendarBody('', 200)).toBeUndefined();
  });

  it.each([300, 502])('ignores an unreadable body of a %i answer', (status) => {
    // Act
    const body = parseCalendarBody('<html>Bad Gateway</html>', status);
    // Assess
    expect(body).toBeUndefined();
  });

  it('refuses an unreadable body of a success', () => {
    // Act
    const parsing = () => parseCalendarBody('<html>ok</html>', 200);
    // Assess
    expect(parsing).toThrow(ProviderError);
    expect(parsing).toThrow(
      expect.objectContaining({
        message: 'Google Calendar answered 200 with a body that is not JSON',
        status: 200,
        code: 'InvalidJson',
      }),
    );
  });
});
