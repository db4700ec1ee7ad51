import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebhookDeps } from '../../functions/runtime/compose-webhook';

type WebhookModule = typeof import('../../functions/runtime/compose-webhook');

/** Each tool answers with the tool-call id it was run with. */
const run = vi.fn(async (_args: unknown, call: { toolCallId: string }) => ({ ranAs: call.toolCallId }));
const deps = { clock: Date.now } as unknown as WebhookDeps;
const deadline = { at: Date.now() + 10_000 };
/** Any arguments: the stand-in tools take them as given. */
const ARGS = { date: '2026-07-15' } as never;

describe('Function: toolHandlers (tool-call ids, legacy function-calls)', () => {
  let compose: WebhookModule;
  beforeEach(async () => {
    vi.resetModules();
    // One reading tool and one writing tool (it marks the call's prefetch spent) that report their call id.
    vi.doMock('../../functions/domain/tools/table', async (original) => ({
      ...(await original<object>()),
      TOOL_NAMES: ['get_availability', 'set_appointment'],
      TOOL_TABLE: { get_availability: { run }, set_appointment: { run } },
    }));
    compose = await import('../../functions/runtime/compose-webhook');
  });
  afterEach(() => {
    vi.doUnmock('../../functions/domain/tools/table');
    run.mockClear();
  });

  it('runs a tool call under the id VAPI gave it, reading and writing tools alike (by default)', async () => {
    // Prepare
    const handlers = compose.toolHandlers(deps, deadline);
    const call = { toolCallId: 'tc-1', context: { callId: 'call-1' } };

    // Act
    const answers = [await handlers.get_availability!(ARGS, call), await handlers.set_appointment!(ARGS, call)];

    // Assess
    expect(answers).toEqual([{ ranAs: 'tc-1' }, { ranAs: 'tc-1' }]);
  });

  it('derives a legacy function-call id from the arguments, the same for a retried call', async () => {
    // Prepare
    const handlers = compose.toolHandlers(deps, deadline, true);
    const call = { toolCallId: '', context: { callId: 'call-1' } };

    // Act
    const first = await handlers.set_appointment!(ARGS, call);
    const retried = await handlers.set_appointment!({ ...(ARGS as object) } as never, call);
    const other = await handlers.set_appointment!({ date: '2026-07-16' } as never, call);

    // Assess
    expect(first).toEqual({ ranAs: expect.stringMatching(/^function-call:./) });
    expect(retried).toEqual(first);
    expect(other).toEqual({ ranAs: expect.stringMatching(/^function-call:./) });
    expect(other).not.toEqual(first);
  });

  it('makes a random legacy id without a call id, so two callers never share one', async () => {
    // Prepare
    const handlers = compose.toolHandlers(deps, deadline, true);
    const call = { toolCallId: '', context: {} };

    // Act
    const [a, b] = [await handlers.get_availability!(ARGS, call), await handlers.get_availability!(ARGS, call)];

    // Assess
    expect((a as unknown as { ranAs: string }).ranAs).toMatch(/^function-call:[0-9a-f-]{36}$/);
    expect(b).not.toEqual(a);
  });
});
