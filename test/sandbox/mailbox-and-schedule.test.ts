import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSandboxCalendar } from '../../local/sandbox/microsoft';
import { graph, signIn, startEmulator, type Running } from './helpers';

const FIXTURE = fileURLToPath(new URL('../events/sandbox/march-2026.json', import.meta.url));

describe('profile, mailbox settings and getSchedule', () => {
  let run: Running;
  let token: string;

  beforeAll(async () => {
    run = await startEmulator({ calendar: loadSandboxCalendar(FIXTURE) });
    token = String((await signIn(run)).access_token);
  });

  afterAll(async () => {
    await run.close();
  });

  const json = async (path: string, init: Parameters<typeof graph>[3] = {}) =>
    (await (await graph(run, token, path, init)).json()) as Record<string, any>;

  it('serves /me, /me/mailboxSettings, its timeZone and /me/calendar in Graph shapes', async () => {
    // Act
    const me = await json('/me');
    const settings = await json('/me/mailboxSettings');
    const zone = await json('/me/mailboxSettings/timeZone');
    const calendar = await json('/me/calendar');

    // Assess
    expect(me).toMatchObject({
      displayName: 'Pat Manager',
      mail: 'pat@contoso.example',
      userPrincipalName: 'pat@contoso.example',
    });
    expect(me.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(settings.workingHours).toEqual({
      daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      startTime: '09:00:00.0000000',
      endTime: '17:00:00.0000000',
      timeZone: { name: 'Pacific Standard Time' },
    });
    expect(zone.value).toBe('Pacific Standard Time');
    expect(calendar).toMatchObject({
      name: 'Calendar',
      allowedOnlineMeetingProviders: ['teamsForBusiness'],
      isRemovable: false,
    });
  });

  it('treats /users/{own address} as /me and honours $select', async () => {
    // Act
    const byAddress = await graph(run, token, '/users/PAT@contoso.example/mailboxSettings/timeZone');
    const stranger = await graph(run, token, '/users/someone@contoso.example/calendar');
    const slim = await json('/me?$select=displayName');

    // Assess
    expect(((await byAddress.json()) as { value: string }).value).toBe('Pacific Standard Time');
    expect(stranger.status).toBe(400);
    expect(Object.keys(slim).sort()).toEqual(['@odata.context', 'displayName', 'id']);
  });

  it('builds availabilityView and scheduleItems from the calendar, skipping cancelled events', async () => {
    // Prepare: 2026-03-04 14:00–17:00Z in 30-minute slots; the Elm St showing is 15:00–15:30Z.
    const body = {
      schedules: ['pat@contoso.example', 'stranger@contoso.example'],
      startTime: { dateTime: '2026-03-04T14:00:00', timeZone: 'UTC' },
      endTime: { dateTime: '2026-03-04T17:00:00', timeZone: 'UTC' },
      availabilityViewInterval: 30,
    };

    // Act
    const result = await json('/me/calendar/getSchedule', {
      method: 'POST',
      body,
      headers: { Prefer: 'outlook.timezone="UTC"' },
    });

    // Assess
    const [pat, stranger] = result.value;
    expect(pat.availabilityView).toBe('002000');
    expect(pat.scheduleItems).toEqual([
      {
        isPrivate: false,
        status: 'busy',
        subject: 'Showing – 12 Elm St',
        location: '12 Elm St',
        start: { dateTime: '2026-03-04T15:00:00.0000000', timeZone: 'UTC' },
        end: { dateTime: '2026-03-04T15:30:00.0000000', timeZone: 'UTC' },
      },
    ]);
    expect(stranger.error.responseCode).toBe('ErrorMailRecipientNotFound');
  });

  it('marks an oof all-day event in the view and ignores the cancelled meeting', async () => {
    // Prepare: 2026-03-06 is after the all-day inspection (03-05 Pacific) ends at 08:00Z;
    // the cancelled HOA meeting is 12:00Z.
    const body = {
      schedules: ['PAT@contoso.example'],
      startTime: { dateTime: '2026-03-06T06:00:00', timeZone: 'UTC' },
      endTime: { dateTime: '2026-03-06T14:00:00', timeZone: 'UTC' },
      availabilityViewInterval: 120,
    };

    // Act
    const result = await json('/me/calendar/getSchedule', { method: 'POST', body });

    // Assess
    expect(result.value[0].availabilityView).toBe('3000');
  });

  it('rejects more than 20 schedules and a null interval as Graph does', async () => {
    // Prepare
    const window = {
      startTime: { dateTime: '2026-03-04T00:00:00', timeZone: 'UTC' },
      endTime: { dateTime: '2026-03-05T00:00:00', timeZone: 'UTC' },
    };
    const many = Array.from({ length: 21 }, (_, i) => `u${i}@contoso.example`);

    // Act
    const tooMany = await graph(run, token, '/me/calendar/getSchedule', {
      method: 'POST',
      body: { schedules: many, ...window },
    });
    const nullInterval = await graph(run, token, '/me/calendar/getSchedule', {
      method: 'POST',
      body: { schedules: ['pat@contoso.example'], ...window, availabilityViewInterval: null },
    });

    // Assess
    expect(tooMany.status).toBe(400);
    expect(nullInterval.status).toBe(500);
  });
});
