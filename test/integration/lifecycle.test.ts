/**
 * The lifecycle tools end to end over HTTP, as VAPI drives them: several calls book, hold, reschedule and cancel on a
 * Sydney mailbox (AUS Eastern Standard Time, two calendars) no other test uses; nobody else's booking leaks to a
 * number without its code; holds block other calls until the end-of-call message; Teams links; changes the owner
 * makes in Outlook are followed; five wrong codes lock a call's lookups.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalApp } from '../../local/app';
import type { SandboxCalendarFile } from '../../local/sandbox/microsoft';
import { instantOf } from '../../local/sandbox/microsoft/graph/time';
import { connect, firstResult, startApp, toolCall, webhook } from './harness';
import { captureOutput } from './log-capture';

const calendarFile = (): SandboxCalendarFile =>
  JSON.parse(readFileSync(new URL('../events/integration/lifecycle-calendar.json', import.meta.url), 'utf8'));

type Slot = { start: string; end: string; spoken: string };
type Caller = { callId: string; customer: string };
type SandboxEvent = SandboxCalendarFile['events'][number] & { id?: string; calendar: string };

let app: LocalApp;
let ownerToken: string;
/** Days after the first day the engine offers (so no slot of them can pass while the file runs), YYYY-MM-DD. */
let days: string[];
const logs = captureOutput();

let calls = 0;
/** A new VAPI call from `customer` (E.164). */
const newCall = (customer: string): Caller => {
  calls += 1;
  return { callId: `lifecycle-call-${process.pid}-${calls}`, customer };
};

/** Runs one tool in `caller`'s call; the parsed result, the error, and the raw result text (for leak checks). */
async function tool(caller: Caller, name: string, args: Record<string, unknown>) {
  const answer = await webhook(app, toolCall(name, args, caller));
  expect(answer.status).toBe(200);
  const raw = answer.json.results[0].result ?? answer.json.results[0].error ?? '';
  return { ...firstResult(answer), raw: String(raw) };
}

/** The slots get_availability offers `caller` on `date`. */
async function slotsOn(caller: Caller, date: string, extra: Record<string, unknown> = {}): Promise<Slot[]> {
  const { result, error } = await tool(caller, 'get_availability', { date, ...extra });
  expect(error).toBeUndefined();
  return result.slots as Slot[];
}

const localTime = (iso: string) => iso.slice(11, 16);
/** The Sydney calendar date (YYYY-MM-DD) and UTC offset ("+11:00" in summer, "+10:00" in winter) of an instant. */
const sydneyDate = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Australia/Sydney' }).format(ms);
const sydneyOffset = (ms: number) =>
  new Intl.DateTimeFormat('en-US', { timeZone: 'Australia/Sydney', timeZoneName: 'longOffset' })
    .formatToParts(ms)
    .find((p) => p.type === 'timeZoneName')!
    .value.replace('GMT', '');

/** VAPI's end-of-call messages for a call. */
const ended = (callId: string) => ({ message: { type: 'status-update', status: 'ended', call: { id: callId } } });
const report = (callId: string) => ({
  message: { type: 'end-of-call-report', endedReason: 'customer-ended-call', call: { id: callId } },
});

/** The sandbox mailbox as `GET /_sandbox/calendar` serves it: every calendar's events, each with its calendar. */
async function sandboxEvents(): Promise<SandboxEvent[]> {
  const res = await fetch(`${app.baseUrl}/_sandbox/calendar`);
  expect(res.status).toBe(200);
  const dump = (await res.json()) as SandboxCalendarFile;
  return (dump.calendars ?? []).flatMap((c) => c.events.map((e) => ({ ...e, calendar: c.name }) as SandboxEvent));
}

/** The bookings' events (the fixture's own events all recur) on those Sydney days. */
const bookingEventsOn = async (...dates: string[]) =>
  (await sandboxEvents()).filter((e) => !e.recurrence && dates.includes(sydneyDate(instantOf(e.start))));

/** The one event whose subject is `subject`; fails on none or several. */
async function eventNamed(subject: string): Promise<SandboxEvent> {
  const found = (await sandboxEvents()).filter((e) => e.subject === subject);
  expect(found).toHaveLength(1);
  return found[0]!;
}

/**
 * The manager in Outlook: a second sign-in to the sandbox (its own grant, over the sandbox's login endpoints), so the
 * test can change the mailbox through Graph as the owner would, beside the app's connection.
 */
