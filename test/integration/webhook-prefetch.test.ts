/**
 * The call-start prefetch end to end (DynamoDB Local, the Microsoft sandbox, a generated mailbox no fixture holds):
 * status-update in-progress reads the calendar once; the call's get_availability then asks Graph nothing and answers
 * as a live read does; a booking makes the call's next read live; a garbled item is a live read.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { createDocumentClient } from '../../functions/adapters/dynamo/client';
import { prefetchKey } from '../../functions/adapters/dynamo/busy-cache';
import type { LocalApp } from '../../local/app';
import { connect, firstResult, startApp, toolCall, webhook } from './harness';
import { unseenCalendar } from './prefetch-calendar';

let app: LocalApp;
const views = () => app.emulator!.requests.filter((r) => r.route === 'calendarView').length;
const callStart = (callId: string) => ({
  message: { type: 'status-update', status: 'in-progress', timestamp: Date.now(), call: { id: callId } },
});
/** get_availability for a call: its answer and the calendar views it caused. */
async function availability(callId: string, args: Record<string, unknown> = {}) {
  const before = views();
  const answer = await webhook(app, toolCall('get_availability', args, { callId }));
  return { answer: answer.json.results[0], reads: views() - before };
}

beforeAll(async () => {
  app = await startApp({ DEFAULT_MANAGER_ID: 'unseen', VAPI_ROUTES: '{"pn-routed":"unseen"}' }, unseenCalendar());
  await connect(app);
});
afterAll(() => app?.stop());

describe('Webhook: call-start prefetch', () => {
  it('answers status-update in-progress with {} after one calendar read', async () => {
    // Prepare
    const before = views();

    // Act
    const res = await webhook(app, callStart('call-answer'));

    // Assess
    expect(res.status).toBe(200);
    expect(res.json).toEqual({});
    expect(views() - before).toBe(1);
  });

  it.each([
    [{}],
    [{ time_of_day: 'morning' }],
    [{ time_of_day: 'evening', duration_minutes: 60 }],
    [{ date: DateTime.now().setZone('Europe/Berlin').plus({ days: 5 }).toISODate() }],
    [{ date: 'next blue moon' }],
  ])('answers the call %j with no Graph request, exactly as a live read of another call', async (args) => {
    // Prepare
    const callId = `call-same-${JSON.stringify(args)}`;
    await webhook(app, callStart(callId));

    // Act
    const cached = await availability(callId, args);
    const live = await availability(`${callId}-live`, args);

    // Assess
    expect(cached.reads).toBe(0);
    expect(live.reads).toBe(1);
    expect(cached.answer.result ?? cached.answer.error).toBeTruthy();
    expect({ ...cached.answer, toolCallId: undefined }).toEqual({ ...live.answer, toolCallId: undefined });
  });

  it("after the call's own booking, reads live and no longer offers the slot it took", async () => {
    // Prepare
    await webhook(app, callStart('call-books'));
    const first = await availability('call-books');
    const slot = (JSON.parse(first.answer.result).slots as Array<{ start: string }>).at(-1);
    const booking = {
      start_time: slot!.start,
      attendee_name: 'Ana Prefetch',
      attendee_email: 'ana@example.com',
      property_address: '1 Cache Ln',
    };
    const booked = firstResult(await webhook(app, toolCall('set_appointment', booking, { callId: 'call-books' })));

    // Act
    const after = await availability('call-books');

    // Assess
    expect(first.reads).toBe(0);
    expect(booked.result?.booked).toBe(true);
    expect(after.reads).toBe(1);
    const starts = (JSON.parse(after.answer.result).slots as Array<{ start: string }>).map((s) => s.start);
    expect(starts).not.toContain(slot!.start);
  });

  it('reads live when the call prefetch item is garbled', async () => {
    // Prepare
    await webhook(app, callStart('call-garbled'));
    const doc = createDocumentClient({ endpoint: inject('dynamoEndpoint'), region: 'local' });
    const Item = { ...prefetchKey('call-garbled'), kind: 'busy', managerId: 'x', entries: new Uint8Array([9, 9]) };
    await doc.send(new PutCommand({ TableName: app.env.OAUTH_STATE_TABLE!, Item }));

    // Act
    const answer = await availability('call-garbled');

    // Assess
    expect(answer.reads).toBe(1);
    expect(answer.answer.result).toBeDefined();
  });

  it('prefetches on an assistant-request for a routed phone number; the status-update after it reads nothing', async () => {
    // Prepare
    const before = views();
    const body = {
      message: { type: 'assistant-request', call: { id: 'call-ar-routed' }, phoneNumber: { id: 'pn-routed' } },
    };

    // Act
    const res = await webhook(app, body);
    await webhook(app, callStart('call-ar-routed'));
    const atStart = views() - before;
    const asked = await availability('call-ar-routed');

    // Assess
    expect([res.status, res.json]).toEqual([200, {}]);
    expect(atStart).toBe(1);
    expect(asked.reads).toBe(0);
  });

  it('answers an assistant-request within its budget when Graph is slow, and the call then reads live', async () => {
    // Prepare
    app.emulator!.faults.add({ route: 'calendarView', latencyMs: 9_000, times: 1 });
    const body = {
      message: { type: 'assistant-request', call: { id: 'call-ar-slow' }, phoneNumber: { id: 'pn-routed' } },
    };
    const started = Date.now();

    // Act
    const res = await webhook(app, body);
    const tookMs = Date.now() - started;
    const asked = await availability('call-ar-slow');

    // Assess: the prefetch gives up at 3 s, far inside assistant-request's fixed 7.5 s
    expect([res.status, res.json]).toEqual([200, {}]);
    expect(tookMs).toBeLessThan(5_000);
    expect(asked.reads).toBe(1);
    expect(asked.answer.result).toBeDefined();
  });

  it('answers an assistant-request with {} as before (no route of its own: nothing read)', async () => {
    // Prepare
    const before = views();
    const body = { message: { type: 'assistant-request', call: { id: 'call-ar' }, phoneNumber: { id: 'pn-x' } } };

    // Act
    const res = await webhook(app, body);

    // Assess
    expect([res.status, res.json]).toEqual([200, {}]);
    expect(views() - before).toBe(0);
  });
});
