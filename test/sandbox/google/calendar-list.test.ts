import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessToken, calendarJson, EVENTS_SCOPE, fixture, type Running, reasonOf, startEmulator } from './helpers';

const ALL = 'https://www.googleapis.com/auth/calendar';

describe('calendarList, calendars.get and settings', () => {
  let run: Running;
  let token: string;
  beforeAll(async () => {
    run = await startEmulator({ calendar: fixture('list-calendar.json') });
    token = await accessToken(run, ['openid', ALL]);
  });
  afterAll(async () => {
    await run.close();
  });

  it('lists the primary calendar under the account’s email, with roles and conference types', async () => {
    // Act
    const { status, body } = await calendarJson(run, token, '/users/me/calendarList');

    // Assess
    expect(status).toBe(200);
    expect(body.kind).toBe('calendar#calendarList');
    expect(body.items.map((c: any) => [c.id, c.accessRole, c.primary ?? false])).toEqual([
      ['pat@example.com', 'owner', true],
      ['team7abc@group.calendar.google.com', 'writer', false],
      ['en.usa#holiday@group.v.calendar.google.com', 'reader', false],
    ]);
    expect(body.items[0]).toMatchObject({
      kind: 'calendar#calendarListEntry',
      summary: 'pat@example.com',
      timeZone: 'America/Chicago',
      conferenceProperties: { allowedConferenceSolutionTypes: ['hangoutsMeet'] },
    });
    expect(body.items[2].conferenceProperties.allowedConferenceSolutionTypes).toEqual([]);
  });

  it('pages with maxResults and nextPageToken', async () => {
    // Act
    const first = await calendarJson(run, token, '/users/me/calendarList?maxResults=2');
    const second = await calendarJson(
      run,
      token,
      `/users/me/calendarList?maxResults=2&pageToken=${first.body.nextPageToken}`,
    );

    // Assess
    expect(first.body.items).toHaveLength(2);
    expect(second.body.items.map((c: any) => c.summary)).toEqual(['Holidays']);
    expect(second.body.nextPageToken).toBeUndefined();
  });

  it('filters by minAccessRole and refuses a bad page token or size', async () => {
    // Act
    const writers = await calendarJson(run, token, '/users/me/calendarList?minAccessRole=writer');
    const badToken = await calendarJson(run, token, '/users/me/calendarList?pageToken=garbage');
    const badSize = await calendarJson(run, token, '/users/me/calendarList?maxResults=0');

    // Assess
    expect(writers.body.items).toHaveLength(2);
    expect([badToken.status, badSize.status]).toEqual([400, 400]);
    expect(reasonOf(badToken.body)).toBe('invalid');
  });

  it('gets one entry and a calendar by primary, by email or by id; 404 for others', async () => {
    // Act
    const byPrimary = await calendarJson(run, token, '/users/me/calendarList/primary');
    const byEmail = await calendarJson(run, token, `/calendars/${encodeURIComponent('PAT@example.com')}`);
    const byId = await calendarJson(
      run,
      token,
      `/calendars/${encodeURIComponent('en.usa#holiday@group.v.calendar.google.com')}`,
    );
    const missing = await calendarJson(run, token, '/calendars/nope%40example.com');

    // Assess
    expect(byPrimary.body).toMatchObject({ id: 'pat@example.com', primary: true });
    expect(byEmail.body).toMatchObject({
      kind: 'calendar#calendar',
      id: 'pat@example.com',
      timeZone: 'America/Chicago',
    });
    expect(byId.body.summary).toBe('Holidays');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({
      error: {
        errors: [{ domain: 'global', reason: 'notFound', message: 'Not Found' }],
        code: 404,
        message: 'Not Found',
      },
    });
  });

  it('reads the timezone setting', async () => {
    // Act
    const { body } = await calendarJson(run, token, '/users/me/settings/timezone');

    // Assess
    expect(body).toMatchObject({ kind: 'calendar#setting', id: 'timezone', value: 'America/Chicago' });
  });

  it('answers 403 insufficientPermissions to a token without a calendar-list scope', async () => {
    // Prepare
    const narrow = await accessToken(run, ['openid', EVENTS_SCOPE]);

    // Act
    const { status, body } = await calendarJson(run, narrow, '/users/me/calendarList');

    // Assess
    expect(status).toBe(403);
    expect(body.error).toMatchObject({
      code: 403,
      message: 'Request had insufficient authentication scopes.',
      errors: [{ domain: 'global', reason: 'insufficientPermissions', message: 'Insufficient Permission' }],
    });
  });
});
