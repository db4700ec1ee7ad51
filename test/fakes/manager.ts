/** Builders for a manager's stored record in use-case tests: connections with calendars and roles. */
import type { CalendarConnection, CalendarRole, ManagerConnections } from '../../functions/domain/ports';
import { FAKE_DEFAULT } from './calendar';

/**
 * A connection of provider "fake" whose calendars have the given roles (default: the fake's default calendar books).
 */
export function fakeConnection(
  connectionId = 'fake-1',
  calendars: Array<{ id: string; role: CalendarRole; canEdit?: boolean }> = [{ id: FAKE_DEFAULT, role: 'book' }],
  extra: Partial<CalendarConnection> = {},
): CalendarConnection {
  return {
    connectionId,
    provider: 'fake',
    accountId: `${connectionId}-account`,
    account: `${connectionId}@contoso.example`,
    calendars: calendars.map((c) => ({ id: c.id, name: c.id, role: c.role, canEdit: c.canEdit ?? true })),
    credentials: 'v1.eyJhbGciOiJBMjU2R0NNIn0.c2VhbGVk',
    needsReconnect: false,
    connectedAt: '2026-11-01T00:00:00.000Z',
    // Far in the future, so no test's clock (fake or real) finds the owner's schedule stale unless it says so.
    scheduleCheckedAt: '9999-12-31T00:00:00.000Z',
    version: 1,
    ...extra,
  };
}

/** A manager record holding `connections`. */
export function managerRecord(managerId: string, connections: CalendarConnection[]): ManagerConnections {
  return { managerId, connections, revision: 0 };
}
