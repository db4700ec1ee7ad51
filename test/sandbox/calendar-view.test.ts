import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSandboxCalendar } from '../../local/sandbox/microsoft';
import { graph, signIn, startEmulator, type Running } from './helpers';

const FIXTURE = fileURLToPath(new URL('../events/sandbox/march-2026.json', import.meta.url));
const MARCH = 'startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-04-01T00:00:00Z';

interface WireEvent {
  id: string;
  subject: string;
  start: { dateTime: string; timeZone: string };
  end: { dateTime: string; timeZone: string };
  type: string;
  seriesMasterId: string | null;
  isAllDay: boolean;
  isCancelled: boolean;
  showAs: string;
}

interface Page {
  value: WireEvent[];
  '@odata.nextLink'?: string;
}

describe('GET /me/calendarView', () => {
  let run: Running;
  let token: string;

  beforeAll(async () => {
    run = await startEmulator({ calendar: loadSandboxCalendar(FIXTURE) });
    token = String((await signIn(run)).access_token);
  });

  afterAll(async () => {
    await run.close();
  });

  async function page(query: string, headers: Record<string, string> = {}): Promise<{ res: Response; body: Page }> {
    const res = await graph(run, token, query.startsWith('http') ? query : `/me/calendarView?${query}`, { headers });
    return { res, body: (await res.json()) as Page };
  }

  async function everything(query: string, headers: Record<string, string> = {}): Promise<WireEvent[]> {
    const out: WireEvent[] = [];
    for (let next: string | undefined = query; next; ) {
      const { body } = await page(next, headers);
      out.push(...body.value);
      next = body['@odata.nextLink'];
    }
    return out;
  }

  it('requires startDateTime and endDateTime', async () => {
    // Act
    const { res, body } = await page('startDateTime=2026-03-01T00:00:00Z');

    // Assess
    expect(res.status).toBe(400);
    expect((body as unknown as { error: { code: string } }).error.code).toBe('ErrorInvalidParameter');
  });

  it('pages 10 by default with an absolute nextLink that keeps every query option', async () => {
    // Act
    const { body } = await page(`${MARCH}&$select=subject,start`);

    // Assess
    expect(body.value).toHaveLength(10);
    const next = new URL(body['@odata.nextLink'] ?? '');
    expect(next.origin).toBe(run.baseUrl);
    expect(next.pathname).toBe('/graph/v1.0/me/calendarView');
    expect(next.searchParams.get('startDateTime')).toBe('2026-03-01T00:00:00Z');
    expect(next.searchParams.get('$select')).toBe('subject,start');
    expect(Object.keys(body.value[0] ?? {}).sort()).toEqual(['@odata.etag', 'id', 'start', 'subject']);
  });

  it('returns every instance exactly once, ordered by start, when following $top pages', async () => {
    // Act
    const all = await everything(`${MARCH}&$top=3`);

    // Assess
    expect(all).toHaveLength(14);
    expect(new Set(all.map((e) => e.id)).size).toBe(14);
    const starts = all.map((e) => e.start.dateTime);
    expect(starts).toEqual([...starts].sort());
  });

  it('expands a weekly series across the DST change, in UTC by default', async () => {
    // Act
    const standups = (await everything(`${MARCH}&$top=50`)).filter((e) => e.seriesMasterId === 'series-standup');

    // Assess
    expect(standups.map((e) => e.start)).toEqual([
      { dateTime: '2026-03-02T17:00:00.0000000', timeZone: 'UTC' },
      { dateTime: '2026-03-09T16:00:00.0000000', timeZone: 'UTC' },
      { dateTime: '2026-03-16T16:00:00.0000000', timeZone: 'UTC' },
      { dateTime: '2026-03-23T16:00:00.0000000', timeZone: 'UTC' },
    ]);
    expect(new Set(standups.map((e) => e.type))).toEqual(new Set(['occurrence']));
  });

  it('renders times in the Prefer outlook.timezone zone and says so', async () => {
    // Act
    const { res, body } = await page(`${MARCH}&$top=50`, {
      Prefer: 'outlook.timezone="Pacific Standard Time", IdType="ImmutableId"',
    });

    // Assess
    expect(res.headers.get('preference-applied')).toContain('outlook.timezone="Pacific Standard Time"');
    const standups = body.value.filter((e) => e.seriesMasterId === 'series-standup');
    expect(standups.map((e) => e.start.dateTime)).toEqual([
      '2026-03-02T09:00:00.0000000',
      '2026-03-09T09:00:00.0000000',
      '2026-03-16T09:00:00.0000000',
      '2026-03-23T09:00:00.0000000',
    ]);
    const showing = body.value.find((e) => e.id === 'showing-elm');
    expect(showing?.start).toEqual({ dateTime: '2026-03-04T07:00:00.0000000', timeZone: 'Pacific Standard Time' });
  });

  it('writes all-day events as midnight dates under the requested zone label', async () => {
    // Act
    const utc = (await everything(`${MARCH}&$top=50`)).find((e) => e.id === 'inspection');
    const eastern = (
      await page(`${MARCH}&$top=50`, { Prefer: 'outlook.timezone="Eastern Standard Time"' })
    ).body.value.find((e) => e.id === 'inspection');

    // Assess
    expect(utc).toMatchObject({
      isAllDay: true,
      start: { dateTime: '2026-03-05T00:00:00.0000000', timeZone: 'UTC' },
      end: { dateTime: '2026-03-06T00:00:00.0000000', timeZone: 'UTC' },
    });
    expect(eastern?.start).toEqual({ dateTime: '2026-03-05T00:00:00.0000000', timeZone: 'Eastern Standard Time' });
  });

  it('includes cancelled and free events with their flags', async () => {
    // Act
    const all = await everything(`${MARCH}&$top=50`);

    // Assess
    expect(all.find((e) => e.id === 'cancelled-hoa')).toMatchObject({ isCancelled: true, showAs: 'busy' });
    expect(all.find((e) => e.id === 'lunch')).toMatchObject({
      isCancelled: false,
      showAs: 'free',
      type: 'singleInstance',
    });
  });

  it('expands numbered, relative-monthly, yearly and day-31 monthly series', async () => {
    // Act
    const all = await everything(`${MARCH}&$top=50`, { Prefer: 'outlook.timezone="America/Los_Angeles"' });
    const startsOf = (master: string) =>
      all.filter((e) => e.seriesMasterId === master).map((e) => e.start.dateTime.slice(0, 16));

    // Assess
    expect(startsOf('series-daily')).toEqual(['2026-03-10T08:00', '2026-03-12T08:00', '2026-03-14T08:00']);
    expect(startsOf('series-owners')).toEqual(['2026-03-11T14:00']);
    expect(startsOf('series-renewal')).toEqual(['2026-03-20T09:00']);
    expect(startsOf('series-month-end')).toEqual(['2026-03-31T10:00']);
  });

  it('reads the window bounds with their own offsets', async () => {
    // Prepare: the Elm St showing is 15:00–15:30Z.
    const withOffset = 'startDateTime=2026-03-04T09:00:00-05:00&endDateTime=2026-03-04T10:15:00-05:00';
    const withoutOffset = 'startDateTime=2026-03-04T09:00:00&endDateTime=2026-03-04T10:15:00';

    // Act
    const inside = (await page(withOffset)).body.value.map((e) => e.id);
    const outside = (await page(withoutOffset)).body.value.map((e) => e.id);

    // Assess
    expect(inside).toEqual(['showing-elm']);
    expect(outside).toEqual([]);
  });
});
