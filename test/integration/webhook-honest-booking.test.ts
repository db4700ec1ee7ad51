/**
 * Booked means booked, end to end (webhook, DynamoDB Local, the Microsoft sandbox): a create Graph commits but answers
 * too late is "confirming", settled by the caller's repeat or by the end of the call; one call books at most 3.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalApp } from '../../local/app';
import { instantOf } from '../../local/sandbox/microsoft/graph/time';
import { firstResult, toolCall, useConnectedApp, webhook } from './harness';

let app: LocalApp;
const { app: booted } = useConnectedApp({ WEBHOOK_BUDGET_MS: '6000' });
const liveEventsAt = (startIso: string) =>
  app.emulator!.dump().events.filter((e) => instantOf(e.start) === Date.parse(startIso) && !e.isCancelled);
const graph = (route: string) => app.emulator!.requests.filter((r) => r.route === route).length;
let slots: Array<{ start: string }> = [];

/** Every free slot the agent is offered on the next weekdays (at least `count`). */
async function freeSlots(count: number) {
  const found: Array<{ start: string }> = [];
  for (let day = 1; found.length < count && day < 21; day++) {
    const date = new Date(Date.now() + day * 86_400_000).toISOString().slice(0, 10);
    const answer = firstResult(await webhook(app, toolCall('get_availability', { date })));
    found.push(...((answer.result?.slots ?? []) as Array<{ start: string }>));
  }
  return found;
}

/** Each call has its own number: the per-number daily cap is not what these tests are about. */
const book = (start: string, callId: string) =>
  webhook(
    app,
    toolCall(
      'set_appointment',
      { start_time: start, attendee_name: 'Jane Doe' },
      { callId, customer: numberOf(callId) },
    ),
  );
const numberOf = (callId: string) =>
  `+1555${String(callId.length * 7919 + callId.charCodeAt(callId.length - 1)).padStart(7, '0')}`;

beforeAll(async () => {
  app = booted();
  slots = await freeSlots(15);
});

describe('Webhook: set_appointment when Graph answers creates late', () => {
  it('says "confirming" (not booked, not failed); the repeat finds the event and books: one event', async () => {
    // Prepare
    const start = slots[0]!.start;
    app.emulator!.faults.add({ route: 'createEvent', lateResponseMs: 20_000, times: Number.POSITIVE_INFINITY });
    const first = firstResult(await book(start, 'honest-call-1'));
    app.emulator!.faults.clear();
    // Act
    const repeat = firstResult(await book(start, 'honest-call-1'));
    // Assess
    expect(first.result).toMatchObject({ booked: false, reason: 'confirming' });
    expect(first.result.message).toContain('confirming');
    expect(repeat.result).toMatchObject({ booked: true });
    expect(liveEventsAt(start)).toHaveLength(1);
  }, 30_000);

  it('the end of the call cancels the event the caller never heard booked', async () => {
    // Prepare
    const start = slots[1]!.start;
    app.emulator!.faults.add({ route: 'createEvent', lateResponseMs: 20_000, times: Number.POSITIVE_INFINITY });
    const first = firstResult(await book(start, 'honest-call-2'));
    app.emulator!.faults.clear();
    const committed = liveEventsAt(start).length;
    // Act
    const ended = await webhook(app, {
      message: { type: 'end-of-call-report', endedReason: 'customer-ended-call', call: { id: 'honest-call-2' } },
    });
    // Assess
    expect(first.result).toMatchObject({ booked: false, reason: 'confirming' });
    expect(committed).toBe(1);
    expect(ended.status).toBe(200);
    expect(liveEventsAt(start)).toHaveLength(0);
  }, 30_000);

  it('10 parallel bookings of one call on 10 slots: exactly 3 booked, 7 told the limit, 3 events', async () => {
    // Prepare
    const ten = slots.slice(2, 12).map((s) => s.start);
    const creates = graph('createEvent');
    // Act
    const answers = await Promise.all(ten.map((start) => book(start, 'honest-call-3').then(firstResult)));
    // Assess
    expect(answers.filter((a) => a.result?.booked === true)).toHaveLength(3);
    expect(answers.filter((a) => a.result?.reason === 'limit')).toHaveLength(7);
    expect(graph('createEvent') - creates).toBe(3);
    expect(ten.flatMap(liveEventsAt)).toHaveLength(3);
  }, 60_000);

  it('at the per-call limit, the repeat of a "confirming" booking still books it: one event', async () => {
    // Prepare: two bookings, then a third whose create answers late (the call's count is at its cap of 3)
    const [one, two, three] = slots.slice(12, 15).map((s) => s.start);
    await book(one!, 'honest-call-4');
    await book(two!, 'honest-call-4');
    app.emulator!.faults.add({ route: 'createEvent', lateResponseMs: 20_000, times: Number.POSITIVE_INFINITY });
    const first = firstResult(await book(three!, 'honest-call-4'));
    app.emulator!.faults.clear();
    // Act
    const repeat = firstResult(await book(three!, 'honest-call-4'));
    // Assess
    expect(first.result).toMatchObject({ booked: false, reason: 'confirming' });
    expect(repeat.result).toMatchObject({ booked: true });
    expect(liveEventsAt(three!)).toHaveLength(1);
  }, 30_000);
});
