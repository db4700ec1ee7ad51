/** Teams meetings: made only where the calendar allows the provider, never turned off, and kept by the file format. */
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMicrosoftEmulator, loadSandboxCalendar, parseSandboxCalendar } from '../../local/sandbox/microsoft';
import { graph, signIn, startEmulator, type Running } from './helpers';

const FIXTURE = fileURLToPath(new URL('../events/sandbox/online-meetings.json', import.meta.url));
const TEAMS_LINK = /^https:\/\/teams\.microsoft\.com\/l\/meetup-join\/19%3ameeting_[\w-]+%40thread\.v2\/0$/;
const ONLINE = {
  subject: 'Video viewing – 12 Elm St',
  start: { dateTime: '2026-03-05T17:00:00', timeZone: 'UTC' },
  end: { dateTime: '2026-03-05T17:30:00', timeZone: 'UTC' },
  isOnlineMeeting: true,
  onlineMeetingProvider: 'teamsForBusiness',
  transactionId: 'booking-online-1',
};

type Json = Record<string, any>;

describe('MicrosoftEmulator: online meetings', () => {
  let run: Running;
  let token: string;
  const call = async (path: string, init: Parameters<typeof graph>[3] = {}) => {
    const res = await graph(run, token, path, init);
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : {}) as Json };
  };
  const calendarId = async (name: string) =>
    ((await call('/me/calendars')).json.value as Json[]).find((c) => c.name === name)!.id as string;

  beforeEach(async () => {
    run = await startEmulator({ calendar: loadSandboxCalendar(FIXTURE) });
    token = String((await signIn(run)).access_token);
  });

  afterEach(async () => {
    await run.close();
  });

  it("lists each calendar's allowedOnlineMeetingProviders (default: Teams) and its default provider", async () => {
    // Act
    const { json } = await call(
      '/me/calendars?$select=name,allowedOnlineMeetingProviders,defaultOnlineMeetingProvider',
    );

    // Assess
    expect(
      json.value.map((c: Json) => [c.name, c.allowedOnlineMeetingProviders, c.defaultOnlineMeetingProvider]),
    ).toEqual([
      ['Calendar', ['teamsForBusiness', 'skypeForBusiness'], 'teamsForBusiness'],
      ['Personal', [], 'unknown'],
      ['Showings', ['teamsForBusiness'], 'teamsForBusiness'],
    ]);
  });

  it('makes a Teams meeting where the calendar allows it: joinUrl, conferenceId and tollNumber', async () => {
    // Act
    const created = await call(`/me/calendars/${await calendarId('Showings')}/events`, {
      method: 'POST',
      body: ONLINE,
    });
    const read = await call(`/me/events/${created.json.id}?$select=isOnlineMeeting,onlineMeeting`);

    // Assess
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
      onlineMeetingUrl: null,
      onlineMeeting: { joinUrl: expect.stringMatching(TEAMS_LINK), conferenceId: expect.stringMatching(/^\d{9}$/) },
    });
    expect(created.json.onlineMeeting.tollNumber).toMatch(/^\+1 /);
    expect(read.json.onlineMeeting).toEqual(created.json.onlineMeeting);
  });

  it('ignores the request on a calendar that does not offer the provider: a plain event, replayable', async () => {
    // Prepare
    const personal = await calendarId('Personal');

    // Act
    const created = await call(`/me/calendars/${personal}/events`, { method: 'POST', body: ONLINE });
    const replayed = await call(`/me/calendars/${personal}/events`, { method: 'POST', body: ONLINE });

    // Assess
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      isOnlineMeeting: false,
      onlineMeetingProvider: 'unknown',
      onlineMeeting: null,
    });
    expect([replayed.status, replayed.json.id]).toEqual([201, created.json.id]);
  });

  it("uses the calendar's default provider when the request names none", async () => {
    // Act
    const { onlineMeetingProvider: _named, ...unnamed } = ONLINE;
    const created = await call('/me/events', { method: 'POST', body: unnamed });

    // Assess
    expect(created.json).toMatchObject({ isOnlineMeeting: true, onlineMeetingProvider: 'teamsForBusiness' });
  });

  it.each([
    ['turning it off', { isOnlineMeeting: false }],
    ['changing its provider', { onlineMeetingProvider: 'skypeForBusiness' }],
  ])('refuses %s once a meeting is online (400), and keeps the meeting', async (_name, patch) => {
    // Act
    const refused = await call('/me/events/video-call', { method: 'PATCH', body: patch });
    const renamed = await call('/me/events/video-call', { method: 'PATCH', body: { subject: 'Board video call' } });

    // Assess
    expect([refused.status, refused.json.error?.code]).toEqual([400, 'ErrorInvalidRequest']);
    expect(renamed.json).toMatchObject({
      isOnlineMeeting: true,
      onlineMeeting: { joinUrl: expect.stringMatching(TEAMS_LINK) },
    });
  });

  it('turns an event online with a PATCH where the calendar allows it', async () => {
    // Act
    const patched = await call('/me/events/invited', { method: 'PATCH', body: { isOnlineMeeting: true } });

    // Assess
    expect(patched.json).toMatchObject({
      id: 'invited',
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
    });
  });
});

describe('calendar file: allowedOnlineMeetingProviders', () => {
  it('round-trips through a dump: the lists given and online events load again the same', () => {
    // Prepare
    const first = createMicrosoftEmulator({ calendar: loadSandboxCalendar(FIXTURE) });
    const dump = first.dump();

    // Act
    const again = createMicrosoftEmulator({ calendar: parseSandboxCalendar(JSON.parse(JSON.stringify(dump)), 'dump') });

    // Assess
    expect(again.dump()).toEqual(dump);
    expect(dump.calendars?.map((c) => c.allowedOnlineMeetingProviders)).toEqual([
      ['teamsForBusiness', 'skypeForBusiness'],
      [],
      undefined,
    ]);
    expect(dump.events[0]).toMatchObject({
      id: 'video-call',
      isOnlineMeeting: true,
      onlineMeetingProvider: 'teamsForBusiness',
    });
  });

  it('names an unknown provider in the file', () => {
    // Prepare
    const file = {
      user: { displayName: 'Pat', mail: 'pat@contoso.example' },
      mailboxSettings: {},
      events: [],
      calendars: [{ name: 'Zoom room', allowedOnlineMeetingProviders: ['zoom'], events: [] }],
    };

    // Act
    const parsing = () => parseSandboxCalendar(file, 'inline');

    // Assess
    expect(parsing).toThrow(/calendars\[0\]\.allowedOnlineMeetingProviders\[0\]/);
  });
});
