/**
 * The call-start prefetch for a Google-connected manager (the Google sandbox, a generated Sydney calendar no fixture
 * holds): the call's get_availability asks Google nothing and answers as a live read of another call does.
 */
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalApp } from '../../local/app';
import { connect, startApp, toolCall, webhook } from './harness';
import { unseenGoogleCalendar } from './prefetch-calendar';

let app: LocalApp;
const PHONE = 'pn-google-unseen';
const googleRequests = () => app.googleEmulator!.requests.filter((r) => r.route !== 'token').length;

async function availability(callId: string, args: Record<string, unknown>) {
  const before = googleRequests();
  const answer = await webhook(app, toolCall('get_availability', args, { callId, phoneNumberId: PHONE }));
  return { answer: { ...answer.json.results[0], toolCallId: undefined }, requests: googleRequests() - before };
}

beforeAll(async () => {
  app = await startApp(
    { VAPI_ROUTES: JSON.stringify({ [PHONE]: 'g-unseen' }), DEFAULT_WORKING_HOURS: 'mon-sat 07:00-19:00' },
    undefined,
    { googleCalendar: unseenGoogleCalendar() },
  );
  await connect(app, 'g-unseen', 'google');
});
afterAll(async () => app?.stop());

describe('Webhook: call-start prefetch on Google', () => {
  it.each([
    [{}],
    [{ time_of_day: 'afternoon' }],
    [{ date: DateTime.now().setZone('Australia/Sydney').plus({ days: 3 }).toISODate(), duration_minutes: 45 }],
  ])('answers %j from the prefetch with no Google request, as a live read does', async (args) => {
    // Prepare
    const callId = `g-call-${JSON.stringify(args)}`;
    const start = {
      message: { type: 'status-update', status: 'in-progress', call: { id: callId, phoneNumberId: PHONE } },
    };
    const before = googleRequests();
    await webhook(app, start);
    const atStart = googleRequests() - before;

    // Act
    const cached = await availability(callId, args);
    const live = await availability(`${callId}-live`, args);

    // Assess
    expect(atStart).toBeGreaterThan(0);
    expect(cached.requests).toBe(0);
    expect(live.requests).toBeGreaterThan(0);
    expect(JSON.parse(cached.answer.result).message).toEqual(expect.any(String));
    expect(cached.answer).toEqual(live.answer);
  });
});
