/** The VAPI webhook end to end: auth, protocol, availability, booking races, replays, live re-check, degraded answers. */
import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalApp } from '../../local/app';
import { connect, firstResult, startApp, status, toolCall, webhook } from './harness';

let app: LocalApp;
const logged: string[] = [];
const graph = (route: string) => app.emulator!.requests.filter((r) => r.route === route).length;
/** Events in the sandbox mailbox starting at the slot's local wall time (events are written in the owner's zone). */
const eventsAt = (startIso: string) => app.emulator!.dump().events.filter((e) => e.start.dateTime.startsWith(startIso.slice(0, 16)));

async function freeSlots(args: Record<string, unknown> = {}) {
  const answer = await webhook(app, toolCall('get_availability', args));
  return firstResult(answer).result.slots as Array<{ start: string; end: string; spoken: string }>;
}

beforeAll(async () => {
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    stream.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
      logged.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write;
  }
  app = await startApp({ POWERTOOLS_LOG_LEVEL: 'DEBUG', VAPI_ROUTES: JSON.stringify({ 'phone-elsewhere': 'manager-unconnected' }) });
  await connect(app);
});
afterAll(async () => {
  await app?.stop();
});

describe('Webhook: transport and auth', () => {
  it.each([
    ['no secret', {}],
    ['a wrong X-Vapi-Secret', { 'x-vapi-secret': 'wrong' }],
    ['a wrong bearer', { authorization: 'Bearer wrong' }],
  ])('answers %s with 401 and does no work, even for a body that is not JSON', async (_case, headers) => {
    // Prepare
    const before = app.emulator!.requests.length;

    // Act
    const res = await webhook(app, '{not json', headers);

    // Assess
    expect(res.status).toBe(401);
    expect(app.emulator!.requests.length).toBe(before);
  });

  it('accepts Authorization: Bearer <secret> as well as X-Vapi-Secret', async () => {
    // Act
    const res = await webhook(app, toolCall('get_availability', {}), { authorization: `Bearer ${app.env.VAPI_SECRET}` });

    // Assess
    expect(res.status).toBe(200);
    expect(res.json.results[0].result).toBeTypeOf('string');
  });

  it('accepts an HMAC-signed request (x-signature over "<x-timestamp>.<body>") and refuses a stale one', async () => {
    // Prepare
    const body = JSON.stringify(toolCall('get_availability', {}));
    const sign = (ts: string) => createHmac('sha256', app.env.VAPI_SECRET!).update(`${ts}.${body}`).digest('hex');
    const fresh = String(Math.floor(Date.now() / 1000));
    const stale = String(Math.floor(Date.now() / 1000) - 301);

    // Act
    const ok = await webhook(app, body, { 'x-timestamp': fresh, 'x-signature': sign(fresh) });
    const old = await webhook(app, body, { 'x-timestamp': stale, 'x-signature': sign(stale) });

    // Assess
    expect(ok.status).toBe(200);
    expect(old.status).toBe(401);
  });

  it('answers a body over 256 KB with 413, invalid JSON with 400 and other message types with 200 {}', async () => {
    // Act
    const big = await webhook(app, JSON.stringify({ message: { type: 'status-update', pad: 'x'.repeat(300 * 1024) } }));
    const broken = await webhook(app, '{"message":');
    const other = await webhook(app, { message: { type: 'end-of-call-report', call: { id: 'c' } } });

    // Assess
    expect([big.status, broken.status, other.status]).toEqual([413, 400, 200]);
    expect(other.json).toEqual({});
  });

  it('answers the legacy function-call message with {"result": ...}', async () => {
    // Act
    const res = await webhook(app, { message: { type: 'function-call', call: { id: 'legacy-1' }, functionCall: { name: 'get_availability', parameters: '{"time_of_day":"morning"}' } } });

    // Assess
    expect(res.status).toBe(200);
    expect(JSON.parse(res.json.result).slots.length).toBeGreaterThan(0);
  });
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
    const injected = firstResult(await webhook(app, toolCall('get_availability', { manager_id: 'manager-unconnected' })));
    const routed = firstResult(await webhook(app, toolCall('get_availability', {}, { phoneNumberId: 'phone-elsewhere' })));

    // Assess
    expect(injected.result.slots.length).toBeGreaterThan(0);
    expect(routed.error).toMatch(/can't reach the manager's calendar.*call you back/);
  });
});

