import { describe, expect, it } from 'vitest';
import { ProviderUnavailableError, ReconnectRequiredError } from '../../../functions/domain/errors';
import { DEFAULT_CALENDAR_ID } from '../../../functions/domain/ports';
import { calendarHarness as setup, fixture, json } from './helpers';

/** The GET cancelEvent makes first, with attendees or not, organized by the mailbox or not. */
const meeting = (changes: Record<string, unknown> = {}) =>
  json(200, { ...fixture<object>('event-cancel-fields'), ...changes });
const trips = (requests: Array<{ method: string; url: URL }>) => requests.map((r) => `${r.method} ${r.url.pathname}`);

describe('Class: GraphCalendar', () => {
  describe('Method: cancelEvent', () => {
    it('cancels a meeting with attendees through /cancel carrying the given comment, in two round trips', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(meeting(), json(202));
      // Act
      await calendar.cancelEvent(DEFAULT_CALENDAR_ID, 'AAMk/ADA=', deadline, 'Your 10:00 showing was cancelled.');
      // Assess
      expect(trips(http.requests)).toEqual([
        'GET /v1.0/me/events/AAMk%2FADA%3D',
        'POST /v1.0/me/events/AAMk%2FADA%3D/cancel',
      ]);
      expect(http.requests[0]!.url.searchParams.get('$select')).toBe('attendees,isOrganizer,isCancelled');
      expect(JSON.parse(http.requests[1]!.body!)).toEqual({ comment: 'Your 10:00 showing was cancelled.' });
    });

    it.each([undefined, '  '])('sends a comment that names nobody when none is given (%j)', async (comment) => {
      // Prepare
      const { calendar, http, deadline } = setup(meeting(), json(202));
      // Act
      await calendar.cancelEvent(DEFAULT_CALENDAR_ID, 'e1', deadline, comment);
      // Assess
      expect(JSON.parse(http.requests[1]!.body!)).toEqual({ comment: 'This appointment has been cancelled.' });
    });

    it.each([
      ['no attendees', { attendees: [] }],
      ['attendees missing from the answer', { attendees: undefined }],
      ['a meeting the mailbox was only invited to', { isOrganizer: false }],
    ])('deletes an event with %s instead of cancelling it', async (_name, changes) => {
      // Prepare
      const { calendar, http, deadline } = setup(meeting(changes), json(204));
      // Act
      await calendar.cancelEvent('AAMkCal-showings=', 'e1', deadline, 'Cancelled by phone');
      // Assess
      expect(trips(http.requests)).toEqual(['GET /v1.0/me/events/e1', 'DELETE /v1.0/me/events/e1']);
    });

    it('deletes an event Graph will not cancel after all (400: not the organizer), not logging the 400', async () => {
      // Prepare
      const { calendar, http, log, deadline } = setup(meeting(), json(400, fixture('not-organizer')), json(204));
      // Act
      await calendar.cancelEvent('AAMkCal-showings=', 'e1', deadline);
      // Assess
      expect(trips(http.requests)).toEqual([
        'GET /v1.0/me/events/e1',
        'POST /v1.0/me/events/e1/cancel',
        'DELETE /v1.0/me/events/e1',
      ]);
      expect(log.warn).not.toHaveBeenCalled();
    });

    it.each([
      ['on the first read', [json(404, fixture('item-not-found'))], 1],
      ['on cancel', [meeting(), json(404, fixture('item-not-found'))], 2],
      ['on delete', [meeting({ attendees: [] }), json(404, fixture('item-not-found'))], 2],
      [
        'on the fallback delete',
        [meeting(), json(400, fixture('not-organizer')), json(404, fixture('item-not-found'))],
        3,
      ],
    ])('counts an event already gone (%s) as cancelled', async (_when, replies, calls) => {
      // Prepare
      const { calendar, http, deadline } = setup(...replies);
      // Act
      const cancelling = calendar.cancelEvent(DEFAULT_CALENDAR_ID, 'gone', deadline);
      // Assess
      await expect(cancelling).resolves.toBeUndefined();
      expect(http.requests).toHaveLength(calls);
    });

    it('fails, deleting nothing, when Graph refuses the cancel with another status than 400', async () => {
      // Prepare
      const refusal = json(412, fixture('irresolvable-conflict'));
      const { calendar, http, deadline } = setup(meeting(), refusal, json(204));
      // Act
      const cancelling = calendar.cancelEvent('AAMkCal-showings=', 'e1', deadline);
      // Assess
      await expect(cancelling).rejects.toMatchObject({ name: 'ProviderError', status: 412 });
      expect(trips(http.requests)).toEqual(['GET /v1.0/me/events/e1', 'POST /v1.0/me/events/e1/cancel']);
    });

    it('leaves an event Graph already shows as cancelled alone (an immutable id read from Deleted Items)', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(meeting({ isCancelled: true }));
      // Act
      await calendar.cancelEvent(DEFAULT_CALENDAR_ID, 'e1', deadline);
      // Assess
      expect(trips(http.requests)).toEqual(['GET /v1.0/me/events/e1']);
    });

    it('retries a throttled cancel (a repeat cannot cancel twice)', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(meeting(), json(503, fixture('service-unavailable')), json(202));
      // Act
      await calendar.cancelEvent(DEFAULT_CALENDAR_ID, 'e1', deadline);
      // Assess
      expect(http.requests.map((r) => r.method)).toEqual(['GET', 'POST', 'POST']);
    });

    it.each([
      ['a revoked mailbox (403)', json(403, fixture('access-denied')), ReconnectRequiredError],
      ['an outage', json(503, fixture('service-unavailable')), ProviderUnavailableError],
    ])('fails on %s instead of deleting', async (_name, reply, type) => {
      // Prepare
      const { calendar, http, deadline } = setup(meeting(), reply);
      // Act
      const cancelling = calendar.cancelEvent(DEFAULT_CALENDAR_ID, 'e1', deadline);
      // Assess
      await expect(cancelling).rejects.toBeInstanceOf(type);
      expect(http.requests.some((r) => r.method === 'DELETE')).toBe(false);
    });
  });
});