async function signInAsOwner(): Promise<string> {
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  const redirectUri = `${app.baseUrl}/outlook-on-the-web`;
  const login = `${app.env.MICROSOFT_LOGIN_BASE_URL}/common/oauth2/v2.0`;
  const query = new URLSearchParams({
    client_id: app.env.MICROSOFT_CLIENT_ID!,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'Calendars.ReadWrite offline_access openid',
    code_challenge: challenge,
    code_challenge_method: 'S256',
  });
  const back = new URL(await app.emulator!.consent(`${login}/authorize?${query}`));
  const res = await fetch(`${login}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      client_id: app.env.MICROSOFT_CLIENT_ID!,
      client_secret: app.env.MICROSOFT_CLIENT_SECRET!,
      grant_type: 'authorization_code',
      code: back.searchParams.get('code') ?? '',
      code_verifier: verifier,
      redirect_uri: redirectUri,
      scope: 'Calendars.ReadWrite',
    }),
  });
  const body = (await res.json()) as { access_token?: string };
  if (res.status !== 200 || !body.access_token) throw new Error(`owner sign-in failed: ${JSON.stringify(body)}`);
  return body.access_token;
}

/** A Graph call as the owner; status and parsed body. */
async function outlook(method: string, path: string, body?: unknown) {
  const res = await fetch(`${app.env.GRAPH_BASE_URL}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${ownerToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** Graph's dateTimeTimeZone of an instant, in UTC. */
const utcWire = (ms: number) => ({ dateTime: new Date(ms).toISOString().slice(0, 19), timeZone: 'UTC' });

/** The admin API (bearer ADMIN_TOKEN). */
async function admin(method: string, path: string, body?: unknown) {
  const res = await fetch(`${app.baseUrl}/calendar/admin/managers/${path}`, {
    method,
    headers: { authorization: `Bearer ${app.env.ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/** Gives the named calendar of the default manager the `book` role. */
async function bookInto(name: string) {
  const manager = app.env.DEFAULT_MANAGER_ID!;
  const connection = (await admin('GET', manager)).json.connections[0];
  const calendar = connection.calendars.find((c: { name: string }) => c.name === name);
  const path =
    `${manager}/connections/${encodeURIComponent(connection.connectionId)}` +
    `/calendars/${encodeURIComponent(calendar.id)}`;
  const changed = await admin('PUT', path, { role: 'book' });
  expect(changed.status).toBe(200);
}

/** The day after a YYYY-MM-DD date, `n` times. */
const plusDays = (date: string, n: number) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  app = await startApp({ MIN_NOTICE_MINUTES: '0' }, calendarFile());
  await connect(app);
  ownerToken = await signInAsOwner();
  const first = firstResult(await webhook(app, toolCall('get_availability', {}, newCall('+61290000000'))));
  const firstDay = (first.result.slots as Slot[])[0]!.start.slice(0, 10);
  days = Array.from({ length: 10 }, (_, i) => plusDays(firstDay, i + 1));
});
afterAll(async () => {
  await app?.stop();
  logs.stop();
});

describe('Lifecycle: the fixture calendar', () => {
  it('offers Sydney times around the busy events of both calendars, ignoring free ones', async () => {
    // Act
    const slots = await slotsOn(newCall('+61290000001'), days[0]!);
    const afternoon = await slotsOn(newCall('+61290000001'), days[0]!, { time_of_day: 'afternoon' });
    // Assess: the stand-up (09:00) and lunch (12:00) block, the coffee shown as free does not; times are Sydney's.
    expect(slots.map((s) => localTime(s.start))).toEqual(['09:30', '13:00', '16:30']);
    for (const slot of slots) {
      const ms = Date.parse(slot.start);
      expect([slot.start.slice(0, 10), slot.start.slice(19)]).toEqual([sydneyDate(ms), sydneyOffset(ms)]);
    }
    expect(afternoon.map((s) => localTime(s.start))).not.toContain('15:00');
  });
});

describe('Lifecycle: book, hold, reschedule and cancel across calls', () => {
  it('moves the same event, removes cancelled ones and leaves the other bookings untouched', async () => {
    // Prepare
    const [ann, ben, cat] = [newCall('+61291110001'), newCall('+61291110002'), newCall('+442071110003')];
    const [early, midday, late] = await slotsOn(ann, days[1]!);
    const annBooked = await tool(ann, 'set_appointment', {
      start_time: early!.start,
      attendee_name: 'Ann Archer',
      property_address: '7 Harbour View Rd',
    });
    const benBooked = await tool(ben, 'set_appointment', {
      start_time: midday!.start,
      attendee_name: 'Ben Brook',
      property_address: '9 Ferry Ln',
    });
    const catHeld = await tool(cat, 'hold_slot', { start_time: late!.start });
    const catBooked = await tool(cat, 'set_appointment', {
      start_time: late!.start,
      attendee_name: 'Cat Cole',
      property_address: '3 Quay St',
    });
    const before = await bookingEventsOn(days[1]!, days[2]!);
    const annEvent = await eventNamed('Property viewing — 7 Harbour View Rd');
    const catEvent = await eventNamed('Property viewing — 3 Quay St');
    const [target] = await slotsOn(ann, days[2]!);

    // Act: Ann calls back and moves hers; Ben calls back from his number and cancels with his code (twice).
    const annAgain = newCall('+61291110001');
    const found = await tool(annAgain, 'find_appointment', {});
    const move = toolCall(
      'reschedule_appointment',
      { appointment_id: found.result.appointments[0].id, new_start_time: target!.start },
      annAgain,
    );
    const moved = firstResult(await webhook(app, move));
    const redelivered = firstResult(await webhook(app, move));
    const benAgain = newCall('+61291110002');
    const code = benBooked.result.appointment.confirmation_code as string;
    const cancelled = await tool(benAgain, 'cancel_appointment', { confirmation_code: code, reason: 'Found a place' });
    const repeat = await tool(benAgain, 'cancel_appointment', { confirmation_code: code });
    const after = await bookingEventsOn(days[1]!, days[2]!);
    const freed = await slotsOn(newCall('+61291110009'), days[1]!);

    // Assess
    expect([annBooked.result.booked, benBooked.result.booked, catBooked.result.booked]).toEqual([true, true, true]);
    expect(catHeld.result).toMatchObject({ held: true, hold: { start: late!.start, end: late!.end } });
    expect(before).toHaveLength(3);
    expect(found.result.appointments).toEqual([
      expect.objectContaining({
        id: annBooked.result.appointment.id,
        start: early!.start,
        property_address: '7 Harbour View Rd',
        confirmation_code: annBooked.result.appointment.confirmation_code,
      }),
    ]);
    expect(moved.result).toMatchObject({
      rescheduled: true,
      appointment: {
        id: annBooked.result.appointment.id,
        start: target!.start,
        end: target!.end,
        confirmation_code: annBooked.result.appointment.confirmation_code,
      },
    });
    expect(redelivered.result).toEqual(moved.result);
    expect(cancelled.result).toEqual({ message: expect.stringContaining('cancelled'), cancelled: true });
    expect(repeat.result).toEqual(cancelled.result);
    // The sandbox: Ann's event is the same id at the new time, Ben's is gone, Cat's is as it was; nothing else.
    expect(after.map((e) => e.id).sort()).toEqual([annEvent.id, catEvent.id].sort());
    const annNow = after.find((e) => e.id === annEvent.id)!;
    expect(annNow.subject).toBe('Property viewing — 7 Harbour View Rd');
    expect(instantOf(annNow.start)).toBe(Date.parse(target!.start));
    expect(instantOf(annNow.end)).toBe(Date.parse(target!.end));
    expect(after.find((e) => e.id === catEvent.id)).toEqual(catEvent);
    // Both old times are free again (Ann's moved out, Ben's cancelled); Cat's is still taken.
    expect(freed.map((s) => s.start)).toEqual(expect.arrayContaining([early!.start, midday!.start]));
    expect(freed.map((s) => s.start)).not.toContain(late!.start);
  });

  it('gives one winner when five callers move onto one slot at once; the others keep their times', async () => {
    // Prepare: five callers book one after another, each the earliest time still offered.
    const racers = Array.from({ length: 5 }, (_, i) => newCall(`+6129444000${i}`));
    const booked: Array<{ id: string; start: string }> = [];
    for (const [i, racer] of racers.entries()) {
      const [earliest] = await slotsOn(racer, days[0]!);
      const answer = await tool(racer, 'set_appointment', { start_time: earliest!.start, attendee_name: `Racer ${i}` });
      booked.push(answer.result.appointment);
    }
    const [target] = await slotsOn(racers[0]!, days[0]!, { time_of_day: 'afternoon' });
    const before = await Promise.all(racers.map((_, i) => eventNamed(`Appointment — Racer ${i}`)));

    // Act: each calls back and asks for the same new time, all at once.
    const answers = await Promise.all(
      racers.map((racer, i) =>
        tool(newCall(racer.customer), 'reschedule_appointment', {
          appointment_id: booked[i]!.id,
          new_start_time: target!.start,
        }),
      ),
    );
    const after = await Promise.all(racers.map((_, i) => eventNamed(`Appointment — Racer ${i}`)));

    // Assess
    expect(new Set(booked.map((b) => b.start)).size).toBe(5);
    const won = answers.map((a) => a.result.rescheduled);
    expect(won.filter((w) => w === true)).toHaveLength(1);
    expect(answers.filter((a) => a.result.reason === 'taken')).toHaveLength(4);
    const winner = won.indexOf(true);
    expect(after.map((e) => e.id)).toEqual(before.map((e) => e.id));
    expect(after.map((e) => instantOf(e.start))).toEqual(
      booked.map((b, i) => Date.parse(i === winner ? target!.start : b.start)),
    );
  });

  it("cancels by appointment id from the booker's number; another caller can then book the time", async () => {
    // Prepare
    const dee = newCall('+61291110004');
    const [slot] = await slotsOn(dee, days[3]!, { time_of_day: 'afternoon' });
    const booked = await tool(dee, 'set_appointment', { start_time: slot!.start, attendee_name: 'Dee Dunn' });
    const eventBefore = await eventNamed('Appointment — Dee Dunn');
    // Act
    const cancelled = await tool(dee, 'cancel_appointment', { appointment_id: booked.result.appointment.id });
    const rebooked = await tool(newCall('+61291110005'), 'set_appointment', {
      start_time: slot!.start,
      attendee_name: 'Eli Eddy',
    });
    // Assess
    expect(booked.result.booked).toBe(true);
    expect(cancelled.result.cancelled).toBe(true);
    expect((await sandboxEvents()).some((e) => e.id === eventBefore.id)).toBe(false);
    expect(rebooked.result.booked).toBe(true);
  });
});

describe('Lifecycle: who may see a booking', () => {
  it("tells a number without the code nothing about another caller's booking; the code opens it", async () => {
    // Prepare
    const owner = newCall('+61395550101');
    const [slot] = await slotsOn(owner, days[4]!);
    const booked = await tool(owner, 'set_appointment', {
      start_time: slot!.start,
      attendee_name: 'Dana Nguyen',
      property_address: '42 Wattle St',
    });
    const mine = await tool(newCall('+61395550101'), 'find_appointment', {});
    const { id, confirmation_code: code } = booked.result.appointment as { id: string; confirmation_code: string };
    const eventBefore = await eventNamed('Property viewing — 42 Wattle St');
    const stranger = newCall('+61400009999');

    // Act
    const bare = await tool(stranger, 'find_appointment', {});
    const named = await tool(stranger, 'find_appointment', { attendee_name: 'Dana Nguyen', date: days[4] });
    const nobody = await tool(stranger, 'find_appointment', { attendee_name: 'No Such Person', date: days[4] });
    const move = await tool(stranger, 'reschedule_appointment', { appointment_id: id, new_start_time: slot!.end });
    const cancel = await tool(stranger, 'cancel_appointment', { appointment_id: id });
    const withCode = await tool(stranger, 'find_appointment', { confirmation_code: code.toLowerCase() });

    // Assess
    expect(booked.result.booked).toBe(true);
    expect(mine.result.appointments).toHaveLength(1);
    const spoken = mine.result.appointments[0].spoken as string;
    for (const answer of [bare, named]) {
      expect(answer.result).toMatchObject({ reason: 'not_found', appointments: [] });
    }
    // Not even whether it exists: her real name and day get the very answer a made-up name does.
    expect(named.raw).toBe(nobody.raw);
    expect(move.result).toMatchObject({ rescheduled: false, reason: 'not_found' });
    expect(cancel.result).toMatchObject({ cancelled: false, reason: 'not_found' });
    // Nothing of Dana's booking in any of the stranger's answers: name, address, time, code or id.
    const secrets = ['Dana', 'Nguyen', 'Wattle', slot!.start, localTime(slot!.start), spoken, code, id];
    for (const answer of [bare, named, move, cancel]) {
      for (const secret of secrets) expect(answer.raw).not.toContain(secret);
      expect(answer.raw).not.toMatch(/\d{1,2}:\d{2}/);
    }
    // The stranger's attempts changed nothing; with the code (any case) the booking is theirs to see.
    expect(await eventNamed('Property viewing — 42 Wattle St')).toEqual(eventBefore);
    expect(withCode.result.appointments).toEqual([
      { id, start: slot!.start, end: slot!.end, spoken, property_address: '42 Wattle St', confirmation_code: code },
    ]);
  });

  it('locks lookups in a call after five wrong codes, even for the right one; another call is not locked', async () => {
    // Prepare
    const booker = newCall('+61295550202');
    const [, slot] = await slotsOn(booker, days[5]!);
    const booked = await tool(booker, 'set_appointment', {
      start_time: slot!.start,
      attendee_name: 'Gus Grey',
      property_address: '5 Bondi Rd',
    });
    const code = booked.result.appointment.confirmation_code as string;
    const guesser = newCall('+61400007777');
    // Letters the codes never use (no Z, B, 0...), so none of these can be anyone's code.
    const wrong = ['ZZZZZ0', 'ZZZZZ1', 'ZZZZZ2', 'ZZZZZ5', 'ZZZZZ8'];

    // Act
    const guesses = [];
    for (const guess of wrong) guesses.push(await tool(guesser, 'find_appointment', { confirmation_code: guess }));
    const right = await tool(guesser, 'find_appointment', { confirmation_code: code });
    const cancel = await tool(guesser, 'cancel_appointment', { confirmation_code: code });
    const fresh = await tool(newCall('+61400007777'), 'find_appointment', { confirmation_code: code });

    // Assess
    expect(booked.result.booked).toBe(true);
    expect(guesses.slice(0, 4).map((g) => g.result.reason)).toEqual(Array(4).fill('wrong_code'));
    expect(guesses[4]!.result).toMatchObject({ reason: 'locked', appointments: [] });
    expect(right.result).toMatchObject({ reason: 'locked', appointments: [] });
    expect(right.raw).not.toContain('Bondi');
    expect(cancel.result).toMatchObject({ cancelled: false, reason: 'locked' });
    expect(fresh.result.appointments).toEqual([expect.objectContaining({ confirmation_code: code })]);
    expect(await eventNamed('Property viewing — 5 Bondi Rd')).toBeDefined();
    const warned = logs
      .entries()
      .filter((e) => e.message === 'a wrong confirmation code was said' && e.callId === guesser.callId);
    expect(warned).toHaveLength(5);
    expect(warned.every((e) => e.level === 'WARN')).toBe(true);
  });
});

describe('Lifecycle: holds', () => {
  it("blocks the held time for other calls until a status-update 'ended', then frees it", async () => {
    // Prepare
    const [a, b] = [newCall('+61298880001'), newCall('+61298880002')];
    const [slot] = await slotsOn(b, days[6]!);
    // Act
    const held = await tool(a, 'hold_slot', { start_time: slot!.start });
    const refused = await tool(b, 'set_appointment', { start_time: slot!.start, attendee_name: 'Bea Blake' });
    const offeredToB = await slotsOn(b, days[6]!);
    const offeredToA = await slotsOn(a, days[6]!);
    const end = await webhook(app, ended(a.callId));
    const offeredAfter = await slotsOn(b, days[6]!);
    const booked = await tool(b, 'set_appointment', { start_time: slot!.start, attendee_name: 'Bea Blake' });
    // Assess
    expect(held.result).toMatchObject({ held: true, hold: { start: slot!.start, end: slot!.end } });
    const expiresIn = Date.parse(held.result.hold.expires_at) - Date.now();
    expect(expiresIn).toBeGreaterThan(4 * 60_000);
    expect(expiresIn).toBeLessThanOrEqual(5 * 60_000 + 1_000);
    expect(refused.result).toMatchObject({ booked: false, reason: 'taken' });
    expect(refused.result.alternatives.map((s: Slot) => s.start)).not.toContain(slot!.start);
    expect(offeredToB.map((s) => s.start)).not.toContain(slot!.start);
    expect(offeredToA[0]!.start).toBe(slot!.start);
    expect(end).toMatchObject({ status: 200, json: {} });
    expect(offeredAfter[0]!.start).toBe(slot!.start);
    expect(booked.result.booked).toBe(true);
    expect(await eventNamed('Appointment — Bea Blake')).toBeDefined();
  });

  it('frees a hold on the end-of-call-report too', async () => {
    // Prepare
    const [c, d] = [newCall('+61298880003'), newCall('+61298880004')];
    const [, slot] = await slotsOn(d, days[6]!);
    const held = await tool(c, 'hold_slot', { start_time: slot!.start });
    // Act
    const refused = await tool(d, 'set_appointment', { start_time: slot!.start, attendee_name: 'Dot Drew' });
    const end = await webhook(app, report(c.callId));
    const booked = await tool(d, 'set_appointment', { start_time: slot!.start, attendee_name: 'Dot Drew' });
    // Assess
    expect(held.result.held).toBe(true);
    expect(refused.result).toMatchObject({ booked: false, reason: 'taken' });
    expect(end).toMatchObject({ status: 200, json: {} });
    expect(booked.result).toMatchObject({ booked: true, appointment: { start: slot!.start } });
  });

  it("converts the call's own hold into one event that outlives the call; a new hold replaces the old", async () => {
    // Prepare
    const [e, f, g] = [newCall('+61298880005'), newCall('+61298880006'), newCall('+61298880007')];
    const [first, second, third] = await slotsOn(e, days[7]!);
    // Act
    const heldFirst = await tool(e, 'hold_slot', { start_time: first!.start });
    const heldSecond = await tool(e, 'hold_slot', { start_time: second!.start });
    const firstForOthers = await slotsOn(f, days[7]!);
    const booked = await tool(e, 'set_appointment', {
      start_time: second!.start,
      attendee_name: 'Eve Evans',
      property_address: '11 Manly Pde',
    });
    const end = await webhook(app, ended(e.callId));
    const afterEnd = await tool(f, 'hold_slot', { start_time: second!.start });
    const thirdHeld = await tool(g, 'hold_slot', { start_time: third!.start });
    const thirdRefused = await tool(f, 'hold_slot', { start_time: third!.start });
    // Assess
    expect([heldFirst.result.held, heldSecond.result.held]).toEqual([true, true]);
    expect(firstForOthers[0]!.start).toBe(first!.start);
    expect(booked.result).toMatchObject({ booked: true, appointment: { start: second!.start } });
    expect(end.status).toBe(200);
    const events = (await bookingEventsOn(days[7]!)).filter((ev) => instantOf(ev.start) === Date.parse(second!.start));
    expect(events.map((ev) => ev.subject)).toEqual(['Property viewing — 11 Manly Pde']);
    expect(afterEnd.result).toMatchObject({ held: false, reason: 'taken' });
    expect(thirdHeld.result.held).toBe(true);
    expect(thirdRefused.result).toMatchObject({ held: false, reason: 'taken' });
    expect(thirdRefused.result.alternatives.map((s: Slot) => s.start)).not.toContain(third!.start);
  });
});

describe('Lifecycle: online meetings', () => {
  it('books a Teams meeting with its join link, and says plainly when the calendar cannot add one', async () => {
    // Prepare
    const [caller, other] = [newCall('+61297770001'), newCall('+61297770002')];
    const [teamsSlot, plainSlot] = await slotsOn(caller, days[8]!);

    // Act
    const teams = await tool(caller, 'set_appointment', {
      start_time: teamsSlot!.start,
      attendee_name: 'Tia Teams',
      attendee_email: 'tia@example.com',
      online: true,
    });
    const teamsEvent = await eventNamed('Appointment — Tia Teams');
    const graphEvent = await outlook('GET', `/me/events/${teamsEvent.id}`);
    let plain: Awaited<ReturnType<typeof tool>>;
    try {
      // The Personal calendar allows no online meetings (as a personal account): bookings go there for this one.
      await bookInto('Personal');
      plain = await tool(other, 'set_appointment', {
        start_time: plainSlot!.start,
        attendee_name: 'Pip Plain',
        online: true,
      });
    } finally {
      await bookInto('Calendar');
    }
    const plainEvent = await eventNamed('Appointment — Pip Plain');

    // Assess
    expect(teams.result.booked).toBe(true);
    expect(teams.result.join_url).toMatch(/^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    expect(teams.result.message).toMatch(/video link is in the invitation/i);
    expect(teamsEvent).toMatchObject({ calendar: 'Calendar', isOnlineMeeting: true });
    expect(graphEvent.status).toBe(200);
    expect(graphEvent.json).toMatchObject({
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      onlineMeeting: { joinUrl: teams.result.join_url },
    });
    expect(plain.result.booked).toBe(true);
    expect(plain.result).not.toHaveProperty('join_url');
    expect(plain.result.message).toMatch(/no link/i);
    expect(plainEvent.calendar).toBe('Personal');
    expect(plainEvent.isOnlineMeeting).not.toBe(true);
  });
});

describe('Lifecycle: changes the owner makes in Outlook', () => {
  it('reports a booking the owner moved at its new time, and frees the time it left', async () => {
    // Prepare
    const fay = newCall('+61293330001');
    const [slot] = await slotsOn(fay, days[9]!, { time_of_day: 'morning' });
    const later = (await slotsOn(fay, days[9]!, { time_of_day: 'afternoon' })).at(-1)!;
    const booked = await tool(fay, 'set_appointment', {
      start_time: slot!.start,
      attendee_name: 'Fay Fox',
      property_address: '8 Coogee Bay Rd',
    });
    const event = await eventNamed('Property viewing — 8 Coogee Bay Rd');
    const [newStart, newEnd] = [Date.parse(later.start), Date.parse(later.end)];

    // Act: the owner drags it to the afternoon in Outlook; Fay calls back; another caller wants the old time.
    const patched = await outlook('PATCH', `/me/events/${event.id}`, {
      start: utcWire(newStart),
      end: utcWire(newEnd),
    });
    const found = await tool(newCall('+61293330001'), 'find_appointment', {});
    const oldTime = await tool(newCall('+61293330002'), 'set_appointment', {
      start_time: slot!.start,
      attendee_name: 'Gil Gray',
    });

    // Assess
    expect(booked.result.booked).toBe(true);
    expect(newStart).toBeGreaterThan(Date.parse(slot!.start));
    expect(patched.status).toBe(200);
    expect(found.result.appointments).toEqual([
      expect.objectContaining({ id: booked.result.appointment.id, property_address: '8 Coogee Bay Rd' }),
    ]);
    const appointment = found.result.appointments[0];
    expect([Date.parse(appointment.start), Date.parse(appointment.end)]).toEqual([newStart, newEnd]);
    expect([appointment.start, appointment.end]).toEqual([later.start, later.end]);
    expect(found.result.message).toContain(appointment.spoken);
    expect(found.raw).not.toContain(localTime(slot!.start).replace(/^0/, ''));
    expect(oldTime.result.booked).toBe(true);
    expect((await sandboxEvents()).filter((e) => e.id === event.id).map((e) => instantOf(e.start))).toEqual([newStart]);
  });

  it('reports a booking the owner deleted as cancelled, and frees its time', async () => {
    // Prepare
    const ivy = newCall('+61293330004');
    const [slot] = await slotsOn(ivy, days[9]!, { time_of_day: 'morning' });
    const booked = await tool(ivy, 'set_appointment', {
      start_time: slot!.start,
      attendee_name: 'Ivy Irwin',
      property_address: '1 Tamarama Mews',
    });
    const event = await eventNamed('Property viewing — 1 Tamarama Mews');

    // Act: the owner deletes it in Outlook; Ivy calls back; then someone else books the time.
    const deleted = await outlook('DELETE', `/me/events/${event.id}`);
    const ivyAgain = newCall('+61293330004');
    const found = await tool(ivyAgain, 'find_appointment', {});
    const foundAgain = await tool(ivyAgain, 'find_appointment', {});
    const cancel = await tool(ivyAgain, 'cancel_appointment', {
      confirmation_code: booked.result.appointment.confirmation_code,
    });
    const taken = await tool(newCall('+61293330005'), 'set_appointment', {
      start_time: slot!.start,
      attendee_name: 'Jo Jones',
    });

    // Assess
    expect(booked.result.booked).toBe(true);
    expect(deleted.status).toBe(204);
    expect(found.result.appointments).toEqual([]);
    expect(found.result.message).toMatch(/cancelled by the manager/);
    expect(foundAgain.result.appointments).toEqual([]);
    expect(cancel.result.cancelled).toBe(true);
    expect(taken.result.booked).toBe(true);
    expect((await sandboxEvents()).some((e) => e.id === event.id)).toBe(false);
  });
});
