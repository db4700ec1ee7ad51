/** BUSY_PREFETCH=off end to end: a call start reads and stores nothing, and every get_availability reads Graph. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalApp } from '../../local/app';
import { connect, startApp, toolCall, webhook } from './harness';
import { unseenCalendar } from './prefetch-calendar';

let app: LocalApp;
const views = () => app.emulator!.requests.filter((r) => r.route === 'calendarView').length;

beforeAll(async () => {
  app = await startApp({ BUSY_PREFETCH: 'off' }, unseenCalendar());
  await connect(app);
});
afterAll(() => app?.stop());

describe('Webhook: call-start prefetch switched off', () => {
  it('answers status-update in-progress with {} and reads nothing; the call get_availability reads live', async () => {
    // Prepare
    const before = views();
    const start = { message: { type: 'status-update', status: 'in-progress', call: { id: 'call-off' } } };

    // Act
    const res = await webhook(app, start);
    const atStart = views() - before;
    const answer = await webhook(app, toolCall('get_availability', {}, { callId: 'call-off' }));

    // Assess
    expect([res.status, res.json]).toEqual([200, {}]);
    expect(atStart).toBe(0);
    expect(answer.json.results[0].result).toBeDefined();
    expect(views() - before).toBe(1);
  });
});
