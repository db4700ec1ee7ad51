import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadSandboxCalendar } from '../../local/sandbox/microsoft';
import { graph, signIn, startEmulator, type Running } from './helpers';

const FIXTURE = fileURLToPath(new URL('../events/sandbox/march-2026.json', import.meta.url));
const MARCH = 'startDateTime=2026-03-01T00:00:00Z&endDateTime=2026-04-01T00:00:00Z';
const APRIL = 'startDateTime=2026-04-01T00:00:00Z&endDateTime=2026-05-01T00:00:00Z';

interface Page {
  value: Array<{ id: string; subject: string; start: { dateTime: string } }>;
  '@odata.nextLink'?: string;
}

describe('Microsoft emulator: calendarView paging expands once per query', () => {
  let run: Running;
  let token: string;

  beforeEach(async () => {
    run = await startEmulator({ calendar: loadSandboxCalendar(FIXTURE) });
    token = String((await signIn(run)).access_token);
  });
  afterEach(async () => {
    await run.close();
  });

  async function page(query: string): Promise<Page> {
    const res = await graph(run, token, query.startsWith('http') ? query : `/me/calendarView?${query}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Page;
  }

  /** Every page of a query, following nextLink; `between` runs before each page after the first. */
  async function pages(query: string, between: () => Promise<void> = async () => undefined): Promise<Page[]> {
    const out = [await page(query)];
    for (let next = out[0]!['@odata.nextLink']; next; next = out.at(-1)!['@odata.nextLink']) {
      await between();
      out.push(await page(next));
    }
    return out;
  }

  it('pages $top at a time into exactly what one big page holds, expanding the series once', async () => {
    // Prepare
    const before = run.emulator.calendarViewExpansions();
    // Act
    const paged = await pages(`${MARCH}&$top=4`);
    const afterPaging = run.emulator.calendarViewExpansions();
    const [whole] = await pages(`${MARCH}&$top=1000`);
    // Assess
    expect(paged.length).toBeGreaterThan(3);
    expect(paged.flatMap((p) => p.value)).toEqual(whole!.value);
    expect(paged.slice(0, -1).every((p) => p.value.length === 4)).toBe(true);
    expect(Object.fromEntries(new URL(paged[0]!['@odata.nextLink']!).searchParams)).toEqual({
      ...Object.fromEntries(new URLSearchParams(MARCH)),
      $top: '4',
      $skip: '4',
    });
    expect(afterPaging - before).toBe(1);
    // The same window again (another page size) is the same expansion.
    expect(run.emulator.calendarViewExpansions()).toBe(afterPaging);
  });

  it('expands each distinct window once', async () => {
    // Prepare
    const before = run.emulator.calendarViewExpansions();
    // Act
    await pages(`${MARCH}&$top=5`);
    await pages(`${APRIL}&$top=5`);
    await pages(`${MARCH}&$top=5`);
    // Assess
    expect(run.emulator.calendarViewExpansions() - before).toBe(2);
  });

  it('shows a change made between pages, as a fresh read would, by expanding again', async () => {
    // Prepare
    let created = false;
    const addEarlyEvent = async () => {
      if (created) return;
      created = true;
      run.emulator.addEvent({
        subject: 'Added while paging',
        start: { dateTime: '2026-03-31T20:00:00', timeZone: 'UTC' },
        end: { dateTime: '2026-03-31T21:00:00', timeZone: 'UTC' },
      });
    };
    const before = run.emulator.calendarViewExpansions();
    // Act
    const paged = await pages(`${MARCH}&$top=4`, addEarlyEvent);
    const [whole] = await pages(`${MARCH}&$top=1000`);
    // Assess
    expect(paged.flatMap((p) => p.value).map((e) => e.subject)).toContain('Added while paging');
    expect(paged.flatMap((p) => p.value)).toEqual(whole!.value);
    expect(run.emulator.calendarViewExpansions() - before).toBe(2);
  });
});
