/** After a booking: moving it (same id, new changeKey), cancelling it (gone, comment sent) and deleting it. */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSandboxCalendar } from '../../local/sandbox/microsoft';
import { graph, signIn, startEmulator, type Running } from './helpers';

const FIXTURE = fileURLToPath(new URL('../events/sandbox/online-meetings.json', import.meta.url));
const UTC = { Prefer: 'outlook.timezone="UTC"' };
const view = (from: string, to: string) => `/me/calendarView?startDateTime=${from}&endDateTime=${to}&$select=subject`;
const BOOKING = {
  subject: 'Showing – 12 Elm St',
  start: { dateTime: '2026-03-05T17:00:00', timeZone: 'UTC' },
  end: { dateTime: '2026-03-05T17:30:00', timeZone: 'UTC' },
  attendees: [{ emailAddress: { address: 'jane@example.com', name: 'Jane Doe' }, type: 'required' }],
  transactionId: 'booking-lifecycle-1',
};

type Json = Record<string, any>;

describe('MicrosoftEmulator: move, cancel and delete', () => {
  let run: Running;
  let token: string;
  const call = async (path: string, init: Parameters<typeof graph>[3] = {}) => {
    const res = await graph(run, token, path, init);
    const text = await res.text();
    return { status: res.status, text, json: (text ? JSON.parse(text) : {}) as Json };
  };
  const book = async () => (await call('/me/events', { method: 'POST', body: BOOKING })).json;

  beforeEach(async () => {
    run = await startEmulator({ calendar: loadSandboxCalendar(FIXTURE) });
    token = String((await signIn(run)).access_token);
  });

  afterEach(async () => {
    await run.close();
  });

  it('moves an event by a PATCH of start and end: same id, new changeKey and etag, moved in calendarView', async () => {
    // Prepare
    const created = await book();
    const moved = {
      start: { dateTime: '2026-03-06T18:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-03-06T18:30:00', timeZone: 'UTC' },
    };

    // Act
    const patched = await call(`/me/events/${created.id}`, { method: 'PATCH', body: moved, headers: UTC });
    const before = await call(view('2026-03-05T00:00:00Z', '2026-03-06T00:00:00Z'));
    const after = await call(view('2026-03-06T00:00:00Z', '2026-03-07T00:00:00Z'));
    const read = await call(`/me/events/${created.id}`, { headers: UTC });

    // Assess
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ id: created.id, start: { dateTime: '2026-03-06T18:00:00.0000000' } });
    expect(patched.json.changeKey).not.toBe(created.changeKey);
    expect(patched.json['@odata.etag']).not.toBe(created['@odata.etag']);
    expect(before.json.value.map((e: Json) => e.id)).not.toContain(created.id);
    expect(after.json.value.map((e: Json) => e.id)).toEqual([created.id]);
    expect(read.json.end).toEqual({ dateTime: '2026-03-06T18:30:00.0000000', timeZone: 'UTC' });
    expect(run.emulator.notices).toEqual([
      expect.objectContaining({ kind: 'update', eventId: created.id, to: ['jane@example.com'] }),
    ]);
  });

  it('sends an attendees-only PATCH to the attendees that changed, and nothing for an event without any', async () => {
    // Prepare
    const created = await book();
    const lee = { emailAddress: { address: 'lee@example.com' }, type: 'required' };

    // Act
    await call(`/me/events/${created.id}`, { method: 'PATCH', body: { attendees: [...BOOKING.attendees, lee] } });
    await call('/me/events/invited', { method: 'PATCH', body: { subject: 'Renamed' } });

    // Assess
    expect(run.emulator.notices.map((n) => n.to)).toEqual([['lee@example.com']]);
  });

  it('cancels with /cancel: 202 without a body, gone from calendarView, 404 afterwards, the comment sent', async () => {
    // Prepare
    const created = await book();

    // Act
    const cancelled = await call(`/me/events/${created.id}/cancel`, {
      method: 'POST',
      body: { Comment: 'Call us to rebook.' },
    });
    const listed = await call(view('2026-03-05T00:00:00Z', '2026-03-06T00:00:00Z'));
    const read = await call(`/me/events/${created.id}`);
    const again = await call(`/me/events/${created.id}/cancel`, { method: 'POST', body: {} });

    // Assess
    expect([cancelled.status, cancelled.text]).toEqual([202, '']);
    expect(listed.json.value).toEqual([]);
    expect([read.status, read.json.error?.code]).toEqual([404, 'ErrorItemNotFound']);
    expect([again.status, again.json.error?.code]).toEqual([404, 'ErrorItemNotFound']);
    expect(run.emulator.notices).toEqual([
      {
        kind: 'cancellation',
        eventId: created.id,
        subject: BOOKING.subject,
        to: ['jane@example.com'],
        comment: 'Call us to rebook.',
        at: expect.any(Number),
      },
    ]);
    expect(run.emulator.dump().events.map((e) => e.id)).not.toContain(created.id);
  });

  it('frees the transactionId of a cancelled booking: the same booking can be made again', async () => {
    // Prepare
    const created = await book();
    await call(`/me/events/${created.id}/cancel`, { method: 'POST', body: {} });

    // Act
    const again = await call('/me/events', { method: 'POST', body: BOOKING });

    // Assess
    expect(again.status).toBe(201);
    expect(again.json.id).not.toBe(created.id);
  });

  it("refuses /cancel of a meeting the mailbox does not organize (400, the doc's message) and keeps it", async () => {
    // Act
    const refused = await call('/me/events/invited/cancel', { method: 'POST', body: { comment: 'x' } });

    // Assess
    expect(refused.status).toBe(400);
    expect(refused.json.error.message).toBe(
      "Your request can't be completed. You need to be an organizer to cancel a meeting.",
    );
    expect((await call('/me/events/invited')).status).toBe(200);
    expect(run.emulator.notices).toEqual([]);
  });

  it("deletes with 204: an organizer's delete still sends a cancellation (no comment), an invitee's none", async () => {
    // Prepare
    const created = await book();

    // Act
    const deleted = await call(`/me/events/${created.id}`, { method: 'DELETE' });
    const removed = await call('/me/events/invited', { method: 'DELETE' });

    // Assess
    expect([deleted.status, removed.status]).toEqual([204, 204]);
    expect((await call(`/me/events/${created.id}`)).status).toBe(404);
    expect(run.emulator.notices).toEqual([
      expect.objectContaining({ kind: 'cancellation', eventId: created.id, to: ['jane@example.com'] }),
    ]);
    expect(run.emulator.notices[0]).not.toHaveProperty('comment');
  });
});
