/**
 * GET /calendar/auth/status?manager=<id>: the operator's summary of a manager's calendars, in the shape it had when a
 * manager had one connection. `connected`: some connection works; `needsReconnect`: some connection needs the manager
 * to connect again; provider, account, zone and dates: those of the connection holding the book calendar.
 */
import { assertManagerId } from '../../domain/connect/invite';
import { ValidationError } from '../../domain/errors';
import type { ConnectionStore } from '../../domain/ports';
import { scheduleConnection } from '../../domain/scheduling/manager-rules';
import { type HttpEvent, type HttpResult, json, queryParam } from '../shared/http';

/** The status answer for the manager the query names. */
export async function connectionStatus(
  event: HttpEvent,
  deps: { connections: Pick<ConnectionStore, 'get'> },
): Promise<HttpResult> {
  const managerId = queryParam(event, 'manager');
  if (!managerId) throw new ValidationError('The manager query parameter is required.', 'manager_missing');
  assertManagerId(managerId);
  const connections = (await deps.connections.get(managerId))?.connections ?? [];
  const main = scheduleConnection(connections);
  return json(200, {
    managerId,
    connected: connections.some((c) => !c.needsReconnect),
    provider: main?.provider ?? null,
    account: main?.account ?? null,
    timeZone: main?.schedule?.timeZone ?? null,
    needsReconnect: connections.some((c) => c.needsReconnect),
    connectedAt: main?.connectedAt ?? null,
    lastUsedAt: main?.lastUsedAt ?? null,
  });
}
