/** enrolManagers: the one-off enrolment of managers stored before the keeper, bounded and resumable (DynamoDB Local). */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { enrolManagers } from '../../../functions/domain/keeper/enrol-managers';
import { runKeeper } from '../../../functions/domain/keeper/run-keeper';
import { DAY, HOUR, keeperHarness } from './keeper-fixtures';

/** A summer instant (the keeper works in epoch ms: no zone enters, but the clock is pinned all the same). */
const T0 = Date.parse('2030-07-15T10:00:00.000Z');

describe('Function: enrolManagers', () => {
  let h: Awaited<ReturnType<typeof keeperHarness>>;
  const run = () => runKeeper(h.deps, { batchSize: 25, deadline: { at: Date.now() + 60_000 } });
  const enrol = (cursor?: string, budgetMs = 60_000, pageSize = 100) =>
    enrolManagers(h.deps, { pageSize, deadline: { at: Date.now() + budgetMs }, ...(cursor ? { cursor } : {}) });
  const item = async (managerId: string) =>
    (await h.doc.send(new GetCommand({ TableName: h.tables.connections, Key: { managerId }, ConsistentRead: true })))
      .Item!;
  /** Connected before the keeper existed: idle 20 days, and without the keeper's attributes. */
  const connectBeforeKeeper = async (managerId: string) => {
    await h.connectManager(managerId, { connected: 20 * DAY, scheduleRead: HOUR });
    await h.doc.send(
      new UpdateCommand({
        TableName: h.tables.connections,
        Key: { managerId },
        UpdateExpression: 'REMOVE keeperShard, keeperDueMs',
      }),
    );
  };

  beforeEach(async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(T0);
    h = await keeperHarness();
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('puts a manager from before the keeper on the list, due now, so the next run keeps its idle grant', async () => {
    // Prepare
    await connectBeforeKeeper('old');
    const unseen = await run();
    // Act
    const summary = await enrol();
    const kept = await run();
    // Assess: a routine run alone never sees it; after the enrolment the next run redeems its refresh token
    expect(unseen.managers.due).toBe(0);
    expect(summary.enrol).toEqual({ scanned: 1, enrolled: 1, pages: 1, done: true });
    expect(kept.managers).toMatchObject({ due: 1, refreshed: 1 });
    expect(h.calendar.keptAlive).toBe(1);
    expect(h.lines).toContainEqual({ level: 'info', message: 'keeper: enrolment finished', extra: summary });
  });

  it('never moves a due time already set: a second enrolment enrols nothing', async () => {
    // Prepare: a manager the keeper already lists, due in 12 hours
    await h.connectManager('listed');
    await run();
    const due = (await item('listed')).keeperDueMs;
    // Act
    const summary = await enrol();
    // Assess
    expect(summary.enrol).toMatchObject({ scanned: 1, enrolled: 0, done: true });
    expect((await item('listed')).keeperDueMs).toBe(due);
    expect(due).toBe(T0 + 12 * HOUR);
  });

  it('is bounded by its budget: it stops with a cursor, and a run from that cursor enrols the rest', async () => {
    // Prepare: three managers from before the keeper; each page takes a second
    for (const id of ['p1', 'p2', 'p3']) await connectBeforeKeeper(id);
    const page = h.deps.keeper.enrol.bind(h.deps.keeper);
    h.deps.keeper.enrol = async (...args) => {
      vi.setSystemTime(Date.now() + 1_000);
      return page(...args);
    };
    // Act: 6.5 s, one item a page: two pages start (a page needs 5 s left), the third would not fit
    const first = await enrol(undefined, 6_500, 1);
    const rest = await enrol(first.enrol.cursor, 60_000, 1);
    // Assess
    expect(first.enrol).toMatchObject({ scanned: 2, enrolled: 2, pages: 2, done: false, cursor: expect.any(String) });
    expect(first.durationMs).toBe(2_000);
    expect(rest.enrol).toMatchObject({ enrolled: 1, done: true });
    expect(rest.enrol).not.toHaveProperty('cursor');
    for (const id of ['p1', 'p2', 'p3']) expect(await item(id)).toHaveProperty('keeperShard', 'due');
  });

  it('with no time for a page reads nothing and is not done, and has no cursor to give', async () => {
    // Prepare
    await connectBeforeKeeper('none');
    // Act
    const summary = await enrol(undefined, 4_000);
    // Assess: strictly, so a `cursor` key holding undefined counts as one
    expect(summary.enrol).toStrictEqual({ scanned: 0, enrolled: 0, pages: 0, done: false });
    expect(await item('none')).not.toHaveProperty('keeperShard');
  });

  it('starts a page with exactly 5 s left', async () => {
    // Prepare
    await connectBeforeKeeper('edge');
    // Act
    const summary = await enrol(undefined, 5_000);
    // Assess
    expect(summary.enrol).toEqual({ scanned: 1, enrolled: 1, pages: 1, done: true });
    expect(await item('edge')).toHaveProperty('keeperShard', 'due');
  });
});
