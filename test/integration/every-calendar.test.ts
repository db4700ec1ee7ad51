/**
 * Every calendar, end to end over HTTP as VAPI and an operator drive it: several calendars with roles, a booking in
 * the book calendar, a second manager in manual mode (hours only), races, and a disconnect that still answers in words.
 */
import { readFileSync } from 'node:fs';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LocalApp } from '../../local/app';
import type { SandboxCalendarFile } from '../../local/sandbox/microsoft';
import { connect, firstResult, startApp, status, toolCall, webhook } from './harness';

const calendarFile = (): SandboxCalendarFile =>
  JSON.parse(readFileSync(new URL('../events/integration/several-calendars.json', import.meta.url), 'utf8'));

let app: LocalApp;
const admin = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${app.baseUrl}/calendar/admin/managers/${path}`, {
    method,
    headers: { authorization: `Bearer ${app.env.ADMIN_TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
};
/** The local clock times ("HH:mm") offered on the next day the engine offers, mornings and all. */
const clockTimes = async (phoneNumberId?: string) => {
  const answer = firstResult(await webhook(app, toolCall('get_availability', {}, { phoneNumberId })));
  const slots = answer.result.slots as Array<{ start: string }>;
  const day = slots[0]!.start.slice(0, 10);
  const again = firstResult(await webhook(app, toolCall('get_availability', { date: day }, { phoneNumberId })));
  return { day, times: (again.result.slots as Array<{ start: string }>).map((s) => s.start.slice(11, 16)), all: again };
};

beforeAll(async () => {
  app = await startApp(
    { VAPI_ROUTES: JSON.stringify({ 'phone-manual': 'hours-only' }), MIN_NOTICE_MINUTES: '0' },
    calendarFile(),
  );
  await connect(app);
});
afterAll(async () => app?.stop());

describe('Every calendar', () => {
  it("gives the first connection's calendars their roles: default books, own busy, shared ignored", async () => {
    // Act
    const view = await admin('GET', app.env.DEFAULT_MANAGER_ID!);
    // Assess
    expect(view.status).toBe(200);
    expect(view.json.mode).toBe('calendar');
    const roles = Object.fromEntries(
      view.json.connections[0].calendars.map((c: { name: string; role: string }) => [c.name, c.role]),
    );
    expect(roles).toEqual({ Calendar: 'book', Showings: 'busy', Team: 'ignore' });
    const team = view.json.connections[0].calendars.find((c: { name: string }) => c.name === 'Team');
    expect(team).toMatchObject({ role: 'ignore', shared: true });
  });

  it('blocks time busy in a busy calendar but not in an ignored one; a role change takes effect at once', async () => {
    // Prepare
    const view = (await admin('GET', app.env.DEFAULT_MANAGER_ID!)).json;
    const connection = view.connections[0];
    const calendar = (name: string) => connection.calendars.find((c: { name: string }) => c.name === name);
    const role = (name: string, value: string) =>
      admin(
        'PUT',
        `${app.env.DEFAULT_MANAGER_ID}/connections/${encodeURIComponent(connection.connectionId)}` +
          `/calendars/${encodeURIComponent(calendar(name).id)}`,
        { role: value },
      );
    // A hold says whether a time is free, whatever the spread of offered options, and is released at once.
    const holds = async (day: string, time: string) => {
      const callId = `probe-${day}-${time}-${Math.random()}`;
      const answer = firstResult(
        await webhook(app, toolCall('hold_slot', { start_time: `${day}T${time}` }, { callId })),
      );
      await webhook(app, { message: { type: 'status-update', status: 'ended', call: { id: callId } } });
      return answer.result.held as boolean;
    };
    // Act
    // The day after the first one offered: its 10:00 is in the future whatever the time of day now.
    const first = (await clockTimes()).day;
    const day = new Date(Date.parse(`${first}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
    const before = [await holds(day, '10:00'), await holds(day, '11:00')];
    const refused = await role('Team', 'busy');
    const changed = await role('Showings', 'ignore');
    const after = await holds(day, '10:00');
    // Assess: Showings blocks 10:00-11:00 while it counts; Team's 11:00-12:00 never (shared: it can only be ignored).
    expect(before).toEqual([false, true]);
    expect(refused.status).toBe(400);
    expect(changed.status).toBe(200);
    expect(after).toBe(true);
  });

  it('books into the book calendar', async () => {
    // Prepare
    const { all } = await clockTimes();
    const slot = (all.result.slots as Array<{ start: string }>).at(-1)!;
    // Act
    const booked = firstResult(
      await webhook(app, toolCall('set_appointment', { start_time: slot.start, attendee_name: 'Jo' })),
    );
    // Assess
    expect(booked.result.booked).toBe(true);
    const dump = (await (await fetch(`${app.baseUrl}/_sandbox/calendar`)).json()) as SandboxCalendarFile;
    const where = (dump.calendars ?? [])
      .filter((c) => c.events.some((e) => e.subject === 'Appointment — Jo'))
      .map((c) => c.name);
    expect(where).toEqual(['Calendar']);
  });

  it('books a manager with only hours (manual mode), exactly once out of 20 parallel callers', async () => {
    // Prepare
    const set = await admin('PUT', 'hours-only/settings', {
      timeZone: 'Europe/London',
      workingHours: 'mon-sun 09:00-11:00',
    });
    const { all } = await clockTimes('phone-manual');
    const slot = (all.result.slots as Array<{ start: string }>).at(-1)!;
    // Act
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        webhook(
          app,
          toolCall(
            'set_appointment',
            { start_time: slot.start, attendee_name: `Caller ${i}` },
            // Twenty different callers: one number is capped at a few bookings a day.
            { phoneNumberId: 'phone-manual', customer: `+1555000${String(i).padStart(4, '0')}` },
          ),
        ),
      ),
    );
    // Assess
    expect(set.status).toBe(200);
    expect(slot.start).toMatch(/\+00:00$|\+01:00$/);
    const results = answers.map((a) => firstResult(a).result);
    expect(results.filter((r) => r.booked === true)).toHaveLength(1);
    expect(results.filter((r) => r.booked === false && r.reason === 'taken')).toHaveLength(19);
    const day = slot.start.slice(0, 10);
    const listed = await admin('GET', `hours-only/bookings?from=${day}&to=${day}`);
    expect(listed.json.bookings).toHaveLength(1);
    expect((await admin('GET', 'hours-only')).json.mode).toBe('manual');
  });

  it('disconnects: no credentials left, status not connected, and calls still get a 200 with words', async () => {
    // Prepare
    const managerId = app.env.DEFAULT_MANAGER_ID!;
    const connectionId = (await admin('GET', managerId)).json.connections[0].connectionId;
    // Act
    const removed = await admin('DELETE', `${managerId}/connections/${encodeURIComponent(connectionId)}`);
    const after = await status(app);
    const answer = await webhook(app, toolCall('get_availability', {}));
    // Assess
    expect(removed.status).toBe(204);
    const dynamo = new DynamoDBClient({
      endpoint: inject('dynamoEndpoint'),
      region: 'local',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    const item = await dynamo.send(
      new GetItemCommand({ TableName: app.env.CONNECTIONS_TABLE, Key: { managerId: { S: managerId } } }),
    );
    expect(item.Item).toBeUndefined();
    expect(after).toMatchObject({ connected: false, provider: null });
    expect((await admin('GET', managerId)).json).toMatchObject({ mode: 'none', connections: [] });
    expect(answer.status).toBe(200);
    expect(firstResult(answer).error).toMatch(/isn't set up yet/);
  });
});
