import { afterAll, beforeAll, expect, it } from 'vitest';
import { eachSeason } from '../../support/seasons';
import { accessToken, calendarJson, fixture, type Running, startEmulator } from './helpers';

/** Instances of a calendar's events in a window, as [id, start, end] with the emulator's rendering. */
async function instances(run: Running, token: string, calendar: string, timeMin: string, timeMax: string) {
  const query = new URLSearchParams({ timeMin, timeMax, singleEvents: 'true', orderBy: 'startTime' });
  const { body } = await calendarJson(run, token, `/calendars/${calendar}/events?${query}`);
  return body.items.map((e: any) => [e.id, e.start.dateTime ?? e.start.date, e.end.dateTime ?? e.end.date]);
}

eachSeason('Recurrence in floating wall time across DST', () => {
  let run: Running;
  let token: string;
  beforeAll(async () => {
    run = await startEmulator({ calendar: fixture('dst-calendars.json') });
    token = await accessToken(run);
  });
  afterAll(async () => {
    await run.close();
  });

  it('moves only the first weekly occurrence out of the spring-forward gap; each lasts its hour', async () => {
    // Act
    const got = await instances(run, token, 'primary', '2026-03-01T00:00:00Z', '2026-04-01T00:00:00Z');

    // Assess
    expect(got).toEqual([
      ['gap0series01_20260308T073000Z', '2026-03-08T03:30:00-04:00', '2026-03-08T04:30:00-04:00'],
      ['gap0series01_20260315T063000Z', '2026-03-15T02:30:00-04:00', '2026-03-15T03:30:00-04:00'],
      ['gap0series01_20260322T063000Z', '2026-03-22T02:30:00-04:00', '2026-03-22T03:30:00-04:00'],
    ]);
  });

  it('keeps a 01:00-03:00 series two hours long on the New York fall-back Sunday (earlier 01:00)', async () => {
    // Act
    const got = await instances(run, token, 'primary', '2026-10-20T00:00:00Z', '2026-11-05T00:00:00Z');

    // Assess
    expect(got).toEqual([
      ['fall0long001_20261025T050000Z', '2026-10-25T01:00:00-04:00', '2026-10-25T03:00:00-04:00'],
      ['fall0long001_20261101T050000Z', '2026-11-01T01:00:00-04:00', '2026-11-01T02:00:00-05:00'],
    ]);
  });

  it('puts a daily 01:30 London occurrence on the fall-back Sunday at 00:30Z (the earlier 01:30)', async () => {
    // Act
    const got = await instances(run, token, 'london', '2025-10-24T00:00:00Z', '2025-10-30T00:00:00Z');

    // Assess
    expect(got.map((i: string[]) => i[0])).toEqual([
      'london0series1_20251025T003000Z',
      'london0series1_20251026T003000Z',
      'london0series1_20251027T013000Z',
    ]);
    expect(got[1][1]).toBe('2025-10-26T01:30:00+01:00');
    expect(got[2][1]).toBe('2025-10-27T01:30:00Z');
  });

  it('keeps the dates of all-day instances on a Santiago day whose midnight does not exist', async () => {
    // Act
    const got = await instances(run, token, 'santiago', '2025-09-05T00:00:00Z', '2025-09-10T00:00:00Z');

    // Assess
    expect(got).toEqual([
      ['santiago0dates_20250906', '2025-09-06', '2025-09-07'],
      ['santiago0dates_20250907', '2025-09-07', '2025-09-08'],
      ['santiago0dates_20250908', '2025-09-08', '2025-09-09'],
    ]);
  });

  it('starts a Havana all-day event at the first instant of its day, for listing and free/busy', async () => {
    // Act
    const listed = await instances(run, token, 'havana', '2025-03-09T04:30:00Z', '2025-03-09T05:30:00Z');
    const { body } = await calendarJson(run, token, '/freeBusy', {
      method: 'POST',
      body: {
        timeMin: '2025-03-08T00:00:00Z',
        timeMax: '2025-03-12T00:00:00Z',
        timeZone: 'America/Havana',
        items: [{ id: 'havana' }],
      },
    });

    // Assess
    expect(listed).toEqual([['havana0date01', '2025-03-09', '2025-03-10']]);
    expect(body.calendars.havana.busy).toEqual([
      { start: '2025-03-09T01:00:00-04:00', end: '2025-03-10T00:00:00-04:00' },
    ]);
  });

  it('takes the earlier 01:45 on Lord Howe’s half-hour fall-back, and a UTC UNTIL as an instant', async () => {
    // Act
    const got = await instances(run, token, 'lordhowe', '2025-04-01T00:00:00Z', '2025-04-12T00:00:00Z');

    // Assess
    expect(got).toEqual([
      ['lhi0series001_20250404T144500Z', '2025-04-05T01:45:00+11:00', '2025-04-05T02:15:00+11:00'],
      // Thirty minutes after 01:45 (+11) the clock reads 01:45 again (+10:30).
      ['lhi0series001_20250405T144500Z', '2025-04-06T01:45:00+11:00', '2025-04-06T01:45:00+10:30'],
      ['lhi0series001_20250406T151500Z', '2025-04-07T01:45:00+10:30', '2025-04-07T02:15:00+10:30'],
    ]);
  });

  it('includes a Kathmandu BYDAY occurrence that ends exactly at a UTC UNTIL (+05:45)', async () => {
    // Act
    const got = await instances(run, token, 'kathmandu', '2026-03-01T00:00:00Z', '2026-03-31T00:00:00Z');

    // Assess
    expect(got.map((i: string[]) => i[1])).toEqual([
      '2026-03-02T09:00:00+05:45',
      '2026-03-04T09:00:00+05:45',
      '2026-03-09T09:00:00+05:45',
      '2026-03-11T09:00:00+05:45',
    ]);
  });

  it('stops a Chicago series at a UTC UNTIL one second before the occurrence it would reach', async () => {
    // Act
    const got = await instances(run, token, 'chicago', '2026-03-01T00:00:00Z', '2026-03-31T00:00:00Z');

    // Assess
    expect(got).toEqual([
      ['chi0series001_20260302T150000Z', '2026-03-02T09:00:00-06:00', '2026-03-02T10:00:00-06:00'],
      ['chi0series001_20260309T140000Z', '2026-03-09T09:00:00-05:00', '2026-03-09T10:00:00-05:00'],
    ]);
  });

  it('gets an instance by its id, with recurringEventId and originalStartTime', async () => {
    // Act
    const { status, body } = await calendarJson(run, token, '/calendars/london/events/london0series1_20251026T003000Z');
    const missing = await calendarJson(run, token, '/calendars/london/events/london0series1_20251026T013000Z');

    // Assess
    expect(status).toBe(200);
    expect(body).toMatchObject({
      id: 'london0series1_20251026T003000Z',
      recurringEventId: 'london0series1',
      originalStartTime: { dateTime: '2025-10-26T01:30:00+01:00', timeZone: 'Europe/London' },
    });
    expect(missing.status).toBe(404);
  });
});
