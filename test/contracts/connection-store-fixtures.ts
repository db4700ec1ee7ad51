/** ConnectionStore contract fixtures: connections, records, an item as the single-connection version wrote it. */
import { readFileSync } from 'node:fs';
import { connectionIdFor } from '../../functions/domain/connect/calendar-roles';
import type { LegacyConnectionItem } from '../../functions/adapters/dynamo/legacy-migration';
import type { CalendarConnection, ConnectionStore, ManagerConnections } from '../../functions/domain/ports';
import type { WorkingSchedule } from '../../functions/domain/types';

export const WORKING: WorkingSchedule = {
  timeZone: 'Europe/London',
  week: { monday: [{ start: '09:00', end: '17:00' }] },
};
export const PLAINTEXT = '{"RefreshToken":{"x":{"secret":"rt"}}}';
export const AT = '2030-02-01T00:00:00.000Z';

/** A connection of account `name`, sealed credentials and all (ids as connectionIdFor makes them: [a-z0-9-]). */
export const connection = (name: string, extra: Partial<CalendarConnection> = {}): CalendarConnection => ({
  connectionId: `microsoft-${name}`,
  provider: 'microsoft',
  accountId: `${name}-account-id`,
  account: `${name}@example.com`,
  calendars: [
    { id: `${name}-cal`, name: 'Calendar', role: 'busy', canEdit: true },
    { id: `${name}-shared`, name: 'Team', role: 'ignore', canEdit: false },
  ],
  credentials: `v1.sealed-${name}.blob`,
  needsReconnect: false,
  connectedAt: '2030-01-01T00:00:00.000Z',
  version: 0,
  schedule: { timeZone: 'Europe/London', working: WORKING },
  scheduleCheckedAt: '2030-01-01T00:00:01.000Z',
  ...extra,
});

/** A record of `managerId` holding `connections` at `revision`. */
export const record = (managerId: string, connections: CalendarConnection[], revision = 0): ManagerConnections => ({
  managerId,
  connections,
  revision,
});

/** What get() returns right after the first save of `connections` (saved at revision 0, stored at 1). */
export const saved = (managerId: string, connections: CalendarConnection[]) => record(managerId, connections, 1);

/** Stores `connections` as a manager's first connect does; returns what get() then reads. */
export async function connect(store: ConnectionStore, managerId: string, ...connections: CalendarConnection[]) {
  await store.save(record(managerId, connections), undefined);
  return (await store.get(managerId))!;
}

/** test/events/dynamo/legacy-connection.json: an item the single-connection version wrote (plain attributes). */
export const LEGACY_FIXTURE = JSON.parse(
  readFileSync(new URL('../events/dynamo/legacy-connection.json', import.meta.url), 'utf8'),
) as LegacyConnectionItem & { version: number; lastUsedAt: string };

/** The fixture under another manager id (its sealed blob then no longer opens: only the Dynamo test opens it). */
export const legacyItem = (managerId: string, extra: Partial<LegacyConnectionItem> = {}): LegacyConnectionItem => ({
  ...structuredClone(LEGACY_FIXTURE),
  managerId,
  ...extra,
});

/** What get() reads from the fixture, as `managerId`: one connection booking on the account's default calendar. */
export function migratedRecord(managerId: string): ManagerConnections {
  const old = LEGACY_FIXTURE;
  return {
    managerId,
    revision: 0,
    connections: [
      {
        connectionId: connectionIdFor('microsoft', old.homeAccountId),
        provider: 'microsoft',
        accountId: old.homeAccountId,
        account: old.account,
        displayName: old.displayName!,
        calendars: [{ id: 'default', name: 'Calendar', role: 'book', canEdit: true }],
        credentials: old.tokenCache,
        needsReconnect: false,
        connectedAt: old.connectedAt,
        lastUsedAt: old.lastUsedAt,
        version: old.version,
        schedule: { timeZone: old.timeZone!, working: old.working as WorkingSchedule },
        scheduleCheckedAt: old.mailboxCheckedAt!,
      },
    ],
  };
}
