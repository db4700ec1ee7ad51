import { describe, expect, it } from 'vitest';
import { calendarOperation, googleOperation, googleThrottled } from '../../../functions/adapters/google/operations';
import type { GoogleRequestEvent } from '../../../functions/adapters/google/calendar-access';

const event = (extra: Partial<GoogleRequestEvent>): GoogleRequestEvent => ({
  service: 'google-calendar',
  method: 'GET',
  path: '/calendars/primary/events',
  attempt: 0,
  outcome: 'response',
  durationMs: 10,
  ...extra,
});

describe('Function: calendarOperation', () => {
  it.each([
    ['GET', '/users/me/calendarList', 'calendarList'],
    ['GET', '/users/me/calendarList/team%40group.calendar.google.com', 'calendarListEntry'],
    ['GET', '/users/me/settings/timezone', 'settings'],
    ['POST', '/freeBusy', 'freeBusy'],
    ['GET', '/calendars/primary', 'calendar'],
    ['GET', '/calendars/pat%40example.com/events', 'listEvents'],
    ['POST', '/calendars/primary/events', 'insertEvent'],
    ['GET', '/calendars/primary/events/vcb0123abcd', 'getEvent'],
    ['PATCH', '/calendars/primary/events/vcb0123abcd', 'patchEvent'],
    ['PUT', '/calendars/primary/events/vcb0123abcd', 'updateEvent'],
    ['DELETE', '/calendars/primary/events/vcb0123abcd', 'deleteEvent'],
    ['GET', '/calendars/primary/events/vcb0123abcd/instances', 'instances'],
    ['GET', '/colors', 'other'],
    ['GET', '/users/me/foo', 'other'],
    ['GET', '/users/someone%40example.com/calendarList', 'other'],
    ['GET', '/calendars/me/events', 'listEvents'],
    ['POST', '/channels/stop', 'other'],
    ['POST', '/calendars/primary/clear', 'other'],
    ['GET', '/calendars/primary/acl', 'other'],
    ['POST', '/calendars/primary/events/quickAdd', 'other'],
    ['POST', '/calendars/primary/events/vcb0123abcd/move', 'other'],
    ['GET', '/calendars/primary/events/vcb0123abcd/instances/extra', 'other'],
  ])('%s %s is %s', (method, path, operation) => {
    // Act / Assess
    expect(calendarOperation(method, path)).toBe(operation);
  });
});

describe('Function: googleOperation', () => {
  it('names the OAuth round trips token or revoke', () => {
    // Act / Assess
    expect(googleOperation(event({ service: 'google-token', method: 'POST', path: '/token' }))).toBe('token');
    expect(googleOperation(event({ service: 'google-token', method: 'POST', path: '/revoke' }))).toBe('revoke');
    expect(googleOperation(event({}))).toBe('listEvents');
  });
});

describe('Function: googleThrottled', () => {
  it.each([
    [429, undefined, true],
    [403, 'rateLimitExceeded', true],
    [403, 'userRateLimitExceeded', true],
    [403, 'quotaExceeded', true],
    [403, 'insufficientPermissions', false],
    [503, 'backendError', false],
    [200, undefined, false],
  ])('status %d with reason %s is a throttle: %s', (status, reason, throttled) => {
    // Act / Assess
    expect(googleThrottled(event({ status, ...(reason ? { reason } : {}) }))).toBe(throttled);
  });
});
