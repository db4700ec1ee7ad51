/** The keeper's settings: defaults, limits, and every bad variable named at once. */
import { describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../functions/contract/env';
import { readKeeperConfig, readKeeperIntervalMinutes } from '../../functions/contract/keeper-config';

describe('Function: readKeeperConfig', () => {
  it('defaults to 14 idle days, 25 per run and a 240 s budget; the local timer to 60 minutes', async () => {
    // Prepare: loaded afresh, so the module-level KEEPER_DEFAULTS is computed inside this test.
    vi.resetModules();
    const fresh = await import('../../functions/contract/keeper-config');
    // Act
    const config = fresh.readKeeperConfig({});
    // Assess
    expect(config).toEqual({ idleDays: 14, batchSize: 25, budgetSeconds: 240 });
    expect(readKeeperIntervalMinutes({})).toBe(60);
    expect(readKeeperIntervalMinutes({ KEEPER_INTERVAL_MINUTES: '0' })).toBe(0);
  });

  it('takes the limits themselves (80 days stays inside the 90-day line)', () => {
    // Act
    const config = readKeeperConfig({ KEEPER_IDLE_DAYS: '80', KEEPER_BATCH_SIZE: '500', KEEPER_BUDGET_SECONDS: '10' });
    // Assess
    expect(config).toEqual({ idleDays: 80, batchSize: 500, budgetSeconds: 10 });
  });

  it('reports every bad variable at once, each by name', () => {
    // Act
    let problems: string[] = [];
    try {
      readKeeperConfig({ KEEPER_IDLE_DAYS: '0', KEEPER_BATCH_SIZE: '1.5', KEEPER_BUDGET_SECONDS: '841' });
    } catch (error) {
      if (error instanceof ConfigError) problems = error.problems;
    }
    // Assess
    expect(problems).toEqual([
      'KEEPER_IDLE_DAYS must be an integer from 1 to 80, got "0"',
      'KEEPER_BATCH_SIZE must be an integer from 1 to 500, got "1.5"',
      'KEEPER_BUDGET_SECONDS must be an integer from 10 to 840, got "841"',
    ]);
  });

  it('takes a local timer of up to a day and refuses more', () => {
    // Act + Assess
    expect(readKeeperIntervalMinutes({ KEEPER_INTERVAL_MINUTES: '1440' })).toBe(1440);
    expect(() => readKeeperIntervalMinutes({ KEEPER_INTERVAL_MINUTES: '1441' })).toThrow(
      'KEEPER_INTERVAL_MINUTES must be an integer from 0 to 1440, got "1441"',
    );
  });
});
