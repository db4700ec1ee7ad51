/**
 * The webhook over a tool that throws, or that records the id it runs under: what a failing tool logs, and the id
 * each legacy function-call of one call gets (derived from its arguments, so two different requests stay apart).
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GENERIC_ERROR } from '../../functions/domain/vapi/dispatch';
import { line, startWebhook } from './webhook-support';

/** Stands in for get_availability's handler: records what it was called with; each test says what it does. */
const run = vi.fn();

const TABLE = '../../functions/domain/tools/table';

const functionCall = (parameters: Record<string, unknown>) => ({
  type: 'function-call',
  call: { id: 'call-legacy-2' },
  functionCall: { name: 'get_availability', parameters },
});

describe('Handler: vapiWebhook over a failing or recording tool', () => {
  beforeEach(() => {
    run.mockReset();
    vi.doMock(TABLE, async (importOriginal) => {
      const real = await importOriginal<typeof import('../../functions/domain/tools/table')>();
      const get_availability = { ...real.TOOL_TABLE.get_availability, run };
      return { ...real, TOOL_TABLE: { ...real.TOOL_TABLE, get_availability } };
    });
  });
  afterEach(() => {
    vi.doUnmock(TABLE);
    vi.unstubAllEnvs();
  });

  it('logs a tool that throws at ERROR with the tool and the error; the caller hears the generic sentence', async () => {
    // Prepare
    run.mockRejectedValue(new RangeError('clock out of range', { cause: new Error('tz table') }));
    const send = await startWebhook();

    // Act
    const sent = await send(functionCall({}));

    // Assess
    expect(JSON.parse(sent.res.body!)).toEqual({ result: GENERIC_ERROR });
    expect(line(sent, 'tool call failed')).toMatchObject({
      level: 'ERROR',
      callId: 'call-legacy-2',
      tool: 'get_availability',
      error: 'RangeError',
      reason: 'clock out of range',
      cause: 'Error: tz table',
    });
  });

  it('runs each legacy function-call of one call under an id of its own arguments, the same for a retry', async () => {
    // Prepare
    run.mockResolvedValue({ result: { message: 'Free at nine.' } });
    const send = await startWebhook();

    // Act
    await send(functionCall({ date: '2030-01-07' }));
    await send(functionCall({ date: '2030-01-08' }));
    await send(functionCall({ date: '2030-01-07' }));

    // Assess
    const ids = run.mock.calls.map(([, call]) => (call as { toolCallId: string }).toolCallId);
    expect(ids).toEqual([
      expect.stringMatching(/^function-call:[\w-]{43}$/),
      expect.stringMatching(/^function-call:[\w-]{43}$/),
      ids[0],
    ]);
    expect(ids[1]).not.toBe(ids[0]);
  });
});
