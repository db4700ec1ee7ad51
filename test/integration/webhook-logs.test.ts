/** Logs an operator can follow: every line of a tool call carries its ids and the outcome; a 401 says why, once. */
import { describe, expect, it } from 'vitest';
import { firstResult, toolCall, useConnectedApp, webhook } from './harness';
import { expectNoSecretsIn } from './log-capture';
import { sign } from '../domain/vapi/hmac-signing';

const { app, logs } = useConnectedApp();
const linesSince = (from: number) => logs.entries().slice(from);

describe('Webhook logs', () => {
  it("tags a tool call's lines with its ids, tool, managerId, caller's last 4 digits; logs its outcome", async () => {
    // Prepare
    const from = logs.entries().length;
    app().emulator!.faults.add({ route: 'calendarView', status: 503, times: 3 });
    // Act
    const failed = firstResult(
      await webhook(
        app(),
        toolCall('get_availability', {}, { id: 'tc-log-1', callId: 'call-log-1', customer: '+1 (555) 123-9876' }),
      ),
    );
    const offered = firstResult(
      await webhook(
        app(),
        toolCall('get_availability', {}, { id: 'tc-log-2', callId: 'call-log-2', customer: '+15551239876' }),
      ),
    );
    // Assess
    expect(failed.error).toBeTruthy();
    expect(offered.result.slots.length).toBeGreaterThan(0);
    const keys = {
      callId: 'call-log-1',
      toolCallId: 'tc-log-1',
      tool: 'get_availability',
      managerId: app().env.DEFAULT_MANAGER_ID,
      callerPhoneLast4: '9876',
      correlation_id: 'call-log-1',
    };
    // Every line logged inside the tool call, whoever logged it (Graph adapter, domain, handler), carries the keys.
    const inside = ['Microsoft Graph call failed', 'get_availability failed', 'tool call answered'];
    const lines = linesSince(from).filter((l) => inside.includes(String(l.message)));
    expect(lines.filter((l) => l.callId !== 'call-log-2').map((l) => l.message)).toEqual(inside);
    for (const line of lines.filter((l) => l.callId !== 'call-log-2')) expect(line).toMatchObject(keys);
    expect(lines.find((l) => l.message === 'tool call answered')).toMatchObject({ outcome: 'error' });
    expect(
      linesSince(from).find((l) => l.callId === 'call-log-2' && l.message === 'tool call answered')?.outcome,
    ).toMatch(/^offered:[1-3]$/);
    expect(JSON.stringify(linesSince(from))).not.toMatch(/5551239876|123-9876/);
  });

  it("logs Graph's request-id and our client-request-id on a failed Graph call", async () => {
    // Prepare
    const from = logs.entries().length;
    app().emulator!.faults.add({ route: 'calendarView', status: 400, code: 'ErrorInvalidRequest' });
    // Act
    await webhook(app(), toolCall('get_availability', {}, { callId: 'call-log-3' }));
    // Assess
    const failure = linesSince(from).find((l) => l.message === 'Microsoft Graph call failed');
    expect(failure).toMatchObject({
      level: 'WARN',
      method: 'GET',
      path: expect.stringMatching(/calendarView$/),
      status: 400,
      code: 'ErrorInvalidRequest',
      callId: 'call-log-3',
      requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      clientRequestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    const sent = app()
      .emulator!.requests.filter((r) => r.route === 'calendarView')
      .at(-1);
    expect(sent?.clientRequestId).toBe(failure?.clientRequestId);
  });

  it.each<[string, () => Record<string, string>, string]>([
    ['no credential', () => ({}), 'missing credential'],
    ['a wrong secret', () => ({ 'x-vapi-secret': 'not-the-secret' }), 'wrong credential'],
    [
      'a signature from ten minutes ago',
      () => {
        const stamp = String(Math.floor(Date.now() / 1000) - 600);
        return { 'x-timestamp': stamp, 'x-signature': sign(app().env.VAPI_SECRET!, stamp, '{}') };
      },
      'stale credential',
    ],
  ])(
    'a 401 for %s logs one WARN line with the reason and never the presented value',
    async (_case, headers, reason) => {
      // Prepare
      const from = logs.entries().length;
      // Act
      const res = await webhook(app(), '{}', headers());
      // Assess
      expect(res.status).toBe(401);
      const rejected = linesSince(from).filter((l) => l.message === 'webhook request rejected');
      expect(rejected).toEqual([expect.objectContaining({ level: 'WARN', reason, status: 401 })]);
      expect(JSON.stringify(rejected)).not.toContain('not-the-secret');
    },
  );

  it('wrote no secret to the logs', () => {
    // Assess
    expectNoSecretsIn(logs.text(), app());
  });
});
