/** GoogleCalendar.createEvent: the insert, its body and Meet; eventIdFor and toEventPatch. */
import { describe, expect, it } from 'vitest';
import { createBookingEvent } from '../../../functions/adapters/google/create-event';
import { base32hex, eventIdFor, toEventPatch } from '../../../functions/adapters/google/event-body';
import { calendarHarness as setup, fixture, googleError, json } from './helpers';
import { created, EVENT, get, ID0, INSERT, KEY } from './create-event-fixtures';

describe('Function: eventIdFor', () => {
  it('encodes base32hex as RFC 4648 does (lowercase, no padding)', () => {
    // Act
    const encoded = ['', 'f', 'fo', 'foo', 'foob', 'fooba', 'foobar'].map((s) => base32hex(Buffer.from(s)));
    // Assess
    expect(encoded).toEqual(['', 'co', 'cpng', 'cpnmu', 'cpnmuog', 'cpnmuoj1', 'cpnmuoj1e8']);
  });

  it("derives a deterministic id in Google's id alphabet, one per revision", () => {
    // Act
    const ids = [eventIdFor(KEY, 0), eventIdFor(KEY, 0), eventIdFor(KEY, 1), eventIdFor(`${KEY}#1`, 0)];
    // Assess
    expect(ids[0]).toMatch(/^[a-v0-9]{26}r0$/);
    expect(ids[1]).toBe(ids[0]);
    expect(ids[2]).toBe(`${ids[0]!.slice(0, 26)}r1`);
    expect(ids[3]).not.toBe(ids[0]);
  });
});

describe('Function: toEventPatch', () => {
  it('holds only the given changes', () => {
    // Act
    const patch = toEventPatch({ start: Date.parse('2026-03-16T14:00:00Z') });
    // Assess
    expect(Object.keys(patch)).toEqual(['start']);
  });
});

