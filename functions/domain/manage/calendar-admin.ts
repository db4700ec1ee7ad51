/**
 * Changing a manager's calendars: giving a calendar a role, and disconnecting an account. Both are read-modify-write
 * on the manager's record, conditional on what was read (retried when a token write-back got in between).
 */
import { CREDENTIALS_PURPOSE } from '../../contract/credentials';
import { reassignBook } from '../connect/calendar-roles';
import { ConcurrencyError, errorFields, NotFoundError, ValidationError } from '../errors';
import {
  type CalendarConnection,
  type CalendarRole,
  type Cipher,
  type Clock,
  type ConnectionStore,
  type Log,
  type ManagerConnections,
  type ProviderRegistry,
  versionsOf,
} from '../ports';

export interface CalendarAdminDeps {
  connections: ConnectionStore;
  providers: ProviderRegistry;
  cipher: Cipher;
  clock: Clock;
  log?: Log;
}

/** Runs `change` on the freshly read record and saves it; a concurrent write means reading again (3 tries). */
async function update(
  managerId: string,
  deps: CalendarAdminDeps,
  change: (record: ManagerConnections) => CalendarConnection[],
): Promise<ManagerConnections> {
  for (let attempt = 0; ; attempt++) {
    const record = await deps.connections.get(managerId);
    if (!record) throw new NotFoundError(`Manager ${managerId} has no connected calendars`);
    const next = { ...record, connections: change(record) };
    try {
      await deps.connections.save(next, versionsOf(record));
      return { ...next, revision: record.revision + 1 };
    } catch (error) {
      if (!(error instanceof ConcurrencyError) || attempt >= 2) throw error;
    }
  }
}

/** Why a shared calendar can only be ignored (the admin API and the manager's page show it as is). */
const SHARED =
  'That calendar is shared with this account by someone else. The assistant has no access to shared calendars, so ' +
  'it can only be ignored: it cannot count as busy or take bookings.';

/**
 * Gives one calendar a role. `book` moves the previous book calendar to `busy`; the book calendar itself cannot be
 * set to busy or ignore (a manager always has one calendar taking bookings: give another one `book` instead); a
 * shared calendar stays `ignore`.
 */
export function setCalendarRole(
  managerId: string,
  target: { connectionId: string; calendarId: string; role: CalendarRole },
  deps: CalendarAdminDeps,
): Promise<ManagerConnections> {
  return update(managerId, deps, (record) => {
    const connection = record.connections.find((c) => c.connectionId === target.connectionId);
    const calendar = connection?.calendars.find((cal) => cal.id === target.calendarId);
    if (!connection || !calendar) throw new NotFoundError('No such calendar for this manager');
    if (calendar.shared && target.role !== 'ignore') throw new ValidationError(SHARED, 'role');
    if (target.role === 'book' && !calendar.canEdit) {
      throw new ValidationError('That calendar is read-only, so it cannot take bookings.', 'role');
    }
    if (calendar.role === 'book' && target.role !== 'book') {
      throw new ValidationError('This calendar takes the bookings: give another calendar the book role first.', 'role');
    }
    return record.connections.map((c) => ({
      ...c,
      calendars: c.calendars.map((cal) => {
        if (c === connection && cal === calendar) return { ...cal, role: target.role };
        return target.role === 'book' && cal.role === 'book' ? { ...cal, role: 'busy' as const } : cal;
      }),
    }));
  });
}

/**
 * Disconnects an account: revokes the grant at the provider where it has a way to (a failure, or a provider not
 * configured in this function, is logged, never blocking), then deletes the connection and its sealed credentials.
 * If it took the bookings, another connected calendar takes them; with none left the manager falls back to manual
 * mode (their hours) or "not set up".
 */
export async function disconnect(managerId: string, connectionId: string, deps: CalendarAdminDeps): Promise<void> {
  const record = await deps.connections.get(managerId);
  const connection = record?.connections.find((c) => c.connectionId === connectionId);
  if (!connection) throw new NotFoundError('No such connection for this manager');
  const plugin = deps.providers.get(connection.provider);
  if (!plugin) {
    // Whether this provider could have revoked the grant is unknown here: say that nothing was revoked.
    deps.log?.warn('provider not configured here: the grant was not revoked at the provider, only deleted', {
      managerId,
      connectionId,
      provider: connection.provider,
    });
  } else if (plugin.revoke) {
    try {
      const credentials = await deps.cipher.open(connection.credentials, { managerId, purpose: CREDENTIALS_PURPOSE });
      await plugin.revoke(credentials, { at: deps.clock() + 5_000 });
    } catch (error) {
      deps.log?.warn('revoking the grant at the provider failed; deleting it here anyway', {
        managerId,
        connectionId,
        ...errorFields(error),
      });
    }
  }
  await update(managerId, deps, (current) =>
    reassignBook(current.connections.filter((c) => c.connectionId !== connectionId)),
  );
}
