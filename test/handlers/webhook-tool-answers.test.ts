/** The webhook's tool calls: both protocols answered 200, bounded by the time the Lambda has left, logged, counted. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { OUT_OF_TIME } from '../../functions/domain/vapi/dispatch';
import { line, startWebhook, toolCall } from './webhook-support';

const CALL_BACK = expect.stringMatching(/call you back/);
const TWO_CALLS = {
  type: 'tool-calls',
  call: { id: 'call-tools-1' },
  toolCallList: [toolCall('tc-1', 'get_availability'), toolCall('tc-2', 'no_such_tool')],
};

describe('Handler: vapiWebhook tool calls', () => {
  afterEach(() => vi.unstubAllEnvs());

  it('answers a legacy function-call with {"result": <what the caller hears>} and logs the call answered', async () => {
    // Prepare
    const send = await startWebhook();

    // Act
    const sent = await send({
      type: 'function-call',
      call: { id: 'call-legacy-1' },
      functionCall: { name: 'get_availability', parameters: '{}' },
    });

    // Assess
    expect(sent.res.statusCode).toBe(200);
    expect(JSON.parse(sent.res.body!)).toEqual({ result: CALL_BACK });
    expect(line(sent, 'tool call answered')).toMatchObject({
      callId: 'call-legacy-1',
      tool: 'get_availability',
      outcome: 'error',
    });
  });

  it('runs each tool call and logs how many were answered and how many failed', async () => {
    // Prepare
    const send = await startWebhook();

    // Act
    const sent = await send(TWO_CALLS);

    // Assess
    expect(sent.res.statusCode).toBe(200);
    expect(JSON.parse(sent.res.body!).results).toEqual([
      { toolCallId: 'tc-1', name: 'get_availability', error: CALL_BACK },
      { toolCallId: 'tc-2', name: 'no_such_tool', error: expect.stringMatching(/'no_such_tool' is not available/) },
    ]);
    expect(line(sent, 'tool calls answered')).toMatchObject({ callId: 'call-tools-1', count: 2, errors: 2 });
  });

  it('runs no tool call once the Lambda has less than its 2 s margin left: each hears "out of time"', async () => {
    // Prepare
    const send = await startWebhook();

    // Act
    const sent = await send(TWO_CALLS, { remainingMs: 1_500 });

    // Assess
    expect(sent.res.statusCode).toBe(200);
    expect(JSON.parse(sent.res.body!).results).toEqual([
      { toolCallId: 'tc-1', name: 'get_availability', error: OUT_OF_TIME },
      { toolCallId: 'tc-2', name: 'no_such_tool', error: OUT_OF_TIME },
    ]);
    expect(line(sent, 'get_availability failed')).toBeUndefined();
  });

  it('writes the figures of the tool calls (EMF) when the invocation ends', async () => {
    // Prepare
    const send = await startWebhook({
      POWERTOOLS_METRICS_DISABLED: 'false',
      POWERTOOLS_METRICS_NAMESPACE: 'WebhookToolAnswersTest',
    });

    // Act
    const sent = await send(TWO_CALLS);

    // Assess
    const figures = sent.logs.filter((entry) => '_aws' in entry);
    expect(figures).toContainEqual(
      expect.objectContaining({ tool: 'get_availability', outcome: 'error', ToolCall: 1 }),
    );
  });
});
