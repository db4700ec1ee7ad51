import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGoogleEmulator, parseGoogleSandboxFile } from '../../../local/sandbox/google';
import { accessToken, calendarJson, fixture, type Running, startEmulator } from './helpers';

const MARCH = 'timeMin=2026-03-01T00:00:00Z&timeMax=2026-04-01T00:00:00Z&showDeleted=true';

describe('dump', () => {
  let run: Running;
  let token: string;
  beforeEach(async () => {
    run = await startEmulator({ calendar: fixture('list-calendar.json') });
    token = await accessToken(run);
  });
  afterEach(async () => {
    await run.close();
  });

  async function write(): Promise<string> {
    const created = await calendarJson(run, token, '/calendars/primary/events?conferenceDataVersion=1', {
      method: 'POST',
      body: {
        summary: 'Booked by voice',
        start: { dateTime: '2026-03-20T10:00:00', timeZone: 'America/Chicago' },
        end: { dateTime: '2026-03-20T10:30:00', timeZone: 'America/Chicago' },
        extendedProperties: { private: { bookingId: 'b7' } },
        conferenceData: { createRequest: { requestId: 'r7', conferenceSolutionKey: { type: 'hangoutsMeet' } } },
      },
    });
    await calendarJson(run, token, '/calendars/primary/events/evt0single02', {
      method: 'PATCH',
      body: { summary: 'Moved' },
    });
    await calendarJson(run, token, '/calendars/primary/events/evt0single03', { method: 'DELETE' });
    await calendarJson(run, token, '/calendars/primary/events/evt0series01_20260319T130000Z', { method: 'DELETE' });
    return created.body.id;
  }

  it('serves GET /calendar without auth: the file format with the created, changed and deleted events', async () => {
    // Prepare
    const id = await write();

    // Act
    const res = await fetch(`${run.baseUrl}/calendar`);
    const dump = (await res.json()) as any;

    // Assess
    expect(res.status).toBe(200);
    expect(dump).toEqual(run.emulator.dump());
    const events = Object.fromEntries(dump.calendars[0].events.map((e: any) => [e.id, e]));
    expect(events[id]).toMatchObject({ summary: 'Booked by voice', sequence: 0 });
    expect(events[id].conferenceData.entryPoints[0].uri).toMatch(/^https:\/\/meet\.google\.com\//);
    expect(events.evt0single02).toMatchObject({ summary: 'Moved', sequence: 1 });
    expect(events.evt0single03.status).toBe('cancelled');
    expect(events.evt0series01_20260319T130000Z).toMatchObject({
      status: 'cancelled',
      recurringEventId: 'evt0series01',
    });
    expect(dump.calendars[0].id).toBe('primary');
  });

  it('loads again into the same calendar', async () => {
    // Prepare
    await write();
    const dump = run.emulator.dump();
    const before = await calendarJson(run, token, `/calendars/primary/events?singleEvents=true&${MARCH}`);

    // Act
    const again = await startEmulator({ calendar: parseGoogleSandboxFile(JSON.parse(JSON.stringify(dump))) });
    const againToken = await accessToken(again);
    const after = await calendarJson(again, againToken, `/calendars/primary/events?singleEvents=true&${MARCH}`);
    const redump = again.emulator.dump();
    await again.close();

    // Assess
    expect(redump).toEqual(dump);
    const strip = (items: any[]) => items.map(({ etag: _e, ...rest }) => rest);
    expect(strip(after.body.items)).toEqual(strip(before.body.items));
  });

  it('keeps deleted ids reserved after a reload', async () => {
    // Prepare
    await write();
    const again = createGoogleEmulator({ calendar: run.emulator.dump() });

    // Act
    const add = () =>
      again.addEvent('primary', {
        id: 'evt0single03',
        start: { date: '2026-03-20' },
        end: { date: '2026-03-21' },
      });

    // Assess
    expect(add).toThrow(/invalid or taken/);
  });
});
