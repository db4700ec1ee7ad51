/** keepManager: how one manager's look ends (gone, failed, schedule read, nothing due) and when it is due next. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DAY, HOUR, keeperHarness } from './keeper-fixtures';

const T0 = Date.parse('2030-01-15T10:00:00.000Z');
const MINUTE = 60_000;

describe('Function: keepManager', () => {
  let h: Awaited<ReturnType<typeof keeperHarness>>;
  let keepManager: typeof import('../../../functions/domain/keeper/keep-manager').keepManager;
  let errors: typeof import('../../../functions/domain/errors');
  const keep = (managerId: string) => keepManager(managerId, h.deps, { at: Date.now() + 60_000 });

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    vi.resetModules();
    ({ keepManager } = await import('../../../functions/domain/keeper/keep-manager'));
    errors = await import('../../../functions/domain/errors');
    h = await keeperHarness();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('a manager whose record is gone: nothing done, nothing left to keep', async () => {
    // Act
    const result = await keep('nobody');
    // Assess
    expect(result).toEqual({
      outcome: 'gone',
      refreshed: 0,
      schedulesRead: 0,
      reconnect: 0,
      failed: 0,
      nextDueMs: undefined,
    });
    expect(h.calendar.opened).toEqual([]);
  });

  it('a provider that does not answer: failed, with its reason, and not due again before an hour', async () => {
    // Prepare: the refresh is due; the schedule, read an hour ago, is due in 11 hours
    await h.connectManager('down', { connected: 30 * DAY, scheduleRead: HOUR });
    h.calendar.failKeepAlive = new errors.ProviderUnavailableError('token endpoint 503');
    // Act
    const result = await keep('down');
    // Assess
    expect(result).toEqual({
      outcome: 'failed',
      refreshed: 0,
      schedulesRead: 0,
      reconnect: 0,
      failed: 1,
      nextDueMs: T0 + HOUR,
      error: { error: 'ProviderUnavailableError', reason: 'token endpoint 503' },
    });
  });

  it('only the owner schedule re-read: schedule_read, due again when the schedule ages', async () => {
    // Prepare
    await h.connectManager('stale', { scheduleRead: 13 * HOUR });
    // Act
    const result = await keep('stale');
    // Assess
    expect(result).toEqual({
      outcome: 'schedule_read',
      refreshed: 0,
      schedulesRead: 1,
      reconnect: 0,
      failed: 0,
      nextDueMs: T0 + 12 * HOUR,
    });
  });

  it('nothing due yet: nothing_due, due again at the refresh 30 minutes on (no hour added)', async () => {
    // Prepare: connected 14 days less 30 minutes ago, the schedule read an hour ago
    await h.connectManager('soon', { connected: 14 * DAY - 30 * MINUTE, scheduleRead: HOUR });
    // Act
    const result = await keep('soon');
    // Assess
    expect(result).toEqual({
      outcome: 'nothing_due',
      refreshed: 0,
      schedulesRead: 0,
      reconnect: 0,
      failed: 0,
      nextDueMs: T0 + 30 * MINUTE,
    });
    expect(h.calendar.keptAlive).toBe(0);
  });
});