describe('Webhook: set_appointment', () => {
  it('books a free slot: one Graph read and one create, with the caller details on the event', async () => {
    // Prepare
    const [slot] = await freeSlots({ time_of_day: 'morning' });
    const [views, creates] = [graph('calendarView'), graph('createEvent')];

    // Act
    const answer = firstResult(await webhook(app, toolCall('set_appointment', {
      start_time: slot!.start, attendee_name: 'Jane Doe', attendee_email: 'jane@example.com', property_address: '12 Elm St', notes: 'Has a dog',
    }, { customer: '+15557654321' })));

    // Assess
    expect(answer.result).toMatchObject({ booked: true, appointment: { start: slot!.start, end: slot!.end, confirmation_code: expect.stringMatching(/^[ACDEFGHJKMNPQRTUVWXY34679]{6}$/) } });
    expect([graph('calendarView') - views, graph('createEvent') - creates]).toEqual([1, 1]);
    const event = app.emulator!.dump().events.find((e) => e.subject === 'Property viewing — 12 Elm St')!;
    expect(event.location?.displayName).toBe('12 Elm St');
    expect(event.attendees?.[0]?.emailAddress?.address).toBe('jane@example.com');
    expect(event.body?.content).toContain('+15557654321');
    expect(event.body?.content).toContain('Has a dog');
    expect(event.transactionId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('lets exactly one of 20 parallel bookings of one slot win; the others hear it was taken, with alternatives', async () => {
    // Prepare
    const [slot] = await freeSlots({ time_of_day: 'evening' });
    const creates = graph('createEvent');

    // Act
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      webhook(app, toolCall('set_appointment', { start_time: slot!.start, attendee_name: `Caller ${i}` }, { customer: `+1555000${1000 + i}` }))));

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

  it('answers a redelivered tool call id with the first answer and creates nothing more (sequential and parallel)', async () => {
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
    const [slot] = await freeSlots({ time_of_day: 'morning' });
    const local = slot!.start.slice(0, 19);
    app.emulator!.addEvent({ subject: 'Dentist', showAs: 'busy', start: { dateTime: local, timeZone: 'Eastern Standard Time' },
      end: { dateTime: slot!.end.slice(0, 19), timeZone: 'Eastern Standard Time' } });
    const creates = graph('createEvent');

    // Act
    const answer = firstResult(await webhook(app, toolCall('set_appointment', { start_time: local, attendee_name: 'Late Caller' })));

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
    const garbled = await webhook(app, toolCall('set_appointment', { start_time: 'next tuesday-ish', attendee_name: 'A' }));
    const unknown = await webhook(app, toolCall('cancel_everything', {}));

    // Assess
    for (const res of [noName, garbled, unknown]) {
      expect(res.status).toBe(200);
      expect(res.json.results[0].error).toMatch(/^[^\n]+$/);
      expect(res.json.results[0].result).toBeUndefined();
    }
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
    const output = logged.join('');
    expect(output.length).toBeGreaterThan(0);
    for (const secret of [app.env.VAPI_SECRET, app.env.ADMIN_TOKEN, app.env.INVITE_SIGNING_KEY, app.env.LOCAL_TOKEN_KEY]) {
      expect(output).not.toContain(secret);
    }
    expect(output).not.toMatch(/access_token|refresh_token|code=|state=|v1\.eyJ|client_secret|sandbox-client-secret/);
  });
});
