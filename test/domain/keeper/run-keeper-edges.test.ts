/** runKeeper's edges: the sweep's half of the budget, a failed sweep, busy and lapsed leases, a failed store read. */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ProviderUnavailableError } from '../../../functions/domain/errors';
import type { BookingRecord } from '../../../functions/domain/ports';
import { DAY, HOUR, keeperHarness } from './keeper-fixtures';

const T0 = Date.parse('2030-01-15T10:00:00.000Z');
const START = T0 + DAY;

describe('Function: runKeeper (edges)', () => {
  let h: Awaited<ReturnType<typeof keeperHarness>>;
  let runKeeper: typeof import('../../../functions/domain/keeper/run-keeper').runKeeper;
  const run = (budgetMs = 60_000, batchSize = 25) =>
    runKeeper(h.deps, { batchSize, deadline: { at: Date.now() + budgetMs } });
  const item = async (managerId: string) =>
    (await h.doc.send(new GetCommand({ TableName: h.tables.connections, Key: { managerId }, ConsistentRead: true })))
      .Item!;
  /** A pending lock left by an invocation cut off an hour ago (manual mode: no calendar to look in). */
  const staleLock = async (bookingId: string) => {
    const record: BookingRecord = {
      managerId: 'mgr',
      bookingId,
      start: new Date(START).toISOString(),
      end: new Date(START + HOUR / 2).toISOString(),
      startMs: START,
      endMs: START + HOUR / 2,
      callerName: 'Jane',
      status: 'pending',
      toolCallId: `tc-${bookingId}`,
      callId: 'call-1',
      confirmationCode: '123456',
      bookingKey: `key-${bookingId}`,
      createdAt: new Date(T0 - HOUR).toISOString(),
      cells: [START],
    };
    vi.setSystemTime(T0 - HOUR);
    await h.deps.bookings.reserve(record, record.cells!, T0 - HOUR + 60_000, T0 - HOUR);
    vi.setSystemTime(T0);
  };
  const warns = () => h.lines.filter((l) => l.level === 'warn');

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    vi.resetModules();
    ({ runKeeper } = await import('../../../functions/domain/keeper/run-keeper'));
    h = await keeperHarness();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('sweeps the due bookings first, within half of its budget', async () => {
    // Prepare
    await staleLock('stale-1');
    // Act
    const summary = await run(60_000);
    // Assess
    expect(summary.bookings).toEqual({ looked: 1, kept: 0, cancelled: 0, released: 1, left: 0 });
    expect(await h.deps.bookings.listDue(T0, 25)).toEqual([]);
  });

  it('with exactly 5 s: the bookings (2.5 s is too little) are left, the manager still gets its turn', async () => {
    // Prepare
    await staleLock('stale-1');
    await h.connectManager('idle', { connected: 20 * DAY, scheduleRead: HOUR });
    // Act
    const summary = await run(5_000);
    // Assess
    expect(summary.bookings).toEqual({ looked: 0, kept: 0, cancelled: 0, released: 0, left: 1 });
    expect(summary.managers).toMatchObject({ due: 1, refreshed: 1, left: 0 });
    expect(h.calendar.keptAlive).toBe(1);
  });

  it('a failed sweep is logged as an ERROR; the managers still get their turn', async () => {
    // Prepare
    await h.connectManager('idle', { connected: 20 * DAY, scheduleRead: HOUR });
    h.deps.bookings.listDue = () => Promise.reject(new Error('throttled'));
    // Act
    const summary = await run();
    // Assess
    expect(summary.bookings).toEqual({ looked: 0, kept: 0, cancelled: 0, released: 0, left: 0 });
    expect(summary.managers).toMatchObject({ due: 1, refreshed: 1 });
    expect(h.lines.filter((l) => l.level === 'error')).toEqual([
      { level: 'error', message: 'keeper: the bookings sweep failed', extra: { error: 'Error', reason: 'throttled' } },
    ]);
  });

  it('a manager another run holds is counted busy and logged as such', async () => {
    // Prepare: another run has just claimed it
    await h.connectManager('taken', { connected: 20 * DAY, scheduleRead: HOUR });
    expect(await h.deps.keeper.claim('taken', T0, T0 + 120_000)).toBeDefined();
    // Act
    const summary = await run();
    // Assess
    expect(summary.managers).toMatchObject({ due: 1, busy: 1, refreshed: 0 });
    expect(h.calendar.keptAlive).toBe(0);
    expect(h.managerLines('taken')).toEqual([
      { level: 'info', message: 'keeper: manager', extra: { managerId: 'taken', outcome: 'busy' } },
    ]);
  });

  it('its lease outlasts its deadline: a run starting 30 s later, the first still at work, is busy', async () => {
    // Prepare: a token endpoint that answers after 30 s; the second run starts meanwhile
    await h.connectManager('slow', { connected: 20 * DAY, scheduleRead: HOUR });
    let second: Awaited<ReturnType<typeof run>> | undefined;
    h.calendar.keepAlive = async () => {
      h.calendar.keptAlive++;
      if (second) return;
      vi.setSystemTime(T0 + 30_000);
      second = await run();
    };
    // Act
    const first = await run(60_000);
    // Assess
    expect(h.calendar.keptAlive).toBe(1);
    expect(first.managers).toMatchObject({ refreshed: 1, busy: 0 });
    expect(second!.managers).toMatchObject({ due: 1, busy: 1, refreshed: 0 });
  });

  it('reports how long the run took', async () => {
    // Prepare: the token endpoint takes 2 s
    await h.connectManager('idle', { connected: 20 * DAY, scheduleRead: HOUR });
    h.calendar.keepAlive = async () => {
      vi.setSystemTime(Date.now() + 2_000);
    };
    // Act
    const summary = await run();
    // Assess
    expect(summary.durationMs).toBe(2_000);
  });

  it('a failed provider: one WARN line naming the manager, outcome failed and the reason', async () => {
    // Prepare
    await h.connectManager('down', { connected: 30 * DAY, scheduleRead: HOUR });
    h.calendar.failKeepAlive = new ProviderUnavailableError('token endpoint 503');
    // Act
    await run();
    // Assess
    expect(h.managerLines('down')).toEqual([
      {
        level: 'warn',
        message: 'keeper: manager',
        extra: {
          managerId: 'down',
          outcome: 'failed',
          refreshed: 0,
          schedulesRead: 0,
          error: 'ProviderUnavailableError',
          reason: 'token endpoint 503',
        },
      },
    ]);
  });

  it('a manager whose record cannot be read: failed, one WARN line, looked at again in an hour', async () => {
    // Prepare
    await h.connectManager('unread', { connected: 20 * DAY, scheduleRead: HOUR });
    h.deps.connections.get = () => Promise.reject(new Error('throttled'));
    // Act
    const summary = await run();
    // Assess
    expect(summary.managers).toMatchObject({ due: 1, failed: 1, refreshed: 0, schedulesRead: 0, needsReconnect: 0 });
    expect(h.managerLines('unread')).toEqual([
      {
        level: 'warn',
        message: 'keeper: manager',
        extra: {
          managerId: 'unread',
          outcome: 'failed',
          refreshed: 0,
          schedulesRead: 0,
          error: 'Error',
          reason: 'throttled',
        },
      },
    ]);
    const stored = await item('unread');
    expect(stored.keeperDueMs).toBe(T0 + HOUR);
    expect(stored).not.toHaveProperty('keeperLeaseId');
  });

  it('a lease that lapsed mid-manager (another run took it): a WARN line, the other run wins', async () => {
    // Prepare: the token endpoint answers after the lease (deadline + 60 s) is over; another run takes the manager
    await h.connectManager('lapsed', { connected: 20 * DAY, scheduleRead: HOUR });
    let other: Awaited<ReturnType<typeof run>> | undefined;
    h.calendar.keepAlive = async () => {
      h.calendar.keptAlive++;
      if (other) return;
      vi.setSystemTime(T0 + 60_000 + 60_000 + 1);
      other = await run();
    };
    // Act
    await run(60_000);
    // Assess
    expect(other!.managers).toMatchObject({ refreshed: 1, busy: 0 });
    expect(warns()).toEqual([
      {
        level: 'warn',
        message: 'keeper: the lease lapsed before the manager was done',
        extra: { managerId: 'lapsed' },
      },
    ]);
    expect(await item('lapsed')).not.toHaveProperty('keeperLeaseId');
  });
});
