/** When a connection needs the keeper: idle refresh and schedule re-read due times (pure). */
import { describe, expect, it } from 'vitest';
import { dueWork, lastActiveMs, nextDueMs } from '../../../functions/domain/keeper/keeper-due';
import type { CalendarConnection } from '../../../functions/domain/ports';
import { connection } from '../../contracts/connection-store-fixtures';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const T0 = Date.parse('2030-06-01T00:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const policy = { idleMs: 14 * DAY, scheduleRefreshMs: 12 * HOUR };
const at = (name: string, extra: Partial<CalendarConnection>) => connection(name, extra);

describe('Function: keeper due times', () => {
  it('a connection is as fresh as its latest connect, keeper refresh or use by a call', () => {
    // Prepare
    const used = at('u', { connectedAt: iso(T0 - 30 * DAY), lastRefreshedAt: iso(T0 - 20 * DAY), lastUsedAt: iso(T0) });
    // Act & Assess
    expect(lastActiveMs(used)).toBe(T0);
    expect(lastActiveMs({ ...used, lastUsedAt: undefined })).toBe(T0 - 20 * DAY);
  });

  it("a call's use does not count for an account whose calendars are all ignored (no call touches its tokens)", () => {
    // Prepare
    const ignored = at('i', {
      connectedAt: iso(T0 - 30 * DAY),
      lastUsedAt: iso(T0),
      scheduleCheckedAt: iso(T0),
      calendars: [{ id: 'c', name: 'Team', role: 'ignore', canEdit: false }],
    });
    // Act
    const work = dueWork({ managerId: 'm', connections: [ignored], revision: 1 }, policy, T0);
    // Assess
    expect(work).toEqual([{ connection: ignored, refresh: true, schedule: false }]);
  });

  it("reads only the schedule connection's schedule, and skips a connection that needs reconnect", () => {
    // Prepare: both stale; the second holds the book calendar; a third is broken
    const first = at('a', { connectedAt: iso(T0), scheduleCheckedAt: iso(T0 - DAY) });
    const book = at('b', {
      connectedAt: iso(T0),
      scheduleCheckedAt: iso(T0 - DAY),
      calendars: [{ id: 'b', name: 'Calendar', role: 'book', canEdit: true }],
    });
    const broken = at('x', { connectedAt: iso(T0 - 99 * DAY), needsReconnect: true });
    const record = { managerId: 'm', connections: [first, book, broken], revision: 1 };
    // Act
    const work = dueWork(record, policy, T0);
    // Assess
    expect(work).toEqual([{ connection: book, refresh: false, schedule: true }]);
    expect(nextDueMs(record, policy)).toBe(T0 - DAY + 12 * HOUR);
  });

  it('a schedule never read is due at once; nothing left to keep has no next due time', () => {
    // Prepare
    const unread = at('n', { connectedAt: iso(T0), scheduleCheckedAt: undefined });
    // Act & Assess
    expect(nextDueMs({ managerId: 'm', connections: [unread], revision: 1 }, policy)).toBe(0);
    expect(nextDueMs({ managerId: 'm', connections: [{ ...unread, needsReconnect: true }], revision: 1 }, policy)).toBe(
      undefined,
    );
  });

  it('a refresh and a schedule read fall due at the very instant their periods run out', () => {
    // Prepare: connected exactly 14 days ago, its schedule read exactly 12 hours ago
    const ripe = at('r', { connectedAt: iso(T0 - 14 * DAY), scheduleCheckedAt: iso(T0 - 12 * HOUR) });
    const record = { managerId: 'm', connections: [ripe], revision: 1 };
    // Act
    const atTheInstant = dueWork(record, policy, T0);
    const justBefore = dueWork(record, policy, T0 - 1);
    // Assess
    expect(atTheInstant).toEqual([{ connection: ripe, refresh: true, schedule: true }]);
    expect(justBefore).toEqual([]);
  });

  it("only the schedule connection's schedule sets the next due time, however stale another's is", () => {
    // Prepare: the second account holds the book calendar; the first one's schedule is a month old
    const other = at('a', { connectedAt: iso(T0), scheduleCheckedAt: iso(T0 - 30 * DAY) });
    const owner = at('b', {
      connectedAt: iso(T0),
      scheduleCheckedAt: iso(T0),
      calendars: [{ id: 'b', name: 'Calendar', role: 'book', canEdit: true }],
    });
    // Act
    const next = nextDueMs({ managerId: 'm', connections: [other, owner], revision: 1 }, policy);
    // Assess: the owner's schedule in 12 hours (the refreshes are 14 days away)
    expect(next).toBe(T0 + 12 * HOUR);
  });
});
