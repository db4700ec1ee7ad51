/** noteCalendarUse, edges: the ten-minute spacing, several connections reporting the use, and no record at all. */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionStore } from '../../../functions/domain/ports';
import type { ManagerCalendar } from '../../../functions/domain/scheduling/manager-calendar';

type Module = typeof import('../../../functions/domain/scheduling/connection-use');
let m: Module;

// TOUCH_EVERY_MS is a module-level constant: load the module afresh for each test.
beforeEach(async () => {
  vi.resetModules();
  m = await import('../../../functions/domain/scheduling/connection-use');
});

const NOW = Date.parse('2026-07-15T14:00:00Z');
const MINUTE = 60_000;
const ago = (ms: number) => new Date(NOW - ms).toISOString();

/** A calendar-mode manager whose record's connections report these last uses (undefined: no record). */
function calendarUsed(lastUses: Array<string | undefined> | undefined): ManagerCalendar {
  const record = lastUses && {
    connections: lastUses.map((lastUsedAt, i) => ({ connectionId: `c${i}`, ...(lastUsedAt ? { lastUsedAt } : {}) })),
  };
  return { managerId: 'mgr', mode: 'calendar', ...(record ? { record } : {}) } as unknown as ManagerCalendar;
}

describe('Function: noteCalendarUse (edges)', () => {
  let touches: Array<[string, string]>;
  const deps = () => ({
    clock: () => Date.now(),
    connections: {
      touch: async (managerId: string, at: string) => {
        touches.push([managerId, at]);
      },
    } as unknown as ConnectionStore,
  });
  beforeEach(() => {
    touches = [];
    vi.useFakeTimers({ now: NOW });
  });
  afterEach(() => vi.useRealTimers());

  it('records a use at most every ten minutes', () => {
    // Act
    m.noteCalendarUse(calendarUsed([ago(9 * MINUTE)]), deps());
    const within = touches.length;
    m.noteCalendarUse(calendarUsed([ago(10 * MINUTE)]), deps());

    // Assess
    expect(m.TOUCH_EVERY_MS).toBe(10 * MINUTE);
    expect(within).toBe(0);
    expect(touches).toEqual([['mgr', new Date(NOW).toISOString()]]);
  });

  it('goes by the latest use any connection reports: one recent use is enough to write nothing', () => {
    // Act
    m.noteCalendarUse(calendarUsed([ago(60 * MINUTE), ago(MINUTE)]), deps());
    m.noteCalendarUse(calendarUsed([ago(MINUTE), ago(60 * MINUTE)]), deps());

    // Assess
    expect(touches).toEqual([]);
  });

  it('records the use of a manager whose record is not at hand, without throwing', () => {
    // Act
    const act = () => m.noteCalendarUse(calendarUsed(undefined), deps());

    // Assess
    expect(act).not.toThrow();
    expect(touches).toEqual([['mgr', new Date(NOW).toISOString()]]);
  });
});
