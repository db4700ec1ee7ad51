import { describe, expect, it } from 'vitest';
import { EventStore } from '../../local/sandbox/microsoft/graph/event-store';
import { ViewCache } from '../../local/sandbox/microsoft/graph/view-cache';

const DAY = 86_400_000;
const MARCH_1 = Date.UTC(2026, 2, 1);

/** A store with one daily series in calendar "cal" from 1 March 2026, 09:00 to 10:00 UTC. */
function dailySeries(): EventStore {
  return new EventStore(
    () => MARCH_1,
    [
      {
        calendarId: 'cal',
        events: [
          {
            subject: 'Daily',
            start: { dateTime: '2026-03-01T09:00:00', timeZone: 'UTC' },
            end: { dateTime: '2026-03-01T10:00:00', timeZone: 'UTC' },
            recurrence: {
              pattern: { type: 'daily', interval: 1 },
              range: { type: 'noEnd', startDate: '2026-03-01' },
            },
          },
        ],
      },
    ],
  );
}

describe('Class: ViewCache', () => {
  it('expands a window once and hands the same instances back until the mailbox changes', () => {
    // Prepare
    const store = dailySeries();
    const views = new ViewCache(store);
    // Act
    const first = views.instances('cal', MARCH_1, MARCH_1 + 7 * DAY);
    const again = views.instances('cal', MARCH_1, MARCH_1 + 7 * DAY);
    store.create('cal', {
      subject: 'New',
      start: { dateTime: '2026-03-02T12:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-03-02T13:00:00', timeZone: 'UTC' },
    });
    const changed = views.instances('cal', MARCH_1, MARCH_1 + 7 * DAY);
    // Assess
    expect(first).toHaveLength(7);
    expect(again).toBe(first);
    expect(changed).toHaveLength(8);
    expect(views.expansions).toBe(2);
  });

  it('keeps 16 windows, dropping the oldest first', () => {
    // Prepare
    const views = new ViewCache(dailySeries());
    const windowOf = (n: number) => views.instances('cal', MARCH_1 + n * DAY, MARCH_1 + (n + 1) * DAY);
    for (let n = 0; n < 17; n++) windowOf(n);
    // Act
    windowOf(16);
    windowOf(1);
    const kept = views.expansions;
    windowOf(0);
    // Assess
    expect(kept).toBe(17);
    expect(views.expansions).toBe(18);
  });

  it('keeps calendars apart', () => {
    // Prepare
    const views = new ViewCache(dailySeries());
    // Act
    const own = views.instances('cal', MARCH_1, MARCH_1 + DAY);
    const other = views.instances('other', MARCH_1, MARCH_1 + DAY);
    // Assess
    expect([own.length, other.length, views.expansions]).toEqual([1, 0, 2]);
  });
});
