import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessToken, calendarJson, fixture, type Running, reasonOf, startEmulator } from './helpers';

const ids = (body: any): string[] => body.items.map((e: any) => e.id);
const q = (params: Record<string, string | string[]>) => {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const one of [v].flat()) search.append(k, one);
  return `/calendars/primary/events?${search}`;
};
const MARCH = { timeMin: '2026-03-01T00:00:00Z', timeMax: '2026-04-01T00:00:00Z' };

describe('events.list', () => {
  let run: Running;
  let token: string;
  beforeAll(async () => {
    run = await startEmulator({ calendar: fixture('list-calendar.json') });
    token = await accessToken(run);
  });
  afterAll(async () => {
    await run.close();
  });

  it('answers with the calendar’s summary, zone and role, and events in its zone with offsets', async () => {
    // Act
    const { status, body } = await calendarJson(
      run,
      token,
      q({ timeMin: '2026-03-16T00:00:00-05:00', timeMax: '2026-03-17T00:00:00-05:00' }),
    );

    // Assess
    expect(status).toBe(200);
    expect(body).toMatchObject({
      kind: 'calendar#events',
      summary: 'pat@example.com',
      timeZone: 'America/Chicago',
      accessRole: 'owner',
    });
    const showing = body.items.find((e: any) => e.id === 'evt0single01');
    expect(showing).toMatchObject({
      status: 'confirmed',
      start: { dateTime: '2026-03-16T09:00:00-05:00', timeZone: 'America/Chicago' },
      end: { dateTime: '2026-03-16T10:00:00-05:00', timeZone: 'America/Chicago' },
      creator: { email: 'pat@example.com', self: true },
      organizer: { email: 'pat@example.com', self: true },
      iCalUID: 'evt0single01@google.com',
      eventType: 'default',
    });
    expect(showing.attendees).toEqual([
      { email: 'pat@example.com', organizer: true, self: true, responseStatus: 'accepted' },
      { email: 'tenant@example.net', responseStatus: 'needsAction' },
    ]);
    expect(body.items.find((e: any) => e.id === 'evt0single02').start).toEqual({
      dateTime: '2026-03-16T10:00:00-05:00',
    });
  });

  it('uses overlap semantics: timeMin bounds the end, timeMax the start, both exclusively', async () => {
    // Act
    const exact = await calendarJson(
      run,
      token,
      q({ timeMin: '2026-03-16T15:00:00Z', timeMax: '2026-03-16T16:00:00Z' }),
    );
    const straddle = await calendarJson(
      run,
      token,
      q({ timeMin: '2026-03-16T14:30:00Z', timeMax: '2026-03-16T15:30:00Z' }),
    );

    // Assess
    expect(ids(exact.body)).toEqual(['evt0single02']);
    expect(ids(straddle.body)).toEqual(['evt0single01', 'evt0single02']);
  });

  it.each([
    ['an offset-less timeMin', { timeMin: '2026-03-16T15:00:00' }, 'badRequest'],
    ['a date for timeMax', { timeMax: '2026-03-17' }, 'badRequest'],
    ['timeMax before timeMin', { timeMin: '2026-03-17T00:00:00Z', timeMax: '2026-03-16T00:00:00Z' }, 'timeRangeEmpty'],
    ['orderBy=startTime without singleEvents', { orderBy: 'startTime' }, 'badRequest'],
    ['a bad timeZone', { timeZone: 'Mars/Base' }, 'invalid'],
  ])('refuses %s with 400', async (_name, params, reason) => {
    // Act
    const { status, body } = await calendarJson(run, token, q(params));

    // Assess
    expect(status).toBe(400);
    expect(reasonOf(body)).toBe(reason);
  });

  it('expands series with singleEvents (EXDATE honoured) and orders by start time', async () => {
    // Act
    const { body } = await calendarJson(
      run,
      token,
      q({ ...MARCH, singleEvents: 'true', orderBy: 'startTime', q: 'maintenance' }),
    );

    // Assess
    expect(ids(body)).toEqual([
      'evt0series01_20260305T140000Z',
      'evt0series01_20260319T130000Z',
      'evt0series01_20260326T130000Z',
    ]);
    expect(body.items[1]).toMatchObject({
      recurringEventId: 'evt0series01',
      originalStartTime: { dateTime: '2026-03-19T08:00:00-05:00', timeZone: 'America/Chicago' },
      start: { dateTime: '2026-03-19T08:00:00-05:00', timeZone: 'America/Chicago' },
    });
    expect(body.items[1].recurrence).toBeUndefined();
  });

  it('returns the series master with its recurrence without singleEvents', async () => {
    // Act
    const { body } = await calendarJson(run, token, q({ ...MARCH, q: 'maintenance' }));

    // Assess
    expect(ids(body)).toEqual(['evt0series01']);
    expect(body.items[0].recurrence).toEqual([
      'RRULE:FREQ=WEEKLY;BYDAY=TH;COUNT=4',
      'EXDATE;TZID=America/Chicago:20260312T080000',
    ]);
  });

  it('lists cancelled events only with showDeleted', async () => {
    // Act
    const hidden = await calendarJson(run, token, q(MARCH));
    const shown = await calendarJson(run, token, q({ ...MARCH, showDeleted: 'true' }));

    // Assess
    expect(ids(hidden.body)).not.toContain('evt0cancel01');
    expect(shown.body.items.find((e: any) => e.id === 'evt0cancel01').status).toBe('cancelled');
  });

  it('filters by privateExtendedProperty (every pair must match) and by eventTypes', async () => {
    // Act
    const voice = await calendarJson(run, token, q({ ...MARCH, privateExtendedProperty: 'source=voice' }));
    const one = await calendarJson(
      run,
      token,
      q({ ...MARCH, privateExtendedProperty: ['source=voice', 'bookingId=b1'] }),
    );
    const types = await calendarJson(run, token, q({ ...MARCH, eventTypes: ['focusTime', 'workingLocation'] }));

    // Assess
    expect(ids(voice.body)).toEqual(['evt0single01', 'evt0single02']);
    expect(ids(one.body)).toEqual(['evt0single01']);
    expect(ids(types.body)).toEqual(['evt0focus001', 'evt0office01']);
  });

  it('renders dateTimes in the requested timeZone, keeps all-day dates, marks the declining self', async () => {
    // Act
    const { body } = await calendarJson(
      run,
      token,
      q({ timeMin: '2026-03-17T00:00:00-05:00', timeMax: '2026-03-19T00:00:00-05:00', timeZone: 'Asia/Kathmandu' }),
    );

    // Assess
    expect(body.timeZone).toBe('America/Chicago');
    const byId = Object.fromEntries(body.items.map((e: any) => [e.id, e]));
    expect(byId.evt0fullda01.start).toEqual({ date: '2026-03-17' });
    expect(byId.evt0focus001.start).toEqual({ dateTime: '2026-03-18T00:45:00+05:45', timeZone: 'America/Chicago' });
    expect(byId.evt0declin01.organizer).toEqual({ email: 'board@hoa.example', displayName: 'HOA' });
    expect(byId.evt0declin01.attendees[1]).toEqual({
      email: 'PAT@example.com',
      self: true,
      responseStatus: 'declined',
    });
  });

  it('pages for real with a small maxResults', async () => {
    // Prepare
    const all = ids((await calendarJson(run, token, q({ ...MARCH, singleEvents: 'true' }))).body);
    const paged: string[] = [];
    let pageToken: string | undefined;
    let pages = 0;

    // Act
    do {
      const params: Record<string, string> = { ...MARCH, singleEvents: 'true', maxResults: '2' };
      if (pageToken) params.pageToken = pageToken;
      const { body } = await calendarJson(run, token, q(params));
      paged.push(...ids(body));
      pageToken = body.nextPageToken;
      pages += 1;
    } while (pageToken);

    // Assess
    expect(all).toHaveLength(10);
    expect(paged).toEqual(all);
    expect(pages).toBe(5);
  });

  it('caps maxResults at 2500 and refuses a page token from another query', async () => {
    // Prepare
    const first = await calendarJson(run, token, q({ ...MARCH, maxResults: '1' }));

    // Act
    const capped = await calendarJson(run, token, q({ ...MARCH, maxResults: '100000' }));
    const foreign = await calendarJson(
      run,
      token,
      q({ ...MARCH, singleEvents: 'true', pageToken: first.body.nextPageToken }),
    );

    // Assess
    expect(capped.status).toBe(200);
    expect(foreign.status).toBe(400);
  });
});
