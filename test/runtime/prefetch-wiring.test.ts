/** The webhook's tool handlers mark a call's prefetch spent for every writing tool, and for no reading one. */
import { describe, expect, it } from 'vitest';
import { PREFETCH_SPENDING_TOOLS } from '../../functions/domain/scheduling/busy-prefetch';
import { TOOL_NAMES } from '../../functions/domain/tools/table';
import { toolHandlers, type WebhookDeps } from '../../functions/runtime/compose-webhook';
import { prefetchWorld } from '../domain/scheduling/prefetch-fixtures';

const deadline = () => ({ at: Date.now() + 10_000 });

describe('Function: toolHandlers (call-start prefetch)', () => {
  it('is wired to every writing tool of the table and to no reading one', async () => {
    // Prepare
    const w = await prefetchWorld();
    const handlers = toolHandlers(w.deps as unknown as WebhookDeps, deadline());
    const call = (callId: string) => ({ toolCallId: `tc-${callId}`, context: { callId } });

    // Act
    await handlers.get_availability!({}, call('reader'));
    await handlers.find_appointment!({ confirmation_code: 'ABC123' } as never, call('finder'));
    await handlers.cancel_appointment!({ confirmation_code: 'ABC123' } as never, call('canceller'));

    // Assess
    expect(PREFETCH_SPENDING_TOOLS.every((name) => (TOOL_NAMES as string[]).includes(name))).toBe(true);
    expect([...PREFETCH_SPENDING_TOOLS].sort()).toEqual(
      ['cancel_appointment', 'hold_slot', 'reschedule_appointment', 'set_appointment'].sort(),
    );
    expect(await w.cache.get('reader')).toBeUndefined();
    expect(await w.cache.get('finder')).toBeUndefined();
    expect(await w.cache.get('canceller')).toBe('spent');
  });
});
