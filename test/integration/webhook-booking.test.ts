/**
 * The VAPI webhook's set_appointment end to end: booking, races, replays, live re-check, refusals; no secret logged.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { instantOf } from '../../local/sandbox/microsoft/graph/time';
import type { LocalApp } from '../../local/app';
import { firstResult, toolCall, useConnectedApp, webhook } from './harness';
import { expectNoSecretsIn } from './log-capture';

let app: LocalApp;
// From before boot, so the no-secrets check covers connect and every booking below.
const { app: booted, logs } = useConnectedApp();
const graph = (route: string) => app.emulator!.requests.filter((r) => r.route === route).length;
/** Events in the sandbox mailbox starting at the slot's local wall time (events are written in the owner's zone). */
const eventsAt = (startIso: string) =>
  app.emulator!.dump().events.filter((e) => instantOf(e.start) === Date.parse(startIso));

async function freeSlots(args: Record<string, unknown> = {}) {
  const answer = await webhook(app, toolCall('get_availability', args));
  return firstResult(answer).result.slots as Array<{ start: string; end: string; spoken: string }>;
}

beforeAll(async () => {
  app = booted();
});

describe('Webhook: set_appointment', () => {
  it('books a free slot: one Graph read and one create, with the caller details on the event', async () => {
    // Prepare
    const slot = (await freeSlots({ time_of_day: 'morning' })).at(-1);
    const [views, creates] = [graph('calendarView'), graph('createEvent')];

    // Act
    const answer = firstResult(
      await webhook(
        app,
        toolCall(
          'set_appointment',
          {
            start_time: slot!.start,
            attendee_name: 'Jane Doe',
            attendee_email: 'jane@example.com',
            property_address: '12 Elm St',
            notes: 'Has a dog',
          },
          { customer: '+15557654321' },
        ),
      ),
    );

    // Assess
    expect(answer.result).toMatchObject({
      booked: true,
      appointment: {
        start: slot!.start,
        end: slot!.end,
        confirmation_code: expect.stringMatching(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/),
      },
    });
    expect([graph('calendarView') - views, graph('createEvent') - creates]).toEqual([1, 1]);
    const event = app.emulator!.dump().events.find((e) => e.subject === 'Property viewing — 12 Elm St')!;
    expect(event.location?.displayName).toBe('12 Elm St');
    expect(event.attendees?.[0]?.emailAddress?.address).toBe('jane@example.com');
    expect(event.body?.content).toContain('+15557654321');
    expect(event.body?.content).toContain('Has a dog');
    expect(event.transactionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('books normally with a 4 KB call id and tool-call id: ids past DynamoDB key limits are hashed into keys', async () => {
    // Prepare: DynamoDB keys take at most 2 KB (partition) and 1 KB (sort); VAPI ids have no documented bound
    const slot = (await freeSlots({ time_of_day: 'afternoon' })).at(-1);
    const callId = `call-${'c'.repeat(4096)}`;
    const id = `tc-${'t'.repeat(4096)}`;
    const call = toolCall('set_appointment', { start_time: slot!.start, attendee_name: 'Long Ids' }, { callId, id });

    // Act
    const first = firstResult(await webhook(app, call));
    const again = firstResult(await webhook(app, call));

    // Assess: booked once, and the redelivery is answered from the same (hashed) tool-call record
    expect(first.result).toMatchObject({ booked: true, appointment: { start: slot!.start } });
    expect(again.result).toEqual(first.result);
    expect(eventsAt(slot!.start)).toHaveLength(1);
  });

  it('exactly one of 20 parallel bookings of a slot wins; the rest hear it was taken, with alternatives', async () => {
    // Prepare
    const slot = (await freeSlots({ time_of_day: 'evening' })).at(-1);
    const creates = graph('createEvent');

    // Act
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        webhook(
          app,
          toolCall(
            'set_appointment',
            { start_time: slot!.start, attendee_name: `Caller ${i}` },
            { customer: `+1555000${1000 + i}` },
          ),
        ),
      ),
    );

    // Assess
    const results = answers.map((a) => firstResult(a).result);
    expect(results.filter((r) => r.booked === true)).toHaveLength(1);
    const losers = results.filter((r) => r.booked === false);
    expect(losers).toHaveLength(19);
    for (const loser of losers) {
      expect(loser.reason).toBe('taken');
      expect(loser.alternatives.length).toBeGreaterThan(0);
      expect(loser.alternatives.map((a: { start: string }) => a.start)).not.toContain(slot!.start);
    }
    expect(graph('createEvent') - creates).toBe(1);
    expect(eventsAt(slot!.start)).toHaveLength(1);
  });

  it('replays the first answer to a redelivered tool call id and creates nothing more (also in parallel)', async () => {
    // Prepare
    const slots = await freeSlots({ time_of_day: 'afternoon' });
    const creates = graph('createEvent');
    const first = toolCall('set_appointment', { start_time: slots[0]!.start, attendee_name: 'Replay Sequential' });
    const second = toolCall('set_appointment', { start_time: slots[1]!.start, attendee_name: 'Replay Parallel' });

    // Act
    const a1 = await webhook(app, first);
    const a2 = await webhook(app, first);
    const [p1, p2] = await Promise.all([webhook(app, second), webhook(app, second)]);

    // Assess
    expect(a2.text).toBe(a1.text);
    expect(p2.text).toBe(p1.text);
    expect(firstResult(a1).result.booked).toBe(true);
    expect(firstResult(p1).result.booked).toBe(true);
    expect(graph('createEvent') - creates).toBe(2);
  });

  it('re-checks the calendar live: an event added in Outlook since the offer prevents the booking', async () => {
    // Prepare
    const slot = (await freeSlots({ time_of_day: 'morning' })).at(-1);
    const local = slot!.start.slice(0, 19);
    app.emulator!.addEvent({
      subject: 'Dentist',
      showAs: 'busy',
      start: { dateTime: local, timeZone: 'Eastern Standard Time' },
      end: { dateTime: slot!.end.slice(0, 19), timeZone: 'Eastern Standard Time' },
    });
    const creates = graph('createEvent');

    // Act
    const answer = firstResult(
      await webhook(app, toolCall('set_appointment', { start_time: local, attendee_name: 'Late Caller' })),
    );

    // Assess
    expect(answer.result).toMatchObject({ booked: false, reason: 'taken' });
    expect(answer.result.alternatives.length).toBeGreaterThan(0);
    expect(graph('createEvent')).toBe(creates);
  });

  it.each([
    ['in the past', { start_time: '2020-01-06T10:00', attendee_name: 'A' }, 'past'],
    ['outside working hours', { start_time: 'TOMORROW T03:00', attendee_name: 'A' }, 'outside_hours'],
    ['beyond the horizon', { start_time: 'IN60DAYS T10:00', attendee_name: 'A' }, 'beyond_horizon'],
  ])('does not book a time %s and says why, with suggestions', async (_case, args, reason) => {
    // Prepare
    const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
    const start = args.start_time.replace('TOMORROW ', day(2)).replace('IN60DAYS ', day(60));
    const creates = graph('createEvent');

    // Act
    const answer = firstResult(await webhook(app, toolCall('set_appointment', { ...args, start_time: start })));

    // Assess
    expect(answer.result).toMatchObject({ booked: false, reason });
    expect(answer.result.message).toMatch(/\w+.*\./);
    expect(answer.result.alternatives.length).toBeGreaterThan(0);
    expect(graph('createEvent')).toBe(creates);
  });

  it('answers missing or unreadable arguments with a speakable per-call error', async () => {
    // Act
    const noName = await webhook(app, toolCall('set_appointment', { start_time: '2030-01-01T10:00' }));
    const unknown = await webhook(app, toolCall('cancel_everything', {}));

    // Assess
    for (const res of [noName, unknown]) {
      expect(res.status).toBe(200);
      expect(res.json.results[0].error).toMatch(/^[^\n]+$/);
      expect(res.json.results[0].result).toBeUndefined();
    }
  });
  it.each(['tomorrow at 2pm', '2026-13-45T10:00', 'next tuesday-ish'])(
    'answers a start time it cannot read (%s) as reason "unparseable", with open alternatives',
    async (startTime) => {
      // Act
      const answer = firstResult(
        await webhook(app, toolCall('set_appointment', { start_time: startTime, attendee_name: 'A' })),
      );

      // Assess
      expect(answer.error).toBeUndefined();
      expect(answer.result).toMatchObject({
        booked: false,
        reason: 'unparseable',
        message: expect.stringMatching(/^I couldn't understand that time\. /),
      });
      expect(answer.result.alternatives.length).toBeGreaterThan(0);
    },
  );

  it('never wrote a secret, token, code or state to the logs (connect + the bookings above)', () => {
    // Assess
    expectNoSecretsIn(logs.text(), app);
  });
});
