import { describe, expect, it } from 'vitest';
import { ProviderUnavailableError, ReconnectRequiredError } from '../../../functions/domain/errors';
import { DEFAULT_CALENDAR_ID } from '../../../functions/domain/ports';
import { calendarHarness as setup, fixture, json } from './helpers';

describe('Class: GraphCalendar', () => {
  describe('Method: cancelEvent', () => {
    it('cancels through /cancel with a comment that names nobody, in one round trip', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(json(202));
      // Act
      await calendar.cancelEvent(DEFAULT_CALENDAR_ID, 'AAMk/ADA=', deadline);
      // Assess
      expect(http.requests).toHaveLength(1);
      expect(http.requests[0]!.method).toBe('POST');
      expect(http.requests[0]!.url.pathname).toBe('/v1.0/me/events/AAMk%2FADA%3D/cancel');
      expect(JSON.parse(http.requests[0]!.body!)).toEqual({ comment: 'This appointment has been cancelled.' });
    });

    it('deletes an event Graph will not cancel (400: not the organizer), without logging the 400', async () => {
      // Prepare
      const { calendar, http, log, deadline } = setup(json(400, fixture('not-organizer')), json(204));
      // Act
      await calendar.cancelEvent('AAMkCal-showings=', 'e1', deadline);
      // Assess
      expect(http.requests.map((r) => `${r.method} ${r.url.pathname}`)).toEqual([
        'POST /v1.0/me/events/e1/cancel',
        'DELETE /v1.0/me/events/e1',
      ]);
      expect(log.warn).not.toHaveBeenCalled();
    });

    it.each([
      ['on cancel', [json(404, fixture('item-not-found'))]],
      ['on the fallback delete', [json(400, fixture('not-organizer')), json(404, fixture('item-not-found'))]],
    ])('counts an event already gone (%s) as cancelled', async (_when, replies) => {
      // Prepare
      const { calendar, deadline } = setup(...replies);
      // Act
      const cancelling = calendar.cancelEvent(DEFAULT_CALENDAR_ID, 'gone', deadline);
      // Assess
      await expect(cancelling).resolves.toBeUndefined();
    });

    it('retries a throttled cancel (a repeat cannot cancel twice)', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(json(503, fixture('service-unavailable')), json(202));
      // Act
      await calendar.cancelEvent(DEFAULT_CALENDAR_ID, 'e1', deadline);
      // Assess
      expect(http.requests.map((r) => r.method)).toEqual(['POST', 'POST']);
    });

    it.each([
      ['a revoked mailbox (403)', json(403, fixture('access-denied')), ReconnectRequiredError],
      ['an outage', json(503, fixture('service-unavailable')), ProviderUnavailableError],
    ])('fails on %s instead of deleting', async (_name, reply, type) => {
      // Prepare
      const { calendar, http, deadline } = setup(reply);
      // Act
      const cancelling = calendar.cancelEvent(DEFAULT_CALENDAR_ID, 'e1', deadline);
      // Assess
      await expect(cancelling).rejects.toBeInstanceOf(type);
      expect(http.requests.every((r) => r.method === 'POST')).toBe(true);
    });
  });
});
