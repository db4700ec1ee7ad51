import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Log } from '../../../functions/domain/ports';
import { getAvailability } from '../../../functions/domain/scheduling/availability-tool';
import { type PrefetchWorld, prefetchWorld } from './prefetch-fixtures';

const NOW = Date.parse('2026-11-23T14:00:00Z'); // Monday 09:00 in New York
const deadline = { at: NOW + 10_000 };
const ask = { date: '2026-11-24' };
/** A call on phone number `phoneNumberId` (pn-mgr → mgr, pn-other → other, a manager never set up). */
const call = (phoneNumberId: string) => ({ toolCallId: 'tc-1', context: { callId: 'call-1', phoneNumberId } });

let w: PrefetchWorld;
beforeEach(async () => {
  vi.useFakeTimers();
  vi.setSystemTime(NOW);
  w = await prefetchWorld();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('Function: getAvailability', () => {
  it("answers with open slots and records that the manager's calendar was used", async () => {
    // Act
    const outcome = await getAvailability(ask, call('pn-mgr'), w.deps, deadline);

    // Assess
    expect(outcome).toMatchObject({ result: { slots: expect.arrayContaining([expect.anything()]) } });
    expect(w.connections.items.get('mgr')!.lastUsedAt).toBe(new Date(NOW).toISOString());
  });

  it('speaks the failure, and logs which manager and why, when the manager cannot be opened', async () => {
    // Prepare
    const log = { warn: vi.fn<Log['warn']>(), error: vi.fn<Log['error']>() };
    w.deps.log = log;

    // Act
    const outcome = await getAvailability(ask, call('pn-other'), w.deps, deadline);

    // Assess
    expect(outcome).toStrictEqual({ error: expect.stringContaining("calendar isn't set up yet") });
    expect(log.warn).toHaveBeenCalledExactlyOnceWith('get_availability failed', {
      managerId: 'other',
      error: 'NotConnectedError',
      reason: 'No calendar connected or hours set for manager other',
    });
  });
});
