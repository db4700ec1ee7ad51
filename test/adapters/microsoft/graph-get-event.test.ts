import { describe, expect, it } from 'vitest';
import { ProviderUnavailableError } from '../../../functions/domain/errors';
import { DEFAULT_CALENDAR_ID } from '../../../functions/domain/ports';
import { calendarHarness as setup, fixture, json } from './helpers';

describe('Class: GraphCalendar', () => {
  describe('Method: getEvent', () => {
    it('reads one event by its encoded id with the calendarView fields, as an entry at its current times', async () => {
      // Prepare
      const { calendar, http, deadline } = setup(json(200, fixture('event-get')));
      // Act
      const entry = await calendar.getEvent('AAMk/Showings=', 'AAMk/ADA=', deadline);
      // Assess
      expect(http.requests).toHaveLength(1);
      expect(http.requests[0]!.method).toBe('GET');
      expect(http.requests[0]!.url.pathname).toBe('/v1.0/me/events/AAMk%2FADA%3D');
      expect(http.requests[0]!.url.searchParams.get('$select')).toBe(
        'subject,start,end,showAs,isAllDay,isCancelled,type,transactionId',
      );
      expect(entry).toEqual({
        id: 'AAMkADAAABIGYDZAAA=',
        start: Date.UTC(2026, 2, 16, 18),
        end: Date.UTC(2026, 2, 16, 18, 30),
        availability: 'busy',
        isCancelled: false,
        isAllDay: false,
        bookingKey: 'b7d7f0f4-2c4e-5d0a-9a57-1c2f3e4d5a6b',
      });
    });

    it('reads a moved event in the zone Graph wrote it (a Windows name), as the instant it stands for', async () => {
      // Prepare
      const moved = {
        ...fixture('event-get'),
        start: { dateTime: '2026-03-16T11:00:00.0000000', timeZone: 'Pacific Standard Time' },
        end: { dateTime: '2026-03-16T11:30:00.0000000', timeZone: 'Pacific Standard Time' },
      };
      const { calendar, deadline } = setup(json(200, moved));
      // Act
      const entry = await calendar.getEvent(DEFAULT_CALENDAR_ID, 'AAMkADAAABIGYDZAAA=', deadline);
      // Assess
      expect(entry).toMatchObject({ start: Date.UTC(2026, 2, 16, 18), end: Date.UTC(2026, 2, 16, 18, 30) });
    });

    it('says a cancelled event is cancelled (an immutable id can still read one)', async () => {
      // Prepare
      const { calendar, deadline } = setup(json(200, { ...fixture<object>('event-get'), isCancelled: true }));
      // Act
      const entry = await calendar.getEvent(DEFAULT_CALENDAR_ID, 'AAMkADAAABIGYDZAAA=', deadline);
      // Assess
      expect(entry?.isCancelled).toBe(true);
    });

    it('keeps the id asked for when the answer leaves it out', async () => {
      // Prepare
      const { id: _id, ...withoutId } = fixture('event-get');
      const { calendar, deadline } = setup(json(200, withoutId));
      // Act
      const entry = await calendar.getEvent(DEFAULT_CALENDAR_ID, 'e1', deadline);
      // Assess
      expect(entry?.id).toBe('e1');
    });

    it('answers undefined for an event that no longer exists (404 ErrorItemNotFound), without logging', async () => {
      // Prepare
      const { calendar, log, deadline } = setup(json(404, fixture('item-not-found')));
      // Act
      const entry = await calendar.getEvent(DEFAULT_CALENDAR_ID, 'gone', deadline);
      // Assess
      expect(entry).toBeUndefined();
      expect(log.warn).not.toHaveBeenCalled();
    });

    it('refuses an empty answer rather than calling the event gone', async () => {
      // Prepare
      const { calendar, deadline } = setup(json(204));
      // Act
      const getting = calendar.getEvent(DEFAULT_CALENDAR_ID, 'AAMk/ADA=', deadline);
      // Assess
      await expect(getting).rejects.toMatchObject({
        name: 'ProviderError',
        message: 'Microsoft Graph returned an empty event',
        status: 200,
        code: 'InvalidEvent',
      });
    });

    it('fails on an outage rather than calling the event gone', async () => {
      // Prepare
      const { calendar, deadline } = setup(json(503, fixture('service-unavailable')));
      // Act
      const reading = calendar.getEvent(DEFAULT_CALENDAR_ID, 'e1', deadline);
      // Assess
      await expect(reading).rejects.toBeInstanceOf(ProviderUnavailableError);
    });
  });
});
