import { beforeEach, describe, expect, it, vi } from 'vitest';

type Module = typeof import('../../functions/handlers/shared/tool-call-metrics');

describe('Function: toolCallOutcome (which reasons mean "taken")', () => {
  // The reasons are a module-level set: loaded afresh for each test (test/mutation/README.md).
  let metrics: Module;
  beforeEach(async () => {
    vi.resetModules();
    metrics = await import('../../functions/handlers/shared/tool-call-metrics');
  });

  it.each([
    ['taken', 'taken'],
    ['busy', 'taken'],
    ['', 'refused'],
    ['too_soon', 'refused'],
  ])('counts reason "%s" as %s', (reason, outcome) => {
    // Act / Assess
    expect(metrics.toolCallOutcome({ result: JSON.stringify({ booked: false, reason }) })).toBe(outcome);
  });
});
