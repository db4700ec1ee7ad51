/** The HTTP API's one route list: which function serves each request, as the stack and the local server route it. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Routes = typeof import('../../functions/contract/routes');
let routes: Routes;

beforeEach(async () => {
  // The route list is a module-level value: load it afresh (why: test/mutation/README.md).
  vi.resetModules();
  routes = await import('../../functions/contract/routes');
});

/** The function serving `method path`, found the way local/server.ts finds it. */
function servedBy(method: string, path: string): string | undefined {
  return routes.ROUTE_SPECS.find((r) => routes.routeMatches(r.path, path) && r.method === method)?.function;
}

describe('Constant: ROUTE_SPECS', () => {
  it.each([
    ['GET', '/calendar/auth/start', 'authStart'],
    ['POST', '/calendar/auth/start', 'authStart'],
    ['POST', '/calendar/auth/manage', 'authStart'],
    ['GET', '/calendar/auth/callback', 'authCallback'],
    ['GET', '/calendar/auth/result', 'authCallback'],
    ['GET', '/calendar/auth/status', 'status'],
    ['GET', '/calendar/admin/managers/pat', 'status'],
    ['PUT', '/calendar/admin/managers/pat/settings', 'status'],
    ['DELETE', '/calendar/admin/managers/pat', 'status'],
    ['POST', '/vapi/webhook', 'vapiWebhook'],
  ])('serves %s %s by %s', (method, path, fn) => {
    // Act + Assess
    expect(servedBy(method, path)).toBe(fn);
  });

  it('serves no other method on a served path', () => {
    // Act + Assess
    expect(servedBy('GET', '/vapi/webhook')).toBeUndefined();
    expect(servedBy('GET', '/calendar/auth/manage')).toBeUndefined();
    expect(servedBy('POST', '/calendar/admin/managers/pat')).toBeUndefined();
  });
});

describe('Function: routeMatches', () => {
  it('matches a plain route by its whole path only', () => {
    // Act + Assess
    expect(routes.routeMatches('/vapi/webhook', '/vapi/webhook')).toBe(true);
    expect(routes.routeMatches('/vapi/webhook', '/vapi/webhook/x')).toBe(false);
    expect(routes.routeMatches('/vapi/webhook', '/vapi')).toBe(false);
  });

  it('matches a {proxy+} route by anything below it, not the prefix itself', () => {
    // Act + Assess
    expect(routes.routeMatches('/calendar/admin/{proxy+}', '/calendar/admin/m')).toBe(true);
    expect(routes.routeMatches('/calendar/admin/{proxy+}', '/calendar/admin/managers/pat')).toBe(true);
    expect(routes.routeMatches('/calendar/admin/{proxy+}', '/calendar/admin/')).toBe(false);
    expect(routes.routeMatches('/calendar/admin/{proxy+}', '/calendar/admin')).toBe(false);
    expect(routes.routeMatches('/calendar/admin/{proxy+}', '/calendar/administrator')).toBe(false);
    expect(routes.routeMatches('/calendar/admin/{proxy+}', '/other/calendar/admin/m')).toBe(false);
    expect(routes.routeMatches('/calendar/admin/{proxy+}', '/calendar/admin/{proxy+}')).toBe(true);
  });

  it('takes {proxy+} as special only at the end of the route', () => {
    // Act + Assess
    expect(routes.routeMatches('/{proxy+}/x', '/a/x')).toBe(false);
    expect(routes.routeMatches('/{proxy+}/x', '/{proxy+}/x')).toBe(true);
  });
});
