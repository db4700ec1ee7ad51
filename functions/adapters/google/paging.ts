/** Calendar v3 collections: following nextPageToken to the end (bounded), keeping the collection's timeZone. */
import { ProviderError } from '../../domain/errors';
import type { Deadline } from '../../domain/ports';
import type { CalendarClient, CalendarRequest } from './calendar-client';

/** One page of events.list or calendarList.list. */
export interface Page<T> {
  items?: T[] | null;
  nextPageToken?: string | null;
  /** events.list: the calendar's zone. */
  timeZone?: string | null;
}

// The cap stops a runaway token chain from spending the whole deadline (20 × 2500 events is far beyond any window).
const MAX_PAGES = 20;

/** Every item, page after page while Google sends a nextPageToken (a page may be short, or empty, before the end). */
export async function readPages<T>(
  client: CalendarClient,
  first: CalendarRequest,
  deadline: Deadline,
  what: string,
): Promise<{ items: T[]; timeZone?: string }> {
  const items: T[] = [];
  let timeZone: string | undefined;
  let page = await client.send<Page<T>>(first, deadline);
  for (let pages = 1; ; pages++) {
    // The wire is not trusted to its type: a page that is not an object, or items that are not a list, is an error
    // (a calendar that cannot be read is never taken as free).
    if (page !== undefined && (typeof page !== 'object' || page === null || !Array.isArray(page.items ?? []))) {
      throw new ProviderError(`Google Calendar ${what} answered a page of an unexpected shape`, 200, 'InvalidPage');
    }
    items.push(...(page?.items ?? []).filter((item): item is T => typeof item === 'object' && item !== null));
    timeZone ??= page?.timeZone ?? undefined;
    const pageToken = page?.nextPageToken;
    if (!pageToken) return { items, ...(timeZone ? { timeZone } : {}) };
    if (pages >= MAX_PAGES) throw new ProviderError(`Google Calendar ${what} paged too far`, 200, 'TooManyPages');
    page = await client.send<Page<T>>({ ...first, query: { ...first.query, pageToken } }, deadline);
  }
}
