/**
 * The VAPI webhook's get_availability end to end: speakable slots, routing by phone number, and the answers when the
 * calendar degrades (429, Graph down, revoked grant); no secret logged.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalApp } from '../../local/app';
import { firstResult, status, toolCall, useConnectedApp, webhook } from './harness';
import { expectNoSecretsIn } from './log-capture';

let app: LocalApp;
// From before boot, so the no-secrets check covers connect, a booking and the failure paths (refresh, revoked grant).
const { app: booted, logs } = useConnectedApp({
  VAPI_ROUTES: JSON.stringify({ 'phone-elsewhere': 'manager-unconnected' }),
});
const graph = (route: string) => app.emulator!.requests.filter((r) => r.route === route).length;

beforeAll(async () => {
  app = booted();
  // One booking up front, so the logs checked at the end also hold a booking's (caller details, event create).
  const slots = firstResult(await webhook(app, toolCall('get_availability', {}))).result.slots as Array<{
    start: string;
  }>;
  const slot = slots.at(-1);
  const booking = firstResult(
    await webhook(
      app,
      toolCall(
        'set_appointment',
        {
          start_time: slot!.start,
          attendee_name: 'Log Check',
          attendee_email: 'log@example.com',
          property_address: '1 Log Ln',
        },
        { customer: '+15550009999' },
      ),
    ),
  );
  if (booking.result?.booked !== true) throw new Error(`setup booking failed: ${JSON.stringify(booking)}`);
});

describe('Webhook: get_availability', () => {
  it('offers up to three speakable slots in the owner zone with one Graph round trip', async () => {
    // Prepare
    const views = graph('calendarView');

    // Act
    const answer = firstResult(await webhook(app, toolCall('get_availability', { time_of_day: 'afternoon' })));

    // Assess
    expect(graph('calendarView') - views).toBe(1);
    expect(answer.result.slots).toHaveLength(3);
    for (const slot of answer.result.slots) {
      expect(slot.start).toMatch(/^\d{4}-\d{2}-\d{2}T(1[2-6]):\d{2}:00-0[45]:00$/);
      expect(slot.spoken).toMatch(/^[A-Z][a-z]+day, [A-Z][a-z]+ \d{1,2} at \d{1,2}:\d{2} PM$/);
    }
    expect(answer.result.message).toContain(answer.result.slots[0].spoken.split(' at ')[1]);
  });

  it('ignores a manager id in the arguments and routes by phone number from the call', async () => {
    // Act
    const injected = firstResult(
      await webhook(app, toolCall('get_availability', { manager_id: 'manager-unconnected' })),
    );
    const routed = firstResult(
      await webhook(app, toolCall('get_availability', {}, { phoneNumberId: 'phone-elsewhere' })),
    );

    // Assess
    expect(injected.result.slots.length).toBeGreaterThan(0);
    expect(routed.error).toMatch(/calendar isn't set up yet.*call you back/);
  });
});
describe('Webhook: degraded calendar', () => {
  it('rides out a 429 with Retry-After and still answers', async () => {
    // Prepare
    app.emulator!.faults.add({ route: 'calendarView', status: 429, retryAfter: '1', times: 1 });
    const views = graph('calendarView');

    // Act
    const answer = firstResult(await webhook(app, toolCall('get_availability', {})));

    // Assess
    expect(answer.result.slots.length).toBeGreaterThan(0);
    expect(graph('calendarView') - views).toBe(2);
  });

  it('answers well inside the tool timeout with a call-back offer when Graph keeps failing', async () => {
    // Prepare
    app.emulator!.faults.add({ route: 'calendarView', status: 503, times: Number.POSITIVE_INFINITY });
    const started = Date.now();

    // Act
    const res = await webhook(app, toolCall('get_availability', {}));
    app.emulator!.faults.clear();

    // Assess
    expect(res.status).toBe(200);
    expect(firstResult(res).error).toMatch(/isn't responding.*call you back/);
    expect(Date.now() - started).toBeLessThan(15_000);
  });

  it('marks the connection for reconnect when the grant is revoked, and offers a call back', async () => {
    // Prepare
    app.emulator!.revokeGrants();
    app.emulator!.advanceClock(2 * 3_600_000);

    // Act
    const answer = firstResult(await webhook(app, toolCall('get_availability', {})));
    const after = await status(app);

    // Assess
    expect(answer.error).toMatch(/can't reach the manager's calendar.*call you back/);
    expect(after).toMatchObject({ connected: false, needsReconnect: true });
  });
  it('never wrote a secret, token, code or state to the logs', () => {
    // Assess
    expectNoSecretsIn(logs.text(), app);
  });
});
