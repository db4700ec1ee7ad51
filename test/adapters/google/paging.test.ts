// readPages: following nextPageToken to a bounded end, and refusing pages of an unexpected shape.
import { describe, expect, it } from 'vitest';
import { readPages } from '../../../functions/adapters/google/paging';
import { ProviderError } from '../../../functions/domain/errors';
import { CAL, calendarHarness as setup, json } from './helpers';

const LIST = `GET ${CAL}/users/me/calendarList`;
const first = { method: 'GET' as const, path: '/users/me/calendarList', query: { maxResults: '250' } };
const raw = (text: string) => new Response(text, { status: 200, headers: { 'content-type': 'application/json' } });

describe('Function: readPages', () => {
  it('takes an empty answer as an empty last page', async () => {
    // Prepare
    const { client, deadline } = setup({ [LIST]: json(200) });
    // Act
    const read = await readPages(client, first, deadline(), 'calendarList');
    // Assess
    expect(read).toStrictEqual({ items: [] });
  });

  it('keeps only the items that are objects, and the first zone named', async () => {
    // Prepare
    const pages = [
      json(200, { items: [null, 'x', 7, { id: 'a' }], timeZone: 'Europe/Paris', nextPageToken: 't2' }),
      json(200, { items: [{ id: 'b' }], timeZone: 'Asia/Tokyo' }),
    ];
    const { client, deadline } = setup({ [LIST]: pages });
    // Act
    const read = await readPages(client, first, deadline(), 'calendarList');
    // Assess
    expect(read).toStrictEqual({ items: [{ id: 'a' }, { id: 'b' }], timeZone: 'Europe/Paris' });
  });

  it.each([
    ['null', 'null'],
    ['items that are not a list', '{"items":{"id":"a"}}'],
  ])('refuses a page that is %s', async (_what, text) => {
    // Prepare
    const { client, deadline } = setup({ [LIST]: raw(text) });
    // Act
    const reading = readPages(client, first, deadline(), 'calendarList');
    // Assess
    await expect(reading).rejects.toBeInstanceOf(ProviderError);
    await expect(reading).rejects.toMatchObject({
      message: 'Google Calendar calendarList answered a page of an unexpected shape',
      status: 200,
      code: 'InvalidPage',
    });
  });

  it('stops a token chain that never ends after 20 pages', async () => {
    // Prepare
    const { client, http, deadline } = setup({ [LIST]: json(200, { items: [], nextPageToken: 'again' }) });
    // Act
    const reading = readPages(client, first, deadline(), 'calendarList');
    // Assess
    await expect(reading).rejects.toBeInstanceOf(ProviderError);
    await expect(reading).rejects.toMatchObject({
      message: 'Google Calendar calendarList paged too far',
      code: 'TooManyPages',
    });
    expect(http.requests).toHaveLength(20);
  });
});
