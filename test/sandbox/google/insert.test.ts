import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { accessToken, calendarJson, fixture, type Running, reasonOf, startEmulator } from './helpers';

const showing = (extra: Record<string, unknown> = {}) => ({
  summary: 'Showing – 9 Pine St',
  start: { dateTime: '2026-03-20T10:00:00', timeZone: 'America/Chicago' },
  end: { dateTime: '2026-03-20T10:30:00', timeZone: 'America/Chicago' },
  ...extra,
});

describe('events.insert', () => {
  let run: Running;
  let token: string;
  beforeEach(async () => {
    run = await startEmulator({ calendar: fixture('list-calendar.json') });
    token = await accessToken(run);
  });
  afterEach(async () => {
    await run.close();
  });

  const insert = (body: unknown, query = '', calendar = 'primary') =>
    calendarJson(run, token, `/calendars/${encodeURIComponent(calendar)}/events${query}`, { method: 'POST', body });

  it('stores the event with a client id and answers with Google’s fields', async () => {
    // Act
    const { status, body } = await insert(
      showing({
        id: 'bk0123456789abcdefuv',
        attendees: [{ email: 'tenant@example.net', displayName: 'Tenant' }],
        extendedProperties: { private: { bookingId: 'b9' } },
      }),
    );

    // Assess
    expect(status).toBe(200);
    expect(body).toMatchObject({
      kind: 'calendar#event',
      id: 'bk0123456789abcdefuv',
      status: 'confirmed',
      iCalUID: 'bk0123456789abcdefuv@google.com',
      sequence: 0,
      eventType: 'default',
      organizer: { email: 'pat@example.com', self: true },
      creator: { email: 'pat@example.com', self: true },
      start: { dateTime: '2026-03-20T10:00:00-05:00', timeZone: 'America/Chicago' },
      attendees: [{ email: 'tenant@example.net', displayName: 'Tenant', responseStatus: 'needsAction' }],
      extendedProperties: { private: { bookingId: 'b9' } },
    });
    expect(body.etag).toMatch(/^"\d+"$/);
    expect(body.htmlLink).toMatch(/^https:\/\/www\.google\.com\/calendar\/event\?eid=/);
    expect(body.created).toBe(body.updated);
    const read = await calendarJson(run, token, '/calendars/primary/events/bk0123456789abcdefuv');
    expect(read.body.summary).toBe('Showing – 9 Pine St');
  });

  it('generates a base32hex id when none is given', async () => {
    // Act
    const { body } = await insert(showing());

    // Assess
    expect(body.id).toMatch(/^[a-v0-9]{26}$/);
  });

  it.each(['ABCDEFGH', 'abc_defgh', 'abcd', 'wxyz12345', 'a'.repeat(1025)])('refuses the id %s', async (id) => {
    // Act
    const { status, body } = await insert(showing({ id }));

    // Assess
    expect(status).toBe(400);
    expect(body.error.errors[0]).toEqual({
      domain: 'global',
      reason: 'invalid',
      message: 'Invalid resource id value.',
    });
  });

  it('answers 409 duplicate for a taken id, a deleted event’s id included', async () => {
    // Prepare
    await insert(showing({ id: 'taken00001' }));
    await calendarJson(run, token, '/calendars/primary/events/evt0single01', { method: 'DELETE' });

    // Act
    const again = await insert(showing({ id: 'taken00001' }));
    const deleted = await insert(showing({ id: 'evt0single01' }));

    // Assess
    for (const res of [again, deleted]) {
      expect(res.status).toBe(409);
      expect(res.body.error.errors[0]).toEqual({
        domain: 'global',
        reason: 'duplicate',
        message: 'The requested identifier already exists.',
      });
    }
  });

  it.each([
    [
      'no offset and no zone',
      { start: { dateTime: '2026-03-20T10:00:00' } },
      'required',
      'Missing time zone definition for start time.',
    ],
    [
      'an unknown zone',
      { end: { dateTime: '2026-03-20T10:30:00', timeZone: 'Mars/Base' } },
      'invalid',
      'Invalid time zone definition for end time.',
    ],
    [
      'an end before the start',
      { end: { dateTime: '2026-03-20T09:00:00-05:00' } },
      'timeRangeEmpty',
      'The specified time range is empty.',
    ],
    [
      'a date start with a dateTime end',
      { start: { date: '2026-03-20' } },
      'invalid',
      'Start and end times must either both be date or both be dateTime.',
    ],
    ['no end', { end: undefined }, 'required', 'Missing end time.'],
    [
      'a series without start.timeZone',
      { start: { dateTime: '2026-03-20T10:00:00-05:00' }, recurrence: ['RRULE:FREQ=DAILY'] },
      'required',
      'Missing time zone definition for start time.',
    ],
    ['a bad RRULE', { recurrence: ['RRULE:FREQ=SOMETIMES'] }, 'invalid', 'Invalid recurrence rule.'],
    ['an attendee without email', { attendees: [{ displayName: 'X' }] }, 'required', 'Missing attendee email.'],
  ])('refuses %s with 400', async (_name, extra, reason, message) => {
    // Act
    const { status, body } = await insert(showing(extra));

    // Assess
    expect(status).toBe(400);
    expect(body.error.errors[0]).toMatchObject({ reason, message });
  });

  it('accepts an end equal to the start (Google allows zero-length events)', async () => {
    // Act
    const { status } = await insert(showing({ end: { dateTime: '2026-03-20T10:00:00', timeZone: 'America/Chicago' } }));

    // Assess
    expect(status).toBe(200);
  });

  it('refuses writes to a reader calendar with 403 requiredAccessLevel, allows a writer one', async () => {
    // Act
    const reader = await insert(showing(), '', 'en.usa#holiday@group.v.calendar.google.com');
    const writer = await insert(showing(), '', 'team7abc@group.calendar.google.com');

    // Assess
    expect(reader.status).toBe(403);
    expect(reasonOf(reader.body)).toBe('requiredAccessLevel');
    expect(writer.status).toBe(200);
    expect(writer.body.organizer).toEqual({
      email: 'team7abc@group.calendar.google.com',
      displayName: 'Team',
      self: true,
    });
  });

  it('creates a Meet with conferenceDataVersion=1', async () => {
    // Prepare
    const conferenceData = { createRequest: { requestId: 'req-1', conferenceSolutionKey: { type: 'hangoutsMeet' } } };

    // Act
    const { body } = await insert(showing({ conferenceData }), '?conferenceDataVersion=1');

    // Assess
    expect(body.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\/[a-z]{3}-[a-z]{4}-[a-z]{3}$/);
    expect(body.conferenceData.entryPoints[0]).toMatchObject({ entryPointType: 'video', uri: body.hangoutLink });
    expect(body.conferenceData.createRequest).toEqual({
      requestId: 'req-1',
      conferenceSolutionKey: { type: 'hangoutsMeet' },
      status: { statusCode: 'success' },
    });
  });

  it('ignores conference data without conferenceDataVersion=1', async () => {
    // Prepare
    const conferenceData = { createRequest: { requestId: 'req-1', conferenceSolutionKey: { type: 'hangoutsMeet' } } };

    // Act
    const { status, body } = await insert(showing({ conferenceData }));

    // Assess
    expect(status).toBe(200);
    expect(body.hangoutLink).toBeUndefined();
    expect(body.conferenceData).toBeUndefined();
  });

  it('refuses Meet on a calendar that does not offer it, and a solution type it does not know', async () => {
    // Prepare
    const meet = (type: string) => ({ createRequest: { requestId: 'r', conferenceSolutionKey: { type } } });

    // Act
    const team = await insert(
      showing({ conferenceData: meet('hangoutsMeet') }),
      '?conferenceDataVersion=1',
      'team7abc@group.calendar.google.com',
    );
    const other = await insert(showing({ conferenceData: meet('addOn') }), '?conferenceDataVersion=1');

    // Assess
    for (const res of [team, other]) {
      expect(res.status).toBe(400);
      expect(res.body.error.errors[0]).toMatchObject({ reason: 'invalid', message: 'Invalid conference type value.' });
    }
  });

  it('answers pending first when meetStatus is pending, ready on the next read', async () => {
    // Prepare
    const pending = await startEmulator({ calendar: fixture('list-calendar.json'), meetStatus: 'pending' });
    const own = await accessToken(pending);
    const conferenceData = { createRequest: { requestId: 'r2', conferenceSolutionKey: { type: 'hangoutsMeet' } } };

    // Act
    const created = await calendarJson(pending, own, '/calendars/primary/events?conferenceDataVersion=1', {
      method: 'POST',
      body: showing({ conferenceData }),
    });
    const read = await calendarJson(pending, own, `/calendars/primary/events/${created.body.id}`);
    await pending.close();

    // Assess
    expect(created.body.conferenceData.createRequest.status.statusCode).toBe('pending');
    expect(created.body.hangoutLink).toBeUndefined();
    expect(read.body.conferenceData.createRequest.status.statusCode).toBe('success');
    expect(read.body.hangoutLink).toMatch(/^https:\/\/meet\.google\.com\//);
  });

  it('records invitations per sendUpdates and logs what was asked', async () => {
    // Prepare
    const attendees = [
      { email: 'tenant@example.net' },
      { email: 'colleague@example.com' },
      { email: 'pat@example.com' },
    ];

    // Act
    const all = await insert(showing({ attendees }), '?sendUpdates=all');
    const external = await insert(showing({ attendees }), '?sendUpdates=externalOnly');
    await insert(showing({ attendees }), '?sendUpdates=none');
    await insert(showing({ attendees }));

    // Assess
    expect(run.emulator.notices.map((n) => [n.kind, n.eventId, n.calendarId, n.to])).toEqual([
      ['invitation', all.body.id, 'pat@example.com', ['tenant@example.net', 'colleague@example.com']],
      ['invitation', external.body.id, 'pat@example.com', ['tenant@example.net']],
    ]);
    const inserts = run.emulator.requests.filter((r) => r.route === 'insertEvent');
    expect(inserts.map((r) => r.sendUpdates)).toEqual(['all', 'externalOnly', 'none', undefined]);
  });
});
