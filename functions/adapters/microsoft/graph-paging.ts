/** Graph collections: following @odata.nextLink to the end (bounded), and the UTC form of range bounds. */
import { ProviderError } from '../../domain/errors';
import type { Deadline } from '../../domain/ports';
import type { GraphClient, GraphRequest } from './graph-client';

/** One page of a Graph collection. */
export interface Page<T> {
  value?: T[];
  '@odata.nextLink'?: string;
}

// The cap stops a runaway nextLink chain from spending the whole deadline (20 × 500 events is far beyond any window).
const MAX_PAGES = 20;

/** Every item of a collection, page after page until no @odata.nextLink is left. `what` names it in errors. */
export async function readPages<T>(
  graph: GraphClient,
  first: GraphRequest,
  deadline: Deadline,
  what: string,
): Promise<T[]> {
  const items: T[] = [];
  let page = await graph.send<Page<T>>(first, deadline);
  for (let pages = 1; ; pages++) {
    items.push(...(page?.value ?? []));
    const next = page?.['@odata.nextLink'];
    if (!next) return items;
    if (pages >= MAX_PAGES) throw new ProviderError(`Microsoft Graph ${what} paged too far`, 200, 'TooManyPages');
    page = await graph.send<Page<T>>({ method: 'GET', path: next }, deadline);
  }
}
