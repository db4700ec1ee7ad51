/** runKeeper: idle refresh, reconnect flags, schedule re-reads, idempotence, leases and bounds (DynamoDB Local). */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runKeeper } from '../../../functions/domain/keeper/run-keeper';
import { ProviderUnavailableError, ReconnectRequiredError } from '../../../functions/domain/errors';
import { versionsOf } from '../../../functions/domain/ports';
import { DAY, HOUR, keeperHarness } from './keeper-fixtures';

const T0 = Date.parse('2030-01-15T10:00:00.000Z');

describe('Function: runKeeper', () => {
  let h: Awaited<ReturnType<typeof keeperHarness>>;
  let scheduleReads: number;
  const run = (batchSize = 25, budgetMs = 60_000) =>
    runKeeper(h.deps, { batchSize, deadline: { at: Date.now() + budgetMs } });
  const item = async (managerId: string) =>
    (await h.doc.send(new GetCommand({ TableName: h.tables.connections, Key: { managerId }, ConsistentRead: true })))
      .Item!;

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    h = await keeperHarness();
    scheduleReads = 0;
    const read = h.calendar.getOwnerSchedule.bind(h.calendar);
    h.calendar.getOwnerSchedule = async () => {
      scheduleReads++;
      return read();
    };
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('leaves a fresh connection untouched: no refresh, no schedule read; next look when its schedule ages', async () => {
    // Prepare
    await h.connectManager('fresh');
    vi.setSystemTime(T0 + HOUR);
    // Act
    const summary = await run();
    // Assess
    expect(h.calendar.keptAlive).toBe(0);
    expect(scheduleReads).toBe(0);
    expect(summary.managers).toMatchObject({ due: 1, refreshed: 0, schedulesRead: 0, needsReconnect: 0 });
    expect(h.managerLines('fresh')).toEqual([
      { level: 'info', message: 'keeper: manager', extra: expect.objectContaining({ outcome: 'nothing_due' }) },
    ]);
    expect((await item('fresh')).keeperDueMs).toBe(T0 + 12 * HOUR);
  });

  it('redeems the refresh token of a connection idle past KEEPER_IDLE_DAYS and records lastRefreshedAt', async () => {
    // Prepare: connected 20 days ago, never used since; its schedule read an hour ago
    await h.connectManager('idle', { connected: 20 * DAY, scheduleRead: HOUR });
    // Act
    const summary = await run();
    // Assess
    expect(h.calendar.keptAlive).toBe(1);
    expect(scheduleReads).toBe(0);
    expect(summary.managers).toMatchObject({ due: 1, refreshed: 1 });
    const [kept] = (await h.deps.connections.get('idle'))!.connections;
    expect(kept!.lastRefreshedAt).toBe(new Date(T0).toISOString());
    expect(kept!.needsReconnect).toBe(false);
    // Next: the schedule, 11 hours on (the refresh is 14 days away now)
    expect((await item('idle')).keeperDueMs).toBe(T0 + 11 * HOUR);
    expect(h.managerLines('idle')).toEqual([
      expect.objectContaining({
        level: 'info',
        extra: expect.objectContaining({ outcome: 'refreshed', refreshed: 1 }),
      }),
    ]);
  });

  it('re-reads an owner schedule older than MAILBOX_REFRESH_HOURS and stores it', async () => {
    // Prepare
    await h.connectManager('stale', { scheduleRead: 13 * HOUR });
    h.calendar.schedule = { timeZone: 'Asia/Tokyo' };
    // Act
    const summary = await run();
    // Assess
    expect(scheduleReads).toBe(1);
    expect(h.calendar.keptAlive).toBe(0);
    expect(summary.managers.schedulesRead).toBe(1);
    const [kept] = (await h.deps.connections.get('stale'))!.connections;
    expect(kept).toMatchObject({ schedule: { timeZone: 'Asia/Tokyo' }, scheduleCheckedAt: new Date(T0).toISOString() });
  });

  it('a revoked grant: needs reconnect, one ReconnectRequired count, one WARN line, off the list', async () => {
    // Prepare
    await h.connectManager('revoked', { connected: 30 * DAY, scheduleRead: HOUR });
    h.calendar.failKeepAlive = new ReconnectRequiredError('invalid_grant');
    // Act
    const summary = await run();
    // Assess
    expect((await h.deps.connections.get('revoked'))!.connections[0]!.needsReconnect).toBe(true);
    expect(h.counts).toEqual([{ name: 'ReconnectRequired', dimensions: { provider: 'microsoft' } }]);
    expect(summary.managers.needsReconnect).toBe(1);
    expect(h.managerLines('revoked')).toEqual([
      {
        level: 'warn',
        message: 'keeper: manager',
        extra: expect.objectContaining({
          managerId: 'revoked',
          outcome: 'needs_reconnect',
          error: 'ReconnectRequiredError',
        }),
      },
    ]);
    expect(await item('revoked')).not.toHaveProperty('keeperDueMs');
  });

  it('a reconnect while the keeper works on the manager: the new grant stays on the list, due at the reconnect', async () => {
    // Prepare: a manager whose only grant is gone (the keeper will find nothing to keep), still on the list
    const gone = await h.connectManager('back', { connected: 20 * DAY, scheduleRead: HOUR });
    await h.deps.connections.markNeedsReconnect('back', gone.connectionId, new Date(T0).toISOString());
    const read = h.deps.connections.get.bind(h.deps.connections);
    h.deps.connections.get = async (managerId) => {
      const record = await read(managerId);
      // Right after the keeper's read: the manager reconnects (a save puts it due now), a minute on
      vi.setSystemTime(T0 + 60_000);
      const fresh = { ...gone, needsReconnect: false, connectedAt: new Date(T0 + 60_000).toISOString() };
      await h.deps.connections.save({ ...record!, connections: [fresh] }, versionsOf(record!));
      return record;
    };
    // Act
    await run();
    // Assess: kept on the list at the reconnect's due time, and the lease given back
    const stored = await item('back');
    expect(stored).toMatchObject({ keeperShard: 'due', keeperDueMs: T0 + 60_000 });
    expect(stored).not.toHaveProperty('keeperLeaseId');
    expect((await h.deps.connections.get('back'))!.connections[0]!.needsReconnect).toBe(false);
  });

  it('a provider that does not answer: counted as failed, tried again an hour later, not flagged', async () => {
    // Prepare
    await h.connectManager('down', { connected: 30 * DAY, scheduleRead: HOUR });
    h.calendar.failKeepAlive = new ProviderUnavailableError('token endpoint 503');
    // Act
    const summary = await run();
    // Assess
    expect(summary.managers.failed).toBe(1);
    expect((await h.deps.connections.get('down'))!.connections[0]!.needsReconnect).toBe(false);
    expect(h.counts).toEqual([]);
    expect((await item('down')).keeperDueMs).toBe(T0 + HOUR);
  });

  it('is idempotent: a second run right after finds nothing due and redeems nothing', async () => {
    // Prepare
    await h.connectManager('twice', { connected: 20 * DAY, scheduleRead: 13 * HOUR });
    await run();
    // Act
    const second = await run();
    // Assess
    expect(h.calendar.keptAlive).toBe(1);
    expect(scheduleReads).toBe(1);
    expect(second.managers).toMatchObject({ due: 0, refreshed: 0, schedulesRead: 0, busy: 0 });
  });

  it('two runs at once: one refresh; the other run finds the manager leased', async () => {
    // Prepare: a slow token endpoint, so both runs are inside the same manager at once
    await h.connectManager('race', { connected: 20 * DAY, scheduleRead: HOUR });
    h.calendar.keepAlive = async () => {
      await new Promise((resolve) => setTimeout(resolve, 300));
      h.calendar.keptAlive++;
    };
    // Act
    const [a, b] = await Promise.all([run(), run()]);
    // Assess
    expect(h.calendar.keptAlive).toBe(1);
    expect(a.managers.refreshed + b.managers.refreshed).toBe(1);
    expect(a.managers.busy + b.managers.busy).toBe(1);
  });

  it('is bounded by KEEPER_BATCH_SIZE: the longest-overdue first, the rest on the next run', async () => {
    // Prepare: three idle managers, enrolled in this order
    for (const [id, at] of [
      ['b-1', 1],
      ['b-2', 2],
      ['b-3', 3],
    ] as const) {
      vi.setSystemTime(T0 + at * 1000);
      await h.connectManager(id, { connected: 20 * DAY, scheduleRead: HOUR });
    }
    vi.setSystemTime(T0 + 10_000);
    // Act
    const first = await run(2);
    const second = await run(2);
    // Assess
    expect(first.managers).toMatchObject({ due: 2, refreshed: 2 });
    expect(h.lines.filter((l) => l.extra?.outcome === 'refreshed').map((l) => l.extra!.managerId)).toEqual([
      'b-1',
      'b-2',
      'b-3',
    ]);
    expect(second.managers).toMatchObject({ due: 1, refreshed: 1 });
  });

  it('is bounded by its time budget: managers it has no time for are left due for the next run', async () => {
    // Prepare
    await h.connectManager('late', { connected: 20 * DAY, scheduleRead: HOUR });
    // Act: 3 s left, less than a manager is started with
    const summary = await run(25, 3_000);
    // Assess
    expect(summary.managers).toMatchObject({ due: 1, left: 1, refreshed: 0 });
    expect(h.calendar.keptAlive).toBe(0);
    expect((await item('late')).keeperDueMs).toBeLessThanOrEqual(T0);
  });

  it('logs one summary line per run, with the bookings sweep result beside the managers', async () => {
    // Act
    const summary = await run();
    // Assess
    const finished = h.lines.filter((l) => l.message === 'keeper: run finished');
    expect(finished).toEqual([{ level: 'info', message: 'keeper: run finished', extra: summary }]);
    expect(summary.bookings).toEqual({ looked: 0, kept: 0, cancelled: 0, released: 0, left: 0 });
  });
});
