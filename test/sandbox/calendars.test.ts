/** Several calendars per mailbox: listing, per-calendar views and writes, events by id across calendars, free/busy. */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSandboxCalendar } from '../../local/sandbox/microsoft';
import { graph, signIn, startEmulator, type Running } from './helpers';

const FIXTURE = fileURLToPath(new URL('../events/sandbox/several-calendars.json', import.meta.url));
const WINDOW = 'startDateTime=2026-03-04T00:00:00Z&endDateTime=2026-03-05T12:00:00Z';
const BOOKING = {
  subject: 'Viewing',
  start: { dateTime: '2026-03-05T10:00:00', timeZone: 'UTC' },
  end: { dateTime: '2026-03-05T10:30:00', timeZone: 'UTC' },
  transactionId: 'txn-shared-key',
};

type Json = Record<string, any>;

describe('several calendars', () => {
  let run: Running;
  let token: string;
  const call = async (path: string, init: Parameters<typeof graph>[3] = {}) => {
    const res = await graph(run, token, path, init);
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : {}) as Json };
  };
  const calendarId = async (name: string) =>
    ((await call('/me/calendars')).json.value as Json[]).find((c) => c.name === name)!.id as string;
  const subjects = (json: Json) => (json.value as Json[]).map((e) => e.subject);

  beforeEach(async () => {
    run = await startEmulator({ calendar: loadSandboxCalendar(FIXTURE) });
    token = String((await signIn(run)).access_token);
  });

  afterEach(async () => {
    await run.close();
  });

  it('lists every calendar with isDefaultCalendar, canEdit and owner, the default first', async () => {
    // Act
    const { status, json } = await call('/me/calendars?$select=name,isDefaultCalendar,canEdit,owner');

    // Assess
    expect(status).toBe(200);
    expect(json.value).toEqual([
      expect.objectContaining({
        name: 'Calendar',
        isDefaultCalendar: true,
        canEdit: true,
        owner: { name: 'Pat Manager', address: 'pat@contoso.example' },
      }),
      expect.objectContaining({ name: 'Showings', isDefaultCalendar: false, canEdit: true }),
      expect.objectContaining({
        name: 'Maintenance crew',
        canEdit: false,
        owner: { name: 'Sam Super', address: 'sam.super@contoso.example' },
      }),
      expect.objectContaining({
        name: 'Team leave',
        owner: { name: 'Calendar Owner', address: 'calendar.owner@contoso.example' },
      }),
    ]);
    expect(json.value[1]).not.toHaveProperty('color');
    expect(new Set(json.value.map((c: Json) => c.id)).size).toBe(4);
  });

  it('pages /me/calendars with $top and an absolute @odata.nextLink', async () => {
    // Act
    const first = await call('/me/calendars?$top=3');
    const second = await call(first.json['@odata.nextLink']);

    // Assess
    expect(first.json.value).toHaveLength(3);
    expect(first.json['@odata.nextLink']).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/graph\/v1\.0\/me\/calendars\?\$top=3&\$skip=3$/,
    );
    expect(second.json.value.map((c: Json) => c.name)).toEqual(['Team leave']);
    expect(second.json).not.toHaveProperty('@odata.nextLink');
  });

  it('serves one calendar by id, the default one at /me/calendar, and 404 for an unknown id', async () => {
    // Prepare
    const showings = await calendarId('Showings');

    // Act
    const one = await call(`/me/calendars/${showings}`);
    const fallback = await call('/me/calendar');
    const unknown = await call(`/me/calendars/AAMkNope=/calendarView?${WINDOW}`);

    // Assess
    expect(one.json).toMatchObject({ id: showings, name: 'Showings', isDefaultCalendar: false });
    expect(fallback.json).toMatchObject({ name: 'Calendar', isDefaultCalendar: true });
    expect(unknown.status).toBe(404);
    expect(unknown.json.error.code).toBe('ErrorItemNotFound');
  });

  it("keeps each calendar's view to its own events; /me/calendarView is the default calendar's", async () => {
    // Act
    const byDefault = await call(`/me/calendarView?${WINDOW}`);
    const showings = await call(`/me/calendars/${await calendarId('Showings')}/calendarView?${WINDOW}`);
    const crew = await call(`/me/calendars/${await calendarId('Maintenance crew')}/calendarView?${WINDOW}`);

    // Assess
    expect(subjects(byDefault.json)).toEqual(['Showing – 12 Elm St']);
    expect(subjects(showings.json)).toEqual(['Open house – 45 Oak Ave']);
    expect(subjects(crew.json)).toEqual(['Boiler service']);
  });

  it('writes into the calendar named in the path, with transactionId dedup per calendar', async () => {
    // Prepare
    const showings = await calendarId('Showings');

    // Act
    // The file's open house holds this transactionId in Showings (another body); the default calendar has none.
    const clash = await call(`/me/calendars/${showings}/events`, { method: 'POST', body: BOOKING });
    const created = await call('/me/events', { method: 'POST', body: BOOKING });
    const replayed = await call('/me/calendar/events', { method: 'POST', body: BOOKING });
    const fresh = await call(`/me/calendars/${showings}/events`, {
      method: 'POST',
      body: { ...BOOKING, transactionId: 'txn-new' },
    });
    const view = await call(`/me/calendars/${showings}/calendarView?${WINDOW}`);

    // Assess
    expect([clash.status, clash.json.error?.code]).toEqual([400, 'ErrorDuplicateTransactionId']);
    expect([created.status, replayed.status]).toEqual([201, 201]);
    expect(replayed.json.id).toBe(created.json.id);
    expect(fresh.status).toBe(201);
    expect(subjects(view.json)).toEqual(['Open house – 45 Oak Ave', 'Viewing']);
    expect(subjects((await call(`/me/calendarView?${WINDOW}`)).json)).toEqual(['Showing – 12 Elm St', 'Viewing']);
  });

  it('reads, moves and cancels an event of any calendar by id under /me/events, not under another one', async () => {
    // Prepare
    const showings = await calendarId('Showings');
    const posted = await call(`/me/calendars/${showings}/events`, {
      method: 'POST',
      body: { ...BOOKING, transactionId: 'txn-new' },
    });
    const id = posted.json.id as string;

    // Act
    const read = await call(`/me/events/${id}`);
    const wrongCalendar = await call(`/me/calendars/${await calendarId('Calendar')}/events/${id}`);
    const moved = await call(`/me/events/${id}`, { method: 'PATCH', body: { subject: 'Moved' } });
    const cancelled = await call(`/me/calendars/${showings}/events/${id}/cancel`, { method: 'POST', body: {} });

    // Assess
    expect(read.json).toMatchObject({ id, subject: 'Viewing' });
    expect(wrongCalendar.status).toBe(404);
    expect(moved.json.subject).toBe('Moved');
    expect(cancelled.status).toBe(202);
    expect(run.emulator.dump().calendars![1]!.events.map((e) => e.subject)).toEqual(['Open house – 45 Oak Ave']);
    expect((await call(`/me/events/${id}`)).status).toBe(404);
  });

  it('refuses writes to a calendar the mailbox may only read (403 ErrorAccessDenied)', async () => {
    // Prepare
    const crew = await calendarId('Maintenance crew');

    // Act
    const create = await call(`/me/calendars/${crew}/events`, { method: 'POST', body: BOOKING });
    const remove = await call('/me/events/boiler', { method: 'DELETE' });

    // Assess
    expect([create.status, remove.status]).toEqual([403, 403]);
    expect(create.json.error.code).toBe('ErrorAccessDenied');
  });

  it('makes getSchedule from every calendar the mailbox owns, not from the ones shared with it', async () => {
    // Act
    const { json } = await call('/me/calendar/getSchedule', {
      method: 'POST',
      body: {
        schedules: ['pat@contoso.example'],
        startTime: { dateTime: '2026-03-04T00:00:00', timeZone: 'Pacific Standard Time' },
        endTime: { dateTime: '2026-03-05T00:00:00', timeZone: 'Pacific Standard Time' },
      },
    });

    // Assess
    expect(json.value[0].scheduleItems.map((i: Json) => i.subject)).toEqual([
      'Showing – 12 Elm St',
      'Open house – 45 Oak Ave',
    ]);
  });

  it('takes addEvent into a calendar by name, and says so when there is none', async () => {
    // Act
    const id = run.emulator.addEvent(
      { subject: 'Added', start: BOOKING.start, end: BOOKING.end, showAs: 'busy' },
      'showings',
    );
    const adding = () => run.emulator.addEvent({ subject: 'x', start: BOOKING.start, end: BOOKING.end }, 'Nope');

    // Assess
    expect(run.emulator.dump().calendars![1]!.events.map((e) => e.id)).toContain(id);
    expect(adding).toThrow('addEvent: the mailbox has no calendar named "Nope"');
  });
});
