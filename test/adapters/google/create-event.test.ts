import { describe, expect, it } from 'vitest';
import { createBookingEvent } from '../../../functions/adapters/google/create-event';
import { base32hex, eventIdFor, toEventPatch } from '../../../functions/adapters/google/event-body';
import { NotFoundError } from '../../../functions/domain/errors';
import type { NewCalendarEvent } from '../../../functions/domain/types';
import { CAL, calendarHarness as setup, fixture, googleError, json } from './helpers';

const KEY = '0b7c1e2a-9f3d-5c41-a2b8-6d5e4f3a2b1c';
const INSERT = `POST ${CAL}/calendars/primary/events`;
const ID0 = eventIdFor(KEY, 0);
const ID1 = eventIdFor(KEY, 1);
const get = (id: string) => `GET ${CAL}/calendars/primary/events/${id}`;

const EVENT: NewCalendarEvent = {
  subject: 'Showing: 12 Elm St (Jane Doe)',
  bodyText: 'Caller: Jane Doe\nPhone: +1 555 0100\nConfirmation code: K7Q-4PZ',
  location: '12 Elm St, Springfield',
  start: Date.parse('2026-03-16T14:00:00Z'),
  end: Date.parse('2026-03-16T14:30:00Z'),
  timeZone: 'America/New_York',
  attendee: { name: 'Jane Doe', email: 'jane@example.com' },
  bookingKey: KEY,
};

