/** GoogleCalendar.createEvent when the derived id is taken (409): adopt, walk on, or say the outcome is unknown. */
import { describe, expect, it } from 'vitest';
import { eventIdFor } from '../../../functions/adapters/google/event-body';
import { NotFoundError } from '../../../functions/domain/errors';
import { calendarHarness as setup, fixture, googleError, json } from './helpers';
import { created, EVENT, get, ID0, ID1, INSERT, KEY } from './create-event-fixtures';

describe('Class: GoogleCalendar', () => {
  describe('Method: createEvent (a taken id)', () => {
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
