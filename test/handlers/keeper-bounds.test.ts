/**
 * The keeper handler's bounds: a run's deadline (KEEPER_BUDGET_SECONDS or the invocation's time left less a margin),
 * its batch and page sizes, the cursor an enrolment continues from, the `function` log key, and the metrics flushed
 * after every run (a failed one too). The runtime and the two use cases are stand-ins that record their calls.
 */
import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { captureOutput } from '../integration/log-capture';

const calls = vi.hoisted(() => ({ run: vi.fn(), enrol: vi.fn(), flush: vi.fn() }));
vi.mock('../../functions/runtime/compose-keeper', () => ({
  keeperRuntime: async () => ({
    deps: { name: 'deps' },
    config: { idleDays: 14, batchSize: 7, budgetSeconds: 240 },
    metrics: { flush: calls.flush },
  }),
}));
vi.mock('../../functions/domain/keeper/run-keeper', () => ({ runKeeper: calls.run }));
vi.mock('../../functions/domain/keeper/enrol-managers', () => ({ enrolManagers: calls.enrol }));

const { enrolOnce, handler, keepOnce } = await import('../../functions/handlers/keeper');
const { currentLogger } = await import('../../functions/runtime/logger');

const NOW = Date.parse('2026-12-01T03:00:00Z');
const context = (remainingMs: number) =>
  ({
    functionName: 'keeper',
    awsRequestId: 'req-1',
    getRemainingTimeInMillis: () => remainingMs,
  }) as unknown as Context;

beforeEach(() => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
  calls.run.mockReset().mockResolvedValue({ checked: 3 });
  calls.enrol.mockReset().mockResolvedValue({ enrolled: 2 });
  calls.flush.mockReset();
});
afterEach(() => vi.useRealTimers());

describe('Handler: keeper (bounds)', () => {
  it('runs with the batch size until the budget, and returns the summary; the metrics flushed after', async () => {
    // Act
    const summary = await keepOnce();

    // Assess
    expect(summary).toEqual({ checked: 3 });
    expect(calls.run).toHaveBeenCalledWith({ name: 'deps' }, { batchSize: 7, deadline: { at: NOW + 240_000 } });
    expect(calls.flush).toHaveBeenCalledOnce();
    expect(calls.flush.mock.invocationCallOrder[0]).toBeGreaterThan(calls.run.mock.invocationCallOrder[0]!);
  });

  it("ends a run 5 s before the invocation's time runs out when that comes before the budget", async () => {
    // Act
    await keepOnce(60_000);

    // Assess
    expect(calls.run).toHaveBeenCalledWith({ name: 'deps' }, { batchSize: 7, deadline: { at: NOW + 55_000 } });
  });

  it('logs inside a run with the function key, and flushes the metrics also when the run fails', async () => {
    // Prepare
    calls.run.mockImplementation(async () => {
      currentLogger().info('keeper step');
      throw new Error('table gone');
    });
    const logs = captureOutput();

    // Act
    const run = keepOnce().finally(logs.stop);

    // Assess
    await expect(run).rejects.toThrow('table gone');
    expect(logs.entries()).toContainEqual(expect.objectContaining({ message: 'keeper step', function: 'keeper' }));
    expect(calls.flush).toHaveBeenCalledOnce();
  });

  it('enrols a page of 100 from the cursor, or from the start without one', async () => {
    // Act
    const next = await enrolOnce('page-2', 60_000);
    await enrolOnce();

    // Assess
    expect(next).toEqual({ enrolled: 2 });
    expect(calls.enrol).toHaveBeenNthCalledWith(
      1,
      { name: 'deps' },
      { deadline: { at: NOW + 55_000 }, pageSize: 100, cursor: 'page-2' },
    );
    expect(calls.enrol).toHaveBeenNthCalledWith(
      2,
      { name: 'deps' },
      { deadline: { at: NOW + 240_000 }, pageSize: 100 },
    );
  });

  it("answers the schedule's event with a run, an enrolment request with an enrolment, in the time left", async () => {
    // Act
    const routine = await handler({ source: 'aws.scheduler' }, context(100_000));
    const enrolment = await handler({ enrol: true, cursor: 'page-3' }, context(30_000));

    // Assess
    expect(routine).toEqual({ checked: 3 });
    expect(calls.run).toHaveBeenCalledWith({ name: 'deps' }, { batchSize: 7, deadline: { at: NOW + 95_000 } });
    expect(enrolment).toEqual({ enrolled: 2 });
    expect(calls.enrol).toHaveBeenCalledWith(
      { name: 'deps' },
      { deadline: { at: NOW + 25_000 }, pageSize: 100, cursor: 'page-3' },
    );
  });
});
