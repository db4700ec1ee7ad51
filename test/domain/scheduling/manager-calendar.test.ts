/**
 * openManagerCalendar: a manager opened for a tool call (calendar mode, manual mode, or not set up), which calendars
 * count, when a grant that is gone stops it, and how old the owner's settings may get before they are read again.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CalendarConnection } from '../../../functions/domain/ports';
import { readBookingDefaults } from '../../../functions/runtime/config';
import { FAKE_DEFAULT, FakeCalendar } from '../../fakes/calendar';
import { fakeConnection, managerRecord } from '../../fakes/manager';
import { MemoryBookingStore, MemoryConnectionStore, MemorySettingsStore } from '../../fakes/stores';

type Module = typeof import('../../../functions/domain/scheduling/manager-calendar');
let m: Module;

// DEFAULT_SCHEDULE_REFRESH_MS is a module-level constant: load the module afresh for each test.
beforeEach(async () => {
  vi.resetModules();
  m = await import('../../../functions/domain/scheduling/manager-calendar');
});

const NOW = Date.parse('2026-07-15T12:00:00Z');
const HOUR = 3_600_000;
let provider: FakeCalendar;
let connections: MemoryConnectionStore;
let settings: MemorySettingsStore;

const deps = () => ({
  connections,
  settings,
  calendars: provider,
  bookings: new MemoryBookingStore(),
  defaults: readBookingDefaults({ MIN_NOTICE_MINUTES: '0' }),
  clock: () => NOW,
});
const saved = (...list: CalendarConnection[]) => connections.save(managerRecord('mgr', list), undefined);

beforeEach(() => {
  provider = new FakeCalendar();
  connections = new MemoryConnectionStore();
  settings = new MemorySettingsStore();
});

describe('Function: openManagerCalendar', () => {
  it('says a manager with neither calendars nor hours is not set up, naming them', async () => {
    // Act
    const open = m.openManagerCalendar('mgr', deps());

    // Assess
    await expect(open).rejects.toMatchObject({
      name: 'NotConnectedError',
      message: 'No calendar connected or hours set for manager mgr',
    });
  });

  it('opens a manager with hours and no calendar in manual mode, reading no calendar', async () => {
    // Prepare
    settings.seed('mgr', { workingHours: 'mon-fri 09:00-17:00' });

    // Act
    const calendar = await m.openManagerCalendar('mgr', deps());

    // Assess
    expect(calendar.mode).toBe('manual');
    expect(calendar.busy).toEqual([]);
    expect(calendar.book).toBeUndefined();
  });

  it('stops when a connection with a counted calendar needs a reconnect (another one ignored)', async () => {
    // Prepare
    await saved(
      fakeConnection(
        'work',
        [
          { id: FAKE_DEFAULT, role: 'book' },
          { id: 'holidays', role: 'ignore' },
        ],
        { needsReconnect: true },
      ),
    );

    // Act
    const open = m.openManagerCalendar('mgr', deps());

    // Assess
    await expect(open).rejects.toMatchObject({
      name: 'ReconnectRequiredError',
      message: 'Calendar work of manager mgr needs a reconnect',
    });
  });

  it('opens normally beside a connection that needs a reconnect but whose calendars are all ignored', async () => {
    // Prepare
    await saved(
      fakeConnection('work', [{ id: FAKE_DEFAULT, role: 'book' }]),
      fakeConnection('old', [{ id: 'archive', role: 'ignore' }], { needsReconnect: true }),
    );

    // Act
    const calendar = await m.openManagerCalendar('mgr', deps());

    // Assess
    expect(calendar.mode).toBe('calendar');
    expect(calendar.busy.map((b) => `${b.connection.connectionId} ${b.calendarId}`)).toEqual(['work default']);
  });

  it('counts book and busy calendars; opens no provider for a connection with all ignored', async () => {
    // Prepare
    await saved(
      fakeConnection('work', [
        { id: FAKE_DEFAULT, role: 'book' },
        { id: 'holidays', role: 'ignore' },
      ]),
      fakeConnection('old', [{ id: 'archive', role: 'ignore' }]),
      fakeConnection('personal', [{ id: 'showings', role: 'busy' }]),
    );

    // Act
    const calendar = await m.openManagerCalendar('mgr', deps());

    // Assess
    expect(calendar.busy.map((b) => `${b.connection.connectionId} ${b.calendarId}`).sort()).toEqual([
      'personal showings',
      'work default',
    ]);
    expect(calendar.book?.calendarId).toBe(FAKE_DEFAULT);
    expect(calendar.book?.connection.connectionId).toBe('work');
    expect(provider.opened.map((o) => o.connectionId).sort()).toEqual(['personal', 'work']);
  });

  it('says a manager whose calendars only count as busy is not set up to take bookings', async () => {
    // Prepare
    await saved(fakeConnection('personal', [{ id: 'showings', role: 'busy' }]));

    // Act
    const open = m.openManagerCalendar('mgr', deps());

    // Assess
    await expect(open).rejects.toMatchObject({
      name: 'NotConnectedError',
      message: 'No calendar of manager mgr takes bookings',
    });
  });
});

describe('Constant: DEFAULT_SCHEDULE_REFRESH_MS', () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW);
  });
  afterEach(() => vi.useRealTimers());

  it('trusts the owner settings for 12 h, then re-reads them alongside the next calendar read', async () => {
    // Prepare
    const { refreshIfStale } = await import('../../../functions/domain/scheduling/schedule-refresh');
    const checkedAt = (ms: number) =>
      fakeConnection('work', undefined, { scheduleCheckedAt: new Date(ms).toISOString() });
    const deadline = { at: NOW + 10_000 };
    await connections.save(managerRecord('fresh', [checkedAt(NOW - 12 * HOUR + 1_000)]), undefined);
    await connections.save(managerRecord('stale', [checkedAt(NOW - 12 * HOUR)]), undefined);
    const fresh = await m.openManagerCalendar('fresh', deps());
    const stale = await m.openManagerCalendar('stale', deps());
    const schedule = vi.spyOn(provider, 'getOwnerSchedule');

    // Act
    const early = refreshIfStale(fresh, deadline, deps());
    const due = refreshIfStale(stale, deadline, deps());
    await due;

    // Assess
    expect(m.DEFAULT_SCHEDULE_REFRESH_MS).toBe(12 * HOUR);
    expect(early).toBeUndefined();
    expect(due).toBeDefined();
    expect(schedule).toHaveBeenCalledTimes(1);
  });
});
