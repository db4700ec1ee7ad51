/**
 * The admin API under /calendar/admin/: matches the path's decoded segments against the route table, validates each
 * path parameter at the edge, and answers 404 (unknown path) or 405 (known path, other method) with the reason.
 */
import type * as z from 'zod/mini';
import { PATHS } from '../../contract/routes';
import { ConcurrencyError, NotFoundError } from '../../domain/errors';
import type { StatusDeps } from '../../runtime/compose-status';
import { type HttpEvent, type HttpResult, json } from '../shared/http';
import {
  type AdminRequest,
  type AdminRoute,
  deleteConnection,
  getManager,
  listBookings,
  putRole,
  putSettings,
} from './manager-routes';
import { pathSegments } from './request';
import { calendarIdSchema, connectionIdSchema, managerIdSchema, parseOrThrow } from './schemas';

type Param = 'managerId' | 'connectionId' | 'calendarId';

const PARAMS: Record<Param, z.ZodMiniType<string>> = {
  managerId: managerIdSchema,
  connectionId: connectionIdSchema,
  calendarId: calendarIdSchema,
};

interface RouteEntry {
  method: 'GET' | 'PUT' | 'DELETE';
  /** Literal segments, and `{param}` for a path parameter. */
  path: string;
  run: AdminRoute;
}

/** Every admin route (below /calendar/admin). */
export const ADMIN_ROUTES: readonly RouteEntry[] = [
  { method: 'GET', path: 'managers/{managerId}', run: getManager },
  { method: 'PUT', path: 'managers/{managerId}/settings', run: putSettings },
  { method: 'PUT', path: 'managers/{managerId}/connections/{connectionId}/calendars/{calendarId}', run: putRole },
  { method: 'DELETE', path: 'managers/{managerId}/connections/{connectionId}', run: deleteConnection },
  { method: 'GET', path: 'managers/{managerId}/bookings', run: listBookings },
];

const LISTING = ADMIN_ROUTES.map((r) => `${r.method} ${PATHS.admin}/${r.path}`).join(', ');

/** The path parameters when `segments` has the route's shape (values still unvalidated), else undefined. */
function match(path: string, segments: string[]): Partial<Record<Param, string>> | undefined {
  const parts = path.split('/');
  if (parts.length !== segments.length) return undefined;
  const params: Partial<Record<Param, string>> = {};
  for (const [i, part] of parts.entries()) {
    const param = /^\{(\w+)\}$/.exec(part)?.[1] as Param | undefined;
    if (param) params[param] = segments[i]!;
    else if (part !== segments[i]) return undefined;
  }
  return params;
}

/** Answers one admin request (the caller has checked the admin token already). */
export async function adminRoute(event: HttpEvent, deps: StatusDeps): Promise<HttpResult> {
  const method = event.requestContext.http.method.toUpperCase();
  const segments = pathSegments(event.rawPath, PATHS.admin) ?? [];
  const matches = ADMIN_ROUTES.flatMap((route) => {
    const params = match(route.path, segments);
    return params ? [{ route, params }] : [];
  });
  if (!matches.length)
    throw new NotFoundError(`No admin route for ${method} ${event.rawPath}. The routes are ${LISTING}.`);
  const found = matches.find((m) => m.route.method === method);
  if (!found) {
    const allow = matches.map((m) => m.route.method).join(', ');
    return json(405, { error: `${method} is not served here; this path takes ${allow}.` }, { allow });
  }
  const request: AdminRequest = { event, managerId: '' };
  for (const [name, value] of Object.entries(found.params) as [Param, string][]) {
    request[name] = parseOrThrow(PARAMS[name], value, name);
  }
  try {
    return await found.route.run(request, deps);
  } catch (error) {
    if (!(error instanceof ConcurrencyError)) throw error;
    // The use cases retried the lost race already; past that, trying again later is the operator's move.
    const message = "The manager's connections changed while this was being saved. Try again.";
    return json(409, { error: message });
  }
}