/** The created-event fixture as Google answers it for `id` (Meet or not), optionally cancelled. */
function created(id: string, options: { meet?: boolean; status?: string; bookingKey?: string } = {}) {
  const event = fixture<Record<string, any>>(options.meet ? 'event-created-meet' : 'event-created');
  event.id = id;
  event.extendedProperties.private.bookingKey = options.bookingKey ?? KEY;
  if (options.status) event.status = options.status;
  return json(200, event);
}

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

    it('adopts the live event on a 409 (an earlier attempt landed), with its Meet link', async () => {
      // Prepare
      const { calendar, http, log, deadline } = setup({
        [INSERT]: googleError('error-duplicate'),
        [get(ID0)]: created(ID0, { meet: true }),
      });
      // Act
      const result = await calendar.createEvent('primary', { ...EVENT, online: true }, deadline());
      // Assess
      expect(result).toEqual({ id: ID0, joinUrl: 'https://meet.google.com/abc-defg-hij' });
      expect(http.requests.map((r) => r.key)).toEqual([INSERT, get(ID0)]);
      expect(log.warn).not.toHaveBeenCalled();
    });

    it('retries an insert that failed in transit; the 409 that follows adopts the event it made, unlogged', async () => {
      // Prepare
      const { calendar, http, log, deadline } = setup({
        [INSERT]: [googleError('error-backend'), googleError('error-duplicate')],
        [get(ID0)]: created(ID0),
      });
      // Act
      const result = await calendar.createEvent('primary', EVENT, deadline());
      // Assess
      expect(result).toEqual({ id: ID0 });
      expect(http.requests.map((r) => r.key)).toEqual([INSERT, INSERT, get(ID0)]);
      expect(log.warn).not.toHaveBeenCalled();
    });

    it('walks to the next revision when the id belongs to a deleted event, the same way on a replay', async () => {
      // Prepare: r0 was deleted (its id stays reserved); r1 is free, then taken by our own insert.
      const { calendar, http, deadline } = setup({
        [INSERT]: [googleError('error-duplicate'), created(ID1), googleError('error-duplicate')],
        [get(ID0)]: created(ID0, { status: 'cancelled' }),
        [get(ID1)]: created(ID1),
      });
      // Act
      const first = await calendar.createEvent('primary', EVENT, deadline());
      const replay = await calendar.createEvent('primary', EVENT, deadline());
      // Assess
      expect(first).toEqual({ id: ID1 });
      expect(replay).toEqual({ id: ID1 });
      const inserted = http.requests.filter((r) => r.key === INSERT).map((r) => r.json.id);
      expect(inserted).toEqual([ID0, ID1, ID0, ID1]);
    });

    it('walks on when the reserved id reads as gone (410)', async () => {
      // Prepare
      const { calendar, deadline } = setup({
        [INSERT]: [googleError('error-duplicate'), created(ID1)],
        [get(ID0)]: googleError('error-deleted'),
      });
      // Act
      const result = await calendar.createEvent('primary', EVENT, deadline());
      // Assess
      expect(result).toEqual({ id: ID1 });
    });

    it('reads a just-taken id again when it answers 404 (not replicated yet), and adopts it then', async () => {
      // Prepare
      const { calendar, http, deadline } = setup({
        [INSERT]: googleError('error-duplicate'),
        [get(ID0)]: [googleError('error-not-found'), created(ID0)],
      });
      // Act
      const result = await calendar.createEvent('primary', EVENT, deadline());
      // Assess
      expect(result).toEqual({ id: ID0 });
      expect(http.requests.map((r) => r.key)).toEqual([INSERT, get(ID0), get(ID0)]);
    });

    it('never makes the next revision beside a taken id it cannot read: unavailable, one insert only', async () => {
      // Prepare
      const { calendar, http, deadline } = setup({
        [INSERT]: googleError('error-duplicate'),
        [get(ID0)]: googleError('error-not-found'),
      });
      // Act
      const creating = calendar.createEvent('primary', EVENT, deadline());
      // Assess
      await expect(creating).rejects.toMatchObject({ name: 'ProviderUnavailableError' });
      expect(http.to(INSERT)).toHaveLength(1);
      expect(http.to(get(ID0))).toHaveLength(4);
    });

    it.each([1_000, 1_500])(
      'stops reading a taken id at a %i ms deadline: the event may exist, never the next revision',
      async (ms) => {
        // Prepare: a deadline where the next wait fits but the client has no time left for the read after it
        const { calendar, http, time } = setup({
          [INSERT]: googleError('error-duplicate'),
          [get(ID0)]: googleError('error-not-found'),
        });
        // Act
        const creating = calendar.createEvent('primary', EVENT, { at: time.state.now + ms });
        // Assess
        await expect(creating).rejects.toMatchObject({ name: 'ProviderUnavailableError', outcomeUnknown: true });
        expect(http.to(INSERT)).toHaveLength(1);
        expect(http.to(get(ID0)).length).toBeLessThan(4);
      },
    );

    it('never moves to the next id when the read of a taken id answers with no event', async () => {
      // Prepare
      const { calendar, http, deadline } = setup({ [INSERT]: googleError('error-duplicate'), [get(ID0)]: json(200) });
      // Act
      const error = await calendar.createEvent('primary', EVENT, deadline()).catch((e: unknown) => e);
      // Assess
      expect(error).toMatchObject({ name: 'ProviderUnavailableError', outcomeUnknown: true });
      expect(http.requests.map((r) => r.key)).toEqual([INSERT, get(ID0)]);
    });

    it('says the event may exist when the taken id answers 503 on every read', async () => {
      // Prepare
      const { calendar, http, deadline } = setup({
        [INSERT]: googleError('error-duplicate'),
        [get(ID0)]: googleError('error-backend'),
      });
      // Act
      const error = await calendar.createEvent('primary', EVENT, deadline()).catch((e: unknown) => e);
      // Assess
      expect(error).toMatchObject({ name: 'ProviderUnavailableError', outcomeUnknown: true });
      expect(http.to(INSERT)).toHaveLength(1);
    });

    it('stops after five revisions', async () => {
      // Prepare
      const { calendar, http, deadline } = setup({ [INSERT]: googleError('error-duplicate') });
      for (let revision = 0; revision < 5; revision++) {
        http.on(get(eventIdFor(KEY, revision)), created(eventIdFor(KEY, revision), { status: 'cancelled' }));
      }
      // Act
      const creating = calendar.createEvent('primary', EVENT, deadline());
      // Assess
      await expect(creating).rejects.toMatchObject({
        name: 'ProviderError',
        message: 'Google Calendar: all 5 ids of this booking are taken',
        status: 409,
        code: 'duplicate',
      });
      expect(http.to(INSERT)).toHaveLength(5);
    });

    it('refuses to adopt a live event that carries another booking key', async () => {
      // Prepare
      const { calendar, deadline } = setup({
        [INSERT]: googleError('error-duplicate'),
        [get(ID0)]: created(ID0, { bookingKey: 'someone-else' }),
      });
      // Act
      const creating = calendar.createEvent('primary', EVENT, deadline());
      // Assess
      await expect(creating).rejects.toThrow(/another event under the derived id/);
      await expect(creating).rejects.toMatchObject({ status: 409, code: 'duplicate' });
    });

    it.each([
      ['extended properties without private ones', { shared: { x: '1' } }],
      ['no extended properties', undefined],
    ])('refuses to adopt a live event with %s', async (_what, extendedProperties) => {
      // Prepare
      const other = { ...fixture<Record<string, any>>('event-created'), id: ID0, extendedProperties };
      const { calendar, deadline } = setup({ [INSERT]: googleError('error-duplicate'), [get(ID0)]: json(200, other) });
      // Act
      const creating = calendar.createEvent('primary', EVENT, deadline());
      // Assess
      await expect(creating).rejects.toMatchObject({ name: 'ProviderError', status: 409, code: 'duplicate' });
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

    it('adopts the event when the insert without Meet (after a refusal) meets a 409', async () => {
      // Prepare
      const { calendar, http, deadline } = setup({
        [INSERT]: [googleError('error-invalid-conference'), googleError('error-duplicate')],
        [get(ID0)]: created(ID0),
      });
      // Act
      const result = await calendar.createEvent('primary', { ...EVENT, online: true }, deadline());
      // Assess
      expect(result).toEqual({ id: ID0 });
      expect(http.requests.map((r) => r.key)).toEqual([INSERT, INSERT, get(ID0)]);
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

    it('lets a refusal to read the taken id through, read once', async () => {
      // Prepare
      const { calendar, http, deadline } = setup({
        [INSERT]: googleError('error-duplicate'),
        [get(ID0)]: googleError('error-forbidden-non-organizer'),
      });
      // Act
      const creating = calendar.createEvent('primary', EVENT, deadline());
      // Assess
      await expect(creating).rejects.toMatchObject({ name: 'CalendarApiError', status: 403 });
      expect(http.to(get(ID0))).toHaveLength(1);
    });

    it.each([
      ['after the last read', 10_000, 4],
      ['when the next wait would reach the deadline', 1_400, 3],
    ])('gives up on a taken id it cannot read %s, saying the event may exist', async (_when, ms, reads) => {
      // Prepare
      const { calendar, http, deadline } = setup({
        [INSERT]: googleError('error-duplicate'),
        [get(ID0)]: googleError('error-not-found'),
      });
      // Act
      const error = await calendar.createEvent('primary', EVENT, deadline(ms)).catch((e: unknown) => e);
      // Assess
      expect(error).toMatchObject({
        name: 'ProviderUnavailableError',
        message: 'Google Calendar: the event under a taken id cannot be read yet',
        outcomeUnknown: true,
      });
      expect((error as Error).cause).toBeInstanceOf(NotFoundError);
      expect(http.to(get(ID0))).toHaveLength(reads);
    });
  });
});
