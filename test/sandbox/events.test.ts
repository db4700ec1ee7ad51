import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MicrosoftEmulatorOptions, SandboxCalendarFile } from '../../local/sandbox/microsoft';
import { graph, signIn, startEmulator, type Running } from './helpers';

const EMPTY: SandboxCalendarFile = {
  user: { displayName: 'Pat Manager', mail: 'pat@contoso.example' },
  mailboxSettings: { timeZone: 'Pacific Standard Time' },
  events: [],
};

const BOOKING = {
  subject: 'Showing – 12 Elm St',
  body: { contentType: 'text', content: 'Booked by the voice agent for Jane Doe.' },
  start: { dateTime: '2026-03-16T10:00:00', timeZone: 'Pacific Standard Time' },
  end: { dateTime: '2026-03-16T10:30:00', timeZone: 'Pacific Standard Time' },
  location: { displayName: '12 Elm St' },
  attendees: [{ emailAddress: { address: 'jane@example.com', name: 'Jane Doe' }, type: 'required' }],
  showAs: 'busy',
  transactionId: 'booking-0001',
};

type Json = Record<string, unknown> & { id: string; error?: { code: string } };

describe('event endpoints', () => {
  let run: Running;
  let token: string;

  async function start(opts: MicrosoftEmulatorOptions = {}): Promise<void> {
    run = await startEmulator({ calendar: EMPTY, ...opts });
    token = String((await signIn(run)).access_token);
  }

  async function call(
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string> } = {},
  ): Promise<{ status: number; json: Json }> {
    const res = await graph(run, token, path, init);
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : {}) as Json };
  }

  beforeEach(async () => {
    await start();
  });

  afterEach(async () => {
    await run.close();
  });

  it('creates an event: 201 with the full Graph shape, times in the event zone', async () => {
    // Act
    const { status, json } = await call('/me/events', { method: 'POST', body: BOOKING });

    // Assess
    expect(status).toBe(201);
    expect(json).toMatchObject({
      subject: BOOKING.subject,
      start: { dateTime: '2026-03-16T10:00:00.0000000', timeZone: 'Pacific Standard Time' },
      transactionId: 'booking-0001',
      isOrganizer: true,
      type: 'singleInstance',
      organizer: { emailAddress: { address: 'pat@contoso.example' } },
    });
    for (const key of ['id', '@odata.etag', 'changeKey', 'createdDateTime', 'iCalUId', 'webLink'])
      expect(json[key]).toBeTruthy();
  });

  it('answers an identical re-POST with the same event and creates nothing new', async () => {
    // Prepare
    const first = await call('/me/events', { method: 'POST', body: BOOKING });

    // Act
    const again = await call('/me/events', { method: 'POST', body: { ...BOOKING } });

    // Assess
    expect(again.status).toBe(201);
    expect(again.json.id).toBe(first.json.id);
    expect(run.emulator.dump().events).toHaveLength(1);
  });

  it('rejects the same transactionId with a different body (400 by default)', async () => {
    // Prepare
    await call('/me/events', { method: 'POST', body: BOOKING });

    // Act
    const clash = await call('/me/events', { method: 'POST', body: { ...BOOKING, subject: 'Something else' } });

    // Assess
    expect(clash.status).toBe(400);
    expect(clash.json.error?.code).toBe('ErrorDuplicateTransactionId');
    expect(run.emulator.dump().events).toHaveLength(1);
  });

  it('uses the configured status 409 for a conflicting transactionId', async () => {
    // Prepare
    await run.close();
    await start({ duplicateTransactionStatus: 409 });
    await call('/me/events', { method: 'POST', body: BOOKING });

    // Act
    const clash = await call('/me/events', {
      method: 'POST',
      body: { ...BOOKING, end: { dateTime: '2026-03-16T11:00:00', timeZone: 'Pacific Standard Time' } },
    });

    // Assess
    expect(clash.status).toBe(409);
    expect(clash.json.error?.code).toBe('ErrorDuplicateTransactionId');
  });

  it('gets, patches and deletes an event, then answers 404 ErrorItemNotFound', async () => {
    // Prepare
    const { json: created } = await call('/me/events', { method: 'POST', body: BOOKING });
    const path = `/me/events/${created.id}`;

    // Act
    const got = await call(path, { headers: { Prefer: 'outlook.timezone="UTC"' } });
    const patched = await call(path, { method: 'PATCH', body: { subject: 'Moved showing' } });
    const deleted = await graph(run, token, path, { method: 'DELETE' });
    const gone = await call(path);

    // Assess
    expect(got.json.start).toEqual({ dateTime: '2026-03-16T17:00:00.0000000', timeZone: 'UTC' });
    expect(patched).toMatchObject({ status: 200, json: { subject: 'Moved showing' } });
    expect(patched.json.changeKey).not.toBe(created.changeKey);
    expect(deleted.status).toBe(204);
    expect(gone.status).toBe(404);
    expect(gone.json.error?.code).toBe('ErrorItemNotFound');
  });

  it('refuses a PATCH whose If-Match etag is stale with 412', async () => {
    // Prepare
    const { json: created } = await call('/me/events', { method: 'POST', body: BOOKING });
    await call(`/me/events/${created.id}`, { method: 'PATCH', body: { subject: 'first edit' } });

    // Act
    const stale = await call(`/me/events/${created.id}`, {
      method: 'PATCH',
      body: { subject: 'second edit' },
      headers: { 'If-Match': String(created['@odata.etag']) },
    });

    // Assess
    expect(stale.status).toBe(412);
    expect(stale.json.error?.code).toBe('ErrorIrresolvableConflict');
  });

  it('cancels an event (202, no body): it is gone (404) and the attendees got the comment', async () => {
    // Prepare
    const { json: created } = await call('/me/events', { method: 'POST', body: BOOKING });

    // Act
    const res = await graph(run, token, `/me/events/${created.id}/cancel`, {
      method: 'POST',
      body: { comment: 'Tenant cancelled' },
    });

    // Assess
    expect(res.status).toBe(202);
    expect(await res.text()).toBe('');
    expect((await call(`/me/events/${created.id}`)).json.error?.code).toBe('ErrorItemNotFound');
    expect(run.emulator.notices).toEqual([
      expect.objectContaining({ kind: 'cancellation', comment: 'Tenant cancelled' }),
    ]);
  });

  it('rejects unknown properties and unknown time zones', async () => {
    // Act
    const unknownProp = await call('/me/events', {
      method: 'POST',
      body: { ...BOOKING, transactionId: 'b2', colour: 'red' },
    });
    const badZone = await call('/me/events', {
      method: 'POST',
      body: { ...BOOKING, transactionId: 'b3', start: { dateTime: '2026-03-16T10:00:00', timeZone: 'Mars Time' } },
    });

    // Assess
    expect(unknownProp.status).toBe(400);
    expect(unknownProp.json.error?.code).toBe('RequestBodyRead');
    expect(badZone.status).toBe(400);
    expect(badZone.json.error?.code).toBe('TimeZoneNotSupportedException');
  });

  it('dumps created events in the input format with their ids', async () => {
    // Prepare
    const { json: created } = await call('/me/events', { method: 'POST', body: BOOKING });

    // Act
    const dumped = run.emulator.dump();
    const served = (await (await fetch(`${run.baseUrl}/calendar`)).json()) as SandboxCalendarFile;

    // Assess
    expect(dumped.events).toEqual([{ id: created.id, ...BOOKING }]);
    expect(served).toEqual(dumped);
    expect(dumped.user.mail).toBe('pat@contoso.example');
  });
});
