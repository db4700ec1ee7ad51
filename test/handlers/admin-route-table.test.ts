/**
 * The admin route table, loaded afresh for each test (module-level values: test/mutation/README.md): which path and
 * method reaches which route, checked through the path parameter each route validates before it runs.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { HttpResult } from '../../functions/handlers/shared/http';
import type { StatusDeps } from '../../functions/runtime/compose-status';
import { adminEvent } from './admin-support';

/** No route below gets as far as its stores: each is refused at its path parameters. */
const NO_DEPS = {} as StatusDeps;
let route: (method: string, path: string) => Promise<HttpResult>;
let errors: typeof import('../../functions/domain/errors');

beforeEach(async () => {
  vi.resetModules();
  const { adminRoute } = await import('../../functions/handlers/admin/router');
  errors = await import('../../functions/domain/errors');
  route = (method, path) => adminRoute(adminEvent('get-manager', { method, path }), NO_DEPS);
});

const LISTING = [
  'GET /calendar/admin/managers/{managerId}',
  'PUT /calendar/admin/managers/{managerId}/settings',
  'PUT /calendar/admin/managers/{managerId}/connections/{connectionId}/calendars/{calendarId}',
  'DELETE /calendar/admin/managers/{managerId}/connections/{connectionId}',
  'GET /calendar/admin/managers/{managerId}/bookings',
].join(', ');

describe('Function: adminRoute (the route table)', () => {
  it('answers an unknown path with a 404 that lists every route', async () => {
    // Act
    const refusal = route('GET', 'bookings').catch((error: unknown) => error);

    // Assess
    const error = await refusal;
    expect(error).toBeInstanceOf(errors.NotFoundError);
    expect((error as Error).message).toBe(
      `No admin route for GET /calendar/admin/bookings. The routes are ${LISTING}.`,
    );
  });

  it.each([
    ['GET', 'managers/a%20b', 'managerId'],
    ['PUT', 'managers/a%20b/settings', 'managerId'],
    ['PUT', 'managers/pat/connections/c/calendars/%07', 'calendarId'],
    ['PUT', 'managers/pat/connections/a%20b/calendars/default', 'connectionId'],
    ['DELETE', 'managers/pat/connections/a%20b', 'connectionId'],
    ['GET', 'managers/a%20b/bookings', 'managerId'],
  ])('routes %s %s and refuses its bad %s', async (method, path, reason) => {
    // Act
    const refusal = route(method, path).catch((error: unknown) => error);

    // Assess
    const error = await refusal;
    expect(error).toBeInstanceOf(errors.ValidationError);
    expect(error).toMatchObject({ reason, message: expect.stringMatching(new RegExp(`^${reason}: must`)) });
  });

  it.each([
    ['DELETE', 'managers/pat', 'GET'],
    ['GET', 'managers/pat/settings', 'PUT'],
    ['PUT', 'managers/pat/bookings', 'GET'],
    ['GET', 'managers/pat/connections/c', 'DELETE'],
  ])('answers %s %s with 405 naming the method the path takes', async (method, path, allow) => {
    // Act
    const res = await route(method, path);

    // Assess
    expect(res.statusCode).toBe(405);
    expect(res.headers?.allow).toBe(allow);
    expect(JSON.parse(res.body!)).toEqual({ error: `${method} is not served here; this path takes ${allow}.` });
  });
});
