/** The figures the webhook writes (CloudWatch EMF): one set per tool call outcome and per provider operation. */
import { describe, expect, it } from 'vitest';
import { firstResult, toolCall, useConnectedApp, webhook } from './harness';

// Metrics on (npm start keeps them off), in a namespace of this test's own.
const { app, logs } = useConnectedApp({
  POWERTOOLS_METRICS_DISABLED: 'false',
  POWERTOOLS_METRICS_NAMESPACE: 'WebhookMetricsTest',
});

type Emf = Record<string, unknown> & {
  _aws: { CloudWatchMetrics: Array<{ Namespace: string; Dimensions: string[][] }> };
};

const emfSince = (from: number): Emf[] =>
  logs
    .entries()
    .slice(from)
    .filter((l): l is Emf => '_aws' in l);

describe('Webhook metrics', () => {
  it('counts and times a tool call by tool and outcome, each Graph request by operation, and throttles', async () => {
    // Prepare
    const from = logs.entries().length;
    app().emulator!.faults.add({ route: 'calendarView', status: 429, retryAfter: '0', times: 1 });
    // Act
    const answered = firstResult(
      await webhook(
        app(),
        toolCall('get_availability', {}, { id: 'tc-metrics-1', callId: 'call-metrics-1', customer: '+15551230042' }),
      ),
    );
    // Assess
    expect(answered.result.slots.length).toBeGreaterThan(0);
    const emf = emfSince(from);
    for (const line of emf) expect(line._aws.CloudWatchMetrics[0]!.Namespace).toBe('WebhookMetricsTest');
    expect(emf).toContainEqual(
      expect.objectContaining({
        tool: 'get_availability',
        outcome: 'answered',
        ToolCall: 1,
        service: 'calendar-booking',
      }),
    );
    const toolLine = emf.find((l) => l.tool === 'get_availability')!;
    expect(toolLine._aws.CloudWatchMetrics[0]!.Dimensions).toEqual([['service', 'tool', 'outcome'], ['service']]);
    expect(toolLine.ToolCallDuration).toEqual(expect.any(Number));
    const view = emf.find((l) => l.provider === 'microsoft' && l.operation === 'calendarView')!;
    expect(view).toMatchObject({ ProviderThrottle: 1 });
    // The throttled attempt and its retry, each timed.
    expect(view.ProviderRequestDuration).toEqual([expect.any(Number), expect.any(Number)]);
    // Never an id, a path or a caller's number in a figure.
    expect(JSON.stringify(emf)).not.toMatch(/call-metrics-1|tc-metrics-1|5551230042|\/me\/|demo-manager/);
  });

  it('writes the figures of one invocation once, at its end (nothing is left for the next one)', async () => {
    // Prepare
    const from = logs.entries().length;
    // Act
    await webhook(app(), toolCall('get_availability', {}, { callId: 'call-metrics-2' }));
    const between = emfSince(from).length;
    // A message that does no work of its own (in-progress would prefetch the calendar, a figure of its own).
    await webhook(app(), { message: { type: 'status-update', status: 'ringing', call: { id: 'call-metrics-2' } } });
    // Assess
    expect(between).toBeGreaterThan(0);
    expect(emfSince(from)).toHaveLength(between);
    expect(emfSince(from).filter((l) => l.tool === 'get_availability')).toHaveLength(1);
  });
});
