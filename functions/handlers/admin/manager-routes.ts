/** The admin routes on one manager: their view, their settings, a calendar's role, a disconnect, their bookings. */
import { ValidationError } from '../../domain/errors';
import { disconnect, setCalendarRole } from '../../domain/manage/calendar-admin';
import { listManagerBookings } from '../../domain/manage/manager-bookings';
import { getManagerView, viewOf } from '../../domain/manage/manager-view';
import type { StatusDeps } from '../../runtime/compose-status';
import { logger } from '../../runtime/logger';
import { BASE_HEADERS, type HttpEvent, type HttpResult, json } from '../shared/http';
import { jsonBody, queryOf } from './request';
import { bookingsQuerySchema, parseOrThrow, parseSettings, roleBodySchema } from './schemas';

/** What a matched route is given: the event and its decoded, validated path parameters. */
export interface AdminRequest {
  event: HttpEvent;
  managerId: string;
  connectionId?: string;
  calendarId?: string;
}

export type AdminRoute = (request: AdminRequest, deps: StatusDeps) => Promise<HttpResult>;

/** GET managers/{id}: mode, settings and connections (no credential material). */
export const getManager: AdminRoute = async ({ managerId }, deps) => json(200, await getManagerView(managerId, deps));

/** PUT managers/{id}/settings: merges any subset of the settings (null removes one); answers the merged settings. */
export const putSettings: AdminRoute = async ({ event, managerId }, deps) => {
  const changes = parseSettings(jsonBody(event) ?? missingBody());
  const settings = await deps.settings.merge(managerId, changes, new Date(deps.clock()).toISOString());
  logger.info('admin change', { action: 'settings', managerId, settings: Object.keys(changes) });
  return json(200, { managerId, settings });
};

/** PUT managers/{id}/connections/{connectionId}/calendars/{calendarId} {"role"}: answers the manager's view. */
export const putRole: AdminRoute = async ({ event, managerId, connectionId, calendarId }, deps) => {
  const { role } = parseOrThrow(roleBodySchema, jsonBody(event) ?? missingBody());
  const target = { connectionId: connectionId!, calendarId: calendarId!, role };
  const record = await setCalendarRole(managerId, target, deps).catch(namingRole);
  logger.info('admin change', { action: 'role', managerId, connectionId, role });
  return json(200, viewOf(managerId, record, (await deps.settings.get(managerId)) ?? {}));
};

/** DELETE managers/{id}/connections/{connectionId}: revokes where it can, deletes the sealed credentials; 204. */
export const deleteConnection: AdminRoute = async ({ managerId, connectionId }, deps) => {
  await disconnect(managerId, connectionId!, deps);
  logger.info('admin change', { action: 'disconnect', managerId, connectionId });
  return { statusCode: 204, headers: { ...BASE_HEADERS } };
};

/** GET managers/{id}/bookings?from=&to=: the bookings starting on those days (both included, the manager's zone). */
export const listBookings: AdminRoute = async ({ event, managerId }, deps) => {
  const range = parseOrThrow(bookingsQuerySchema, queryOf(event));
  return json(200, await listManagerBookings(managerId, range, deps));
};

function missingBody(): never {
  throw new ValidationError('body: is required, a JSON object', 'body');
}

/** The use case's rule violations are about the role the operator asked for: say so. */
function namingRole(error: unknown): never {
  if (error instanceof ValidationError && error.reason === 'role' && !error.message.startsWith('role:')) {
    throw new ValidationError(`role: ${error.message}`, 'role', { cause: error });
  }
  throw error;
}
