import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accessToken, calendarJson, fixture, type Running, reasonOf, startEmulator } from './helpers';

describe('events.get, patch, update and delete', () => {
  let run: Running;
  let token: string;
  beforeEach(async () => {
    run = await startEmulator({ calendar: fixture('list-calendar.json') });
    token = await accessToken(run);
  });
  afterEach(async () => {
    await run.close();
  });

  const call = (method: string, id: string, body?: unknown, headers?: Record<string, string>, query = '') =>
    calendarJson(run, token, `/calendars/primary/events/${id}${query}`, { method, body, headers });

  it('answers 404 notFound for an unknown id, on every verb', async () => {
    // Act
    const statuses = [];
    for (const method of ['GET', 'PATCH', 'PUT', 'DELETE'])
      statuses.push(
        (await call(method, 'nosuchevent1', method === 'GET' || method === 'DELETE' ? undefined : {})).status,
      );

    // Assess
    expect(statuses).toEqual([404, 404, 404, 404]);
  });

  it('merges a patch: fields replace, arrays overwrite, nested objects merge; sequence and etag move', async () => {
    // Prepare
    const before = (await call('GET', 'evt0single01')).body;

    // Act
    const { status, body } = await call('PATCH', 'evt0single01', {
      location: '12 Elm St',
      attendees: [{ email: 'new@example.net' }],
      extendedProperties: { private: { bookingId: 'b1-moved' } },
      start: { dateTime: '2026-03-16T09:30:00' },
    });

    // Assess
    expect(status).toBe(200);
    expect(body).toMatchObject({
      summary: 'Showing – 12 Elm St',
      location: '12 Elm St',
      attendees: [{ email: 'new@example.net', responseStatus: 'needsAction' }],
      extendedProperties: { private: { bookingId: 'b1-moved', source: 'voice' } },
      start: { dateTime: '2026-03-16T09:30:00-05:00', timeZone: 'America/Chicago' },
      sequence: before.sequence + 1,
    });
    expect(body.etag).not.toBe(before.etag);
  });

  it('clears a field patched to null', async () => {
    // Act
    const { body } = await call('PATCH', 'evt0single01', { extendedProperties: null });

    // Assess
    expect(body.extendedProperties).toBeUndefined();
  });

  it('answers 412 conditionNotMet to a stale If-Match, and takes the current etag', async () => {
    // Prepare
    const { etag } = (await call('GET', 'evt0single02')).body;
    await call('PATCH', 'evt0single02', { summary: 'moved' });

    // Act
    const stale = await call('PATCH', 'evt0single02', { summary: 'again' }, { 'If-Match': etag });
    const fresh = (await call('GET', 'evt0single02')).body.etag;
    const current = await call('PATCH', 'evt0single02', { summary: 'again' }, { 'If-Match': fresh });

    // Assess
    expect(stale.status).toBe(412);
    expect(reasonOf(stale.body)).toBe('conditionNotMet');
    expect(current.status).toBe(200);
  });

  it('replaces the event on PUT', async () => {
    // Act
    const { body } = await call('PUT', 'evt0single01', {
      summary: 'Replaced',
      start: { dateTime: '2026-03-16T15:00:00Z' },
      end: { dateTime: '2026-03-16T16:00:00Z' },
    });

    // Assess
    expect(body.summary).toBe('Replaced');
    expect(body.attendees).toBeUndefined();
    expect(body.extendedProperties).toBeUndefined();
  });

  it('deletes with 204; a deleted event reads as cancelled and answers 410 to writes', async () => {
    // Act
    const first = await call('DELETE', 'evt0single03');
    const second = await call('DELETE', 'evt0single03');
    const patch = await call('PATCH', 'evt0single03', { summary: 'x' });
    const read = await call('GET', 'evt0single03');

    // Assess
    expect(first.status).toBe(204);
    expect(first.body).toBeUndefined();
    for (const res of [second, patch]) {
      expect(res.status).toBe(410);
      expect(res.body.error.errors[0]).toEqual({
        domain: 'global',
        reason: 'deleted',
        message: 'Resource has been deleted',
      });
    }
    expect(read.body).toMatchObject({ id: 'evt0single03', status: 'cancelled' });
  });

  it('sends updates, invitations and cancellations per sendUpdates', async () => {
    // Act
    await call(
      'PATCH',
      'evt0single01',
      { attendees: [{ email: 'tenant@example.net' }, { email: 'new@example.net' }] },
      {},
      '?sendUpdates=all',
    );
    await call('PATCH', 'evt0single01', { summary: 'quiet' });
    await call('DELETE', 'evt0single01', undefined, {}, '?sendUpdates=all');

    // Assess
    expect(run.emulator.notices.map((n) => [n.kind, n.to])).toEqual([
      ['update', ['tenant@example.net']],
      ['invitation', ['new@example.net']],
      ['cancellation', ['tenant@example.net', 'new@example.net']],
    ]);
    expect(run.emulator.requests.filter((r) => r.route === 'patchEvent').map((r) => r.sendUpdates)).toEqual([
      'all',
      undefined,
    ]);
  });

  it('patches one instance of a series into an exception, listed in its place', async () => {
    // Act
    const { body } = await call('PATCH', 'evt0series01_20260319T130000Z', {
      start: { dateTime: '2026-03-19T09:00:00' },
      end: { dateTime: '2026-03-19T09:30:00' },
    });
    const listed = await calendarJson(
      run,
      token,
      '/calendars/primary/events?singleEvents=true&orderBy=startTime&q=maintenance&timeMin=2026-03-01T00:00:00Z',
    );

    // Assess
    expect(body).toMatchObject({
      id: 'evt0series01_20260319T130000Z',
      recurringEventId: 'evt0series01',
      originalStartTime: { dateTime: '2026-03-19T08:00:00-05:00' },
      start: { dateTime: '2026-03-19T09:00:00-05:00' },
    });
    expect(listed.body.items.map((e: any) => e.start.dateTime)).toEqual([
      '2026-03-05T08:00:00-06:00',
      '2026-03-19T09:00:00-05:00',
      '2026-03-26T08:00:00-05:00',
    ]);
  });

  it('deletes one instance: cancelled, hidden from singleEvents, listed as cancelled without it', async () => {
    // Act
    const deleted = await call('DELETE', 'evt0series01_20260326T130000Z');
    const single = await calendarJson(run, token, '/calendars/primary/events?singleEvents=true&q=maintenance');
    const masters = await calendarJson(run, token, '/calendars/primary/events?q=maintenance');
    const read = await call('GET', 'evt0series01_20260326T130000Z');

    // Assess
    expect(deleted.status).toBe(204);
    expect(single.body.items.map((e: any) => e.id)).toEqual([
      'evt0series01_20260305T140000Z',
      'evt0series01_20260319T130000Z',
    ]);
    // Google lists cancelled instances of a live series when neither singleEvents nor showDeleted is set.
    expect(masters.body.items.map((e: any) => [e.id, e.status])).toEqual([
      ['evt0series01', 'confirmed'],
      ['evt0series01_20260326T130000Z', 'cancelled'],
    ]);
    expect(read.body.status).toBe('cancelled');
  });

  it('deletes a whole series: every instance reads as cancelled', async () => {
    // Act
    await call('DELETE', 'evt0series01');
    const instance = await call('GET', 'evt0series01_20260305T140000Z');
    const patch = await call('PATCH', 'evt0series01_20260305T140000Z', { summary: 'x' });

    // Assess
    expect(instance.body.status).toBe('cancelled');
    expect(patch.status).toBe(410);
  });
});
