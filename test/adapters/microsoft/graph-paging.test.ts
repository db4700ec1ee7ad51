/** readPages: every item of a Graph collection, page after page, within a page cap. */
import { describe, expect, it } from 'vitest';
import { readPages } from '../../../functions/adapters/microsoft/graph-paging';
import { GRAPH_TEST_BASE, graphHarness, json } from './helpers';

const FIRST = { method: 'GET' as const, path: '/me/calendars' };

describe('Function: readPages', () => {
  it('follows each nextLink with a GET and collects every page, a page without items counting as none', async () => {
    // Prepare
    const next = `${GRAPH_TEST_BASE}/me/calendars?$skip=2`;
    const { client, http, deadline } = graphHarness(
      json(200, { value: [{ id: 'c1' }], '@odata.nextLink': next }),
      json(200, { '@odata.nextLink': `${next}0` }),
      json(200, { value: [{ id: 'c2' }] }),
    );
    // Act
    const items = await readPages(client, FIRST, deadline(), 'calendars');
    // Assess
    expect(items).toEqual([{ id: 'c1' }, { id: 'c2' }]);
    expect(http.requests.map((r) => r.method)).toEqual(['GET', 'GET', 'GET']);
  });

  it('stops a chain that never ends, naming the collection', async () => {
    // Prepare
    const { client, deadline } = graphHarness(json(200, { value: [], '@odata.nextLink': `${GRAPH_TEST_BASE}/me/x` }));
    // Act
    const reading = readPages(client, FIRST, deadline(), 'calendars');
    // Assess
    await expect(reading).rejects.toMatchObject({
      name: 'ProviderError',
      message: 'Microsoft Graph calendars paged too far',
      code: 'TooManyPages',
    });
  });
});
