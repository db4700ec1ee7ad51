import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionStore } from '../../../functions/domain/ports';
import { noteCalendarUse, TOUCH_EVERY_MS } from '../../../functions/domain/scheduling/connection-use';
import type { ManagerCalendar } from '../../../functions/domain/scheduling/manager-calendar';

const NOW = Date.parse('2026-07-15T14:00:00Z');

/** A manager's calendar as openManagerCalendar gives it, with one connection last used at `lastUsedAt`. */
function calendarUsedAt(lastUsedAt: string | undefined, mode: ManagerCalendar['mode'] = 'calendar'): ManagerCalendar {
  const connection = { connectionId: 'c1', ...(lastUsedAt ? { lastUsedAt } : {}) };
  return { managerId: 'mgr', mode, record: { connections: [connection] } } as unknown as ManagerCalendar;
}

describe('Function: noteCalendarUse', () => {
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

  it('records a use older than TOUCH_EVERY_MS, or none yet, in the background', () => {
    // Act
    noteCalendarUse(calendarUsedAt(new Date(NOW - TOUCH_EVERY_MS).toISOString()), deps());
    noteCalendarUse(calendarUsedAt(undefined), deps());
    // Assess
    expect(touches).toEqual([
      ['mgr', new Date(NOW).toISOString()],
      ['mgr', new Date(NOW).toISOString()],
    ]);
  });

  it('writes nothing when the last recorded use is under TOUCH_EVERY_MS old, nor in manual mode', () => {
    // Act
    noteCalendarUse(calendarUsedAt(new Date(NOW - TOUCH_EVERY_MS + 1_000).toISOString()), deps());
    noteCalendarUse(calendarUsedAt(undefined, 'manual'), deps());
    // Assess
    expect(touches).toEqual([]);
  });

  it('never throws, and never waits, when the write fails', async () => {
    // Prepare
    const failing = { ...deps(), connections: { touch: () => Promise.reject(new Error('throttled')) } };
    // Act
    const act = () => noteCalendarUse(calendarUsedAt(undefined), failing as never);
    // Assess
    expect(act).not.toThrow();
    await vi.runAllTimersAsync();
  });
});
