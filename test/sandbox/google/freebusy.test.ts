import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessToken, calendarJson, EVENTS_SCOPE, fixture, type Running, reasonOf, startEmulator } from './helpers';

describe('freeBusy.query', () => {
  let run: Running;
  let token: string;
  beforeAll(async () => {
    run = await startEmulator({ calendar: fixture('list-calendar.json') });
    token = await accessToken(run);
    // Overlaps the 09:00-10:00 showing: the two merge into one busy period.
    run.emulator.addEvent('primary', {
      summary: 'Overlap',
      start: { dateTime: '2026-03-16T09:30:00-05:00' },
      end: { dateTime: '2026-03-16T10:15:00-05:00' },
    });
  });
  afterAll(async () => {
    await run.close();
  });

  const query = (body: Record<string, unknown>) => calendarJson(run, token, '/freeBusy', { method: 'POST', body });
  const WEEK = { timeMin: '2026-03-16T00:00:00-05:00', timeMax: '2026-03-21T00:00:00-05:00' };

  it('merges busy time, skipping transparent, cancelled, declined and workingLocation events', async () => {
    // Act
    const { status, body } = await query({ ...WEEK, items: [{ id: 'primary' }] });

    // Assess
    expect(status).toBe(200);
    expect(body).toMatchObject({
      kind: 'calendar#freeBusy',
      timeMin: '2026-03-16T05:00:00.000Z',
      timeMax: '2026-03-21T05:00:00.000Z',
    });
    expect(body.calendars.primary.busy).toEqual([
      { start: '2026-03-16T14:00:00Z', end: '2026-03-16T16:00:00Z' },
      { start: '2026-03-17T05:00:00Z', end: '2026-03-18T05:00:00Z' },
      { start: '2026-03-19T13:00:00Z', end: '2026-03-19T13:30:00Z' },
    ]);
  });

  it('answers in the requested zone, clips to the window, keys calendars as sent, and flags unknown ones', async () => {
    // Act
    const { body } = await query({
      timeMin: '2026-03-16T09:45:00-05:00',
      timeMax: '2026-03-16T12:00:00-04:00',
      timeZone: 'America/New_York',
      items: [{ id: 'pat@example.com' }, { id: 'team7abc@group.calendar.google.com' }, { id: 'ghost@example.com' }],
    });

    // Assess
    expect(body.calendars['pat@example.com'].busy).toEqual([
      { start: '2026-03-16T10:45:00-04:00', end: '2026-03-16T12:00:00-04:00' },
    ]);
    expect(body.calendars['team7abc@group.calendar.google.com'].busy).toEqual([]);
    expect(body.calendars['ghost@example.com']).toEqual({
      errors: [{ domain: 'global', reason: 'notFound' }],
      busy: [],
    });
  });

  it.each([
    ['a window over 90 days', { timeMin: '2026-01-01T00:00:00Z', timeMax: '2026-04-02T00:00:00Z' }, 'timeRangeTooLong'],
    ['an offset-less timeMin', { timeMin: '2026-03-16T00:00:00', timeMax: '2026-03-17T00:00:00Z' }, 'badRequest'],
    ['no timeMax', { timeMin: '2026-03-16T00:00:00Z' }, 'required'],
    ['an empty window', { timeMin: '2026-03-16T00:00:00Z', timeMax: '2026-03-16T00:00:00Z' }, 'timeRangeEmpty'],
  ])('refuses %s with 400', async (_name, window, reason) => {
    // Act
    const { status, body } = await query({ ...window, items: [{ id: 'primary' }] });

    // Assess
    expect(status).toBe(400);
    expect(reasonOf(body)).toBe(reason);
  });

  it('accepts exactly 90 days', async () => {
    // Act
    const { status } = await query({ timeMin: '2026-01-01T00:00:00Z', timeMax: '2026-04-01T00:00:00Z', items: [] });

    // Assess
    expect(status).toBe(200);
  });

  it('needs a free/busy scope: calendar.events alone is not enough', async () => {
    // Prepare
    const eventsOnly = await accessToken(run, ['openid', EVENTS_SCOPE]);

    // Act
    const { status, body } = await calendarJson(run, eventsOnly, '/freeBusy', {
      method: 'POST',
      body: { ...WEEK, items: [{ id: 'primary' }] },
    });

    // Assess
    expect(status).toBe(403);
    expect(reasonOf(body)).toBe('insufficientPermissions');
  });
});
