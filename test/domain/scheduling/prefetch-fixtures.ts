/** A manager "mgr" with two counted calendars (book and busy) over fakes, and the call-start prefetch turned on. */
import { vi } from 'vitest';
import type { PrefetchDeps } from '../../../functions/domain/scheduling/busy-prefetch';
import type { BookingDeps } from '../../../functions/domain/scheduling/booking-tool';
import type { CalendarEntry } from '../../../functions/domain/types';
import { readBookingDefaults } from '../../../functions/runtime/config';
import { MemoryBusyCache } from '../../fakes/busy-cache';
import { FAKE_DEFAULT, FakeCalendar } from '../../fakes/calendar';
import { fakeConnection, managerRecord } from '../../fakes/manager';
import { MemoryBookingStore, MemoryConnectionStore, MemorySettingsStore } from '../../fakes/stores';

export const HOUR = 3_600_000;

export interface PrefetchWorld {
  calendar: FakeCalendar;
  cache: MemoryBusyCache;
  connections: MemoryConnectionStore;
  deps: BookingDeps & PrefetchDeps;
  /** listEntries calls so far (provider round trips of reads). */
  reads(): number;
  warnings: string[];
}

/** One busy-ish entry `fromNow` hours ahead of `now`, `hours` long. */
export function entry(now: number, fromNow: number, hours: number, extra: Partial<CalendarEntry> = {}): CalendarEntry {
  const start = now + fromNow * HOUR;
  return {
    id: `e-${start}`,
    start,
    end: start + hours * HOUR,
    availability: 'busy',
    isCancelled: false,
    ...extra,
    isAllDay: extra.isAllDay ?? false,
  };
}

/** A fresh world; the clock is Date.now (tests fake it). Routes: phone "pn-mgr" → mgr, "pn-other" → other. */
export async function prefetchWorld(entries: CalendarEntry[] = [], busyEntries: CalendarEntry[] = []) {
  const calendar = new FakeCalendar();
  calendar.entries = structuredClone(entries);
  calendar.byCalendar.set('showings', structuredClone(busyEntries));
  const connections = new MemoryConnectionStore();
  await connections.save(
    managerRecord('mgr', [
      fakeConnection('work', [
        { id: FAKE_DEFAULT, role: 'book' },
        { id: 'holidays', role: 'ignore' },
      ]),
      fakeConnection('personal', [{ id: 'showings', role: 'busy' }]),
    ]),
    undefined,
  );
  const list = vi.spyOn(calendar, 'listEntries');
  const cache = new MemoryBusyCache();
  const warnings: string[] = [];
  const deps: BookingDeps & PrefetchDeps = {
    connections,
    settings: new MemorySettingsStore(),
    bookings: new MemoryBookingStore({ clock: () => Date.now() }),
    calendars: calendar,
    defaults: readBookingDefaults({ MIN_NOTICE_MINUTES: '0', DEFAULT_WORKING_HOURS: 'mon-sun 08:00-20:00' }),
    clock: () => Date.now(),
    routing: { defaultManagerId: 'mgr', routes: { 'pn-mgr': 'mgr', 'pn-other': 'other' } },
    sleep: async () => undefined,
    log: { warn: (message) => warnings.push(message), error: (message) => warnings.push(message) },
    busyCache: cache,
  };
  return { calendar, cache, connections, deps, reads: () => list.mock.calls.length, warnings } as PrefetchWorld;
}