describe('Class: GoogleCalendar', () => {
  describe('Method: createEvent', () => {
    it('inserts with the derived id, UTC instants, owner zone and booking key, inviting the caller', async () => {
      // Prepare
      const { calendar, http, deadline } = setup({ [INSERT]: created(ID0) });
      // Act
      const result = await calendar.createEvent('primary', EVENT, deadline());
      // Assess
      expect(result).toEqual({ id: ID0 });
      expect(http.requests).toHaveLength(1);
      const [insert] = http.requests;
      expect(Object.fromEntries(insert!.url.searchParams)).toEqual({ sendUpdates: 'all' });
      expect(insert!.json).toEqual({
        id: ID0,
        summary: EVENT.subject,
        description: EVENT.bodyText,
        location: EVENT.location,
        start: { dateTime: '2026-03-16T14:00:00Z', timeZone: 'America/New_York' },
        end: { dateTime: '2026-03-16T14:30:00Z', timeZone: 'America/New_York' },
        attendees: [{ email: 'jane@example.com', displayName: 'Jane Doe' }],
        transparency: 'opaque',
        reminders: { useDefault: true },
        extendedProperties: { private: { bookingKey: KEY } },
      });
    });

    it('emails nobody (sendUpdates=none) when there is no attendee', async () => {
      // Prepare
      const { calendar, http, deadline } = setup({ [INSERT]: created(ID0) });
      // Act
      await calendar.createEvent('primary', { ...EVENT, attendee: undefined, location: undefined }, deadline());
      // Assess
      const [insert] = http.requests;
      expect(insert!.url.searchParams.get('sendUpdates')).toBe('none');
      expect(insert!.json).not.toHaveProperty('attendees');
      expect(insert!.json).not.toHaveProperty('location');
    });

    it('asks for Meet with conferenceDataVersion=1 and the event id as requestId, returning the link', async () => {
      // Prepare
      const { calendar, http, deadline } = setup({ [INSERT]: created(ID0, { meet: true }) });
      // Act
      const result = await calendar.createEvent('primary', { ...EVENT, online: true }, deadline());
      // Assess
      expect(result).toEqual({ id: ID0, joinUrl: 'https://meet.google.com/abc-defg-hij' });
      expect(http.requests).toHaveLength(1);
      const [insert] = http.requests;
      expect(Object.fromEntries(insert!.url.searchParams)).toEqual({ sendUpdates: 'all', conferenceDataVersion: '1' });
      expect(insert!.json.conferenceData).toEqual({
        createRequest: { requestId: ID0, conferenceSolutionKey: { type: 'hangoutsMeet' } },
      });
    });

    it('reads the event once when Google answers with the Meet still pending, to give its link', async () => {
      // Prepare
      const pending = fixture<Record<string, any>>('event-created');
      pending.id = ID0;
      pending.extendedProperties.private.bookingKey = KEY;
      pending.conferenceData = { createRequest: { requestId: ID0, status: { statusCode: 'pending' } } };
      const { calendar, http, deadline } = setup({
        [INSERT]: json(200, pending),
        [get(ID0)]: created(ID0, { meet: true }),
      });
      // Act
      const result = await calendar.createEvent('primary', { ...EVENT, online: true }, deadline());
      // Assess
      expect(result).toEqual({ id: ID0, joinUrl: 'https://meet.google.com/abc-defg-hij' });
      expect(http.requests.map((r) => r.key)).toEqual([INSERT, get(ID0)]);
    });

    it('makes the event without Meet when the calendar refuses the conference type', async () => {
      // Prepare
      const { calendar, http, log, deadline } = setup({
        [INSERT]: [googleError('error-invalid-conference'), created(ID0)],
      });
      // Act
      const result = await calendar.createEvent('primary', { ...EVENT, online: true }, deadline());
      // Assess
      expect(result).toEqual({ id: ID0 });
      const [first, second] = http.requests;
      expect(first!.json.conferenceData).toBeDefined();
      expect(second!.json).not.toHaveProperty('conferenceData');
      expect(second!.json.id).toBe(ID0);
      expect(second!.url.searchParams.has('conferenceDataVersion')).toBe(false);
      expect(log.warn).toHaveBeenCalledTimes(1);
      expect(log.warn).toHaveBeenCalledWith('Google Calendar refused a Meet link; the event is made without one', {
        eventId: ID0,
      });
    });

    it('does not drop Meet for another 400', async () => {
      // Prepare
      const { calendar, http, deadline } = setup({ [INSERT]: googleError('error-invalid-attendee') });
      // Act
      const creating = calendar.createEvent('primary', { ...EVENT, online: true }, deadline());
      // Assess
      await expect(creating).rejects.toMatchObject({ name: 'CalendarApiError', status: 400, code: 'invalid' });
      expect(http.requests).toHaveLength(1);
    });

    it('keeps the derived id when the insert answers without one, and reads a pending Meet under it', async () => {
      // Prepare
      const pending = { status: 'confirmed', conferenceData: { createRequest: { status: { statusCode: 'pending' } } } };
      const { calendar, http, deadline } = setup({
        [INSERT]: json(200, pending),
        [get(ID0)]: created(ID0, { meet: true }),
      });
      // Act
      const result = await calendar.createEvent('primary', { ...EVENT, online: true }, deadline());
      // Assess
      expect(result).toStrictEqual({ id: ID0, joinUrl: 'https://meet.google.com/abc-defg-hij' });
      expect(http.requests.map((r) => r.key)).toEqual([INSERT, get(ID0)]);
    });

    it.each([
      ['a conference request without a status', { createRequest: { requestId: 'r' } }],
      ['conference data without a request', { entryPoints: [] }],
    ])('does not read an event made with %s again', async (_what, conferenceData) => {
      // Prepare
      const made = { ...fixture<Record<string, any>>('event-created'), id: ID0, conferenceData };
      const { calendar, http, deadline } = setup({ [INSERT]: json(200, made) });
      // Act
      const result = await calendar.createEvent('primary', { ...EVENT, online: true }, deadline());
      // Assess
      expect(result).toStrictEqual({ id: ID0 });
      expect(http.requests).toHaveLength(1);
    });

    it("spends at most 2 s of the caller's budget on a pending Meet link", async () => {
      // Prepare
      const pending = { id: ID0, conferenceData: { createRequest: { status: { statusCode: 'pending' } } } };
      const slow = googleError('error-backend', { 'Retry-After': '3' });
      const { calendar, http, deadline } = setup({
        [INSERT]: json(200, pending),
        [get(ID0)]: [slow, created(ID0, { meet: true })],
      });
      // Act
      const result = await calendar.createEvent('primary', { ...EVENT, online: true }, deadline());
      // Assess
      expect(result).toStrictEqual({ id: ID0 });
      expect(http.to(get(ID0))).toHaveLength(1);
    });

    it('lets another refusal of the insert without Meet through', async () => {
      // Prepare
      const { calendar, http, deadline } = setup({
        [INSERT]: [googleError('error-invalid-conference'), googleError('error-invalid-attendee')],
      });
      // Act
      const creating = calendar.createEvent('primary', { ...EVENT, online: true }, deadline());
      // Assess
      await expect(creating).rejects.toMatchObject({ name: 'CalendarApiError', status: 400, code: 'invalid' });
      expect(http.requests.map((r) => r.key)).toEqual([INSERT, INSERT]);
    });

    it('takes an empty answer to the insert without Meet as the event made', async () => {
      // Prepare
      const { calendar, http, deadline } = setup({ [INSERT]: [googleError('error-invalid-conference'), json(200)] });
      // Act
      const result = await calendar.createEvent('primary', { ...EVENT, online: true }, deadline());
      // Assess
      expect(result).toEqual({ id: ID0 });
      expect(http.requests).toHaveLength(2);
    });

    it('makes the event without Meet when the caller passed no log', async () => {
      // Prepare
      const { client, deadline } = setup({ [INSERT]: [googleError('error-invalid-conference'), created(ID0)] });
      // Act
      const result = await createBookingEvent(client, 'primary', { ...EVENT, online: true }, deadline());
      // Assess
      expect(result).toEqual({ id: ID0 });
    });

    it('does not drop Meet for a conference refusal that is not a 400', async () => {
      // Prepare
      const body = { error: { errors: [{ reason: 'forbidden' }], code: 403, message: 'No conference for you' } };
      const { calendar, http, deadline } = setup({ [INSERT]: json(403, body) });
      // Act
      const creating = calendar.createEvent('primary', { ...EVENT, online: true }, deadline());
      // Assess
      await expect(creating).rejects.toMatchObject({ status: 403, code: 'forbidden' });
      expect(http.requests).toHaveLength(1);
    });
  });
});
