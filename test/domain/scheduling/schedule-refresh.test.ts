import { beforeEach, describe, expect, it } from 'vitest';
import type { CalendarConnection } from '../../../functions/domain/ports';
import type { ManagerCalendar, ManagerCalendarDeps } from '../../../functions/domain/scheduling/manager-calendar';
import { refreshIfStale } from '../../../functions/domain/scheduling/schedule-refresh';
import type { OwnerSchedule } from '../../../functions/domain/types';
import { readBookingDefaults } from '../../../functions/runtime/config';
import { FAKE_DEFAULT, FakeCalendar } from '../../fakes/calendar';
import { fakeConnection, managerRecord } from '../../fakes/manager';
import { MemoryBookingStore, MemoryConnectionStore, MemorySettingsStore } from '../../fakes/stores';

const NOW = Date.parse('2026-11-23T14:00:00Z');
const HOUR = 3_600_000;
const deadline = { at: NOW + 10_000 };
const ago = (ms: number) => new Date(NOW - ms).toISOString();
const WEEK: NonNullable<OwnerSchedule['working']>['week'] = { monday: [{ start: '09:00', end: '17:00' }] };
const READ_SCHEDULE: OwnerSchedule = { timeZone: 'Europe/Paris', working: { week: WEEK } };
const OPENED_SCHEDULE: OwnerSchedule = { timeZone: 'Asia/Tokyo' };

let reader: FakeCalendar;
let access: FakeCalendar;
let connections: MemoryConnectionStore;
let warnings: Array<{ message: string; extra?: Record<string, unknown> }>;
let deps: ManagerCalendarDeps;

beforeEach(() => {
  reader = new FakeCalendar();
  reader.schedule = READ_SCHEDULE;
  access = new FakeCalendar();
  access.schedule = OPENED_SCHEDULE;
  connections = new MemoryConnectionStore();
  warnings = [];
  deps = {
    connections,
    settings: new MemorySettingsStore(),
    calendars: access,
    bookings: new MemoryBookingStore(),
    defaults: readBookingDefaults({}),
    clock: () => NOW,
    log: { warn: (message, extra) => warnings.push({ message, extra }), error: () => undefined },
  };
});

/** A manager "mgr" whose owner connection "work" (it books) was checked at `checkedAt`; stored unless told not to. */
async function managerWith(
  checkedAt: string | undefined,
  opts: { ownerRead?: boolean; stored?: boolean } = {},
): Promise<{ calendar: ManagerCalendar; owner: CalendarConnection }> {
  const owner = fakeConnection('work', [{ id: FAKE_DEFAULT, role: 'book' }], { scheduleCheckedAt: checkedAt });
  if (checkedAt === undefined) delete owner.scheduleCheckedAt;
  const other = fakeConnection('personal', [{ id: 'showings', role: 'busy' }]);
  const record = managerRecord('mgr', [other, owner]);
  if (opts.stored !== false) await connections.save(record, undefined);
  const busy =
    opts.ownerRead === false
      ? [{ connection: other, provider: new FakeCalendar(), calendarId: 'showings' }]
      : [
          { connection: other, provider: new FakeCalendar(), calendarId: 'showings' },
          { connection: owner, provider: reader, calendarId: FAKE_DEFAULT },
        ];
  const rules = deps.defaults;
  return { calendar: { managerId: 'mgr', mode: 'calendar', rules, settings: {}, record, busy }, owner };
}

const stored = async () => (await connections.get('mgr'))!.connections.find((c) => c.connectionId === 'work')!;

describe('Function: refreshIfStale', () => {
  it('re-reads the owner settings through the calendar already opened for reading, and stores them', async () => {
    // Prepare
    const { calendar } = await managerWith(ago(13 * HOUR));

    // Act
    const schedule = await refreshIfStale(calendar, deadline, deps);

    // Assess
    expect(schedule).toEqual(READ_SCHEDULE);
    expect(access.opened).toEqual([]);
    const work = await stored();
    expect(work.schedule).toEqual(READ_SCHEDULE);
    expect(work.scheduleCheckedAt).toBe(new Date(NOW).toISOString());
    expect(warnings).toEqual([]);
  });

  it('opens the owner connection when none of its calendars is read here', async () => {
    // Prepare
    const { calendar } = await managerWith(ago(13 * HOUR), { ownerRead: false });

    // Act
    const schedule = await refreshIfStale(calendar, deadline, deps);

    // Assess
    expect(schedule).toEqual(OPENED_SCHEDULE);
    expect(access.opened).toEqual([{ managerId: 'mgr', connectionId: 'work' }]);
    expect((await stored()).schedule).toEqual(OPENED_SCHEDULE);
  });

  it('refreshes settings exactly as old as the refresh age (12 h by default)', async () => {
    // Prepare
    const { calendar } = await managerWith(ago(12 * HOUR));

    // Act
    const schedule = await refreshIfStale(calendar, deadline, deps);

    // Assess
    expect(schedule).toEqual(READ_SCHEDULE);
  });

  it('leaves settings younger than the refresh age alone and asks the provider nothing', async () => {
    // Prepare
    const { calendar } = await managerWith(ago(12 * HOUR - 1));
    reader.failSchedule = new Error('must not be asked');

    // Act
    const refreshed = refreshIfStale(calendar, deadline, deps);

    // Assess
    expect(refreshed).toBeUndefined();
    expect((await stored()).scheduleCheckedAt).toBe(ago(12 * HOUR - 1));
  });

  it('follows a configured refresh age', async () => {
    // Prepare
    deps.scheduleRefreshMs = HOUR;
    const fresh = await managerWith(ago(HOUR - 1), { stored: false });
    const { calendar } = await managerWith(ago(HOUR));

    // Act
    const skipped = refreshIfStale(fresh.calendar, deadline, deps);
    const schedule = await refreshIfStale(calendar, deadline, deps);

    // Assess
    expect(skipped).toBeUndefined();
    expect(schedule).toEqual(READ_SCHEDULE);
  });

  it('refreshes settings never checked', async () => {
    // Prepare
    const { calendar } = await managerWith(undefined);

    // Act
    const schedule = await refreshIfStale(calendar, deadline, deps);

    // Assess
    expect(schedule).toEqual(READ_SCHEDULE);
    expect((await stored()).scheduleCheckedAt).toBe(new Date(NOW).toISOString());
  });

  it('has nothing to refresh for a manager without connections (manual mode)', async () => {
    // Prepare
    const calendar: ManagerCalendar = {
      managerId: 'mgr',
      mode: 'manual',
      rules: deps.defaults,
      settings: { workingHours: 'mon-fri 09:00-17:00' },
      busy: [],
    };

    // Act
    const refreshed = refreshIfStale(calendar, deadline, deps);

    // Assess
    expect(refreshed).toBeUndefined();
    expect(access.opened).toEqual([]);
  });

  it('keeps the last known settings when the provider fails, logging why and storing nothing', async () => {
    // Prepare
    const { calendar } = await managerWith(ago(13 * HOUR));
    reader.failSchedule = new Error('mailbox settings unavailable');

    // Act
    const schedule = await refreshIfStale(calendar, deadline, deps);

    // Assess
    expect(schedule).toBeUndefined();
    expect(warnings).toEqual([
      {
        message: 'owner schedule refresh failed; keeping the last known one',
        extra: { managerId: 'mgr', error: 'Error', reason: 'mailbox settings unavailable' },
      },
    ]);
    expect((await stored()).scheduleCheckedAt).toBe(ago(13 * HOUR));
  });

  it('never rejects when the provider fails and there is no log', async () => {
    // Prepare
    delete deps.log;
    const { calendar } = await managerWith(ago(13 * HOUR));
    reader.failSchedule = new Error('mailbox settings unavailable');

    // Act
    const schedule = await refreshIfStale(calendar, deadline, deps);

    // Assess
    expect(schedule).toBeUndefined();
  });

  it('still uses the settings read when storing them fails, logging the failed write', async () => {
    // Prepare: the record was never stored, so the update finds no connection
    const { calendar } = await managerWith(ago(13 * HOUR), { stored: false });

    // Act
    const schedule = await refreshIfStale(calendar, deadline, deps);

    // Assess
    expect(schedule).toEqual(READ_SCHEDULE);
    expect(warnings).toEqual([
      {
        message: 'storing the refreshed owner schedule failed',
        extra: { managerId: 'mgr', error: 'NotFoundError', reason: 'No such calendar connection for this manager' },
      },
    ]);
  });

  it('still uses the settings read when storing them fails and there is no log', async () => {
    // Prepare
    delete deps.log;
    const { calendar } = await managerWith(ago(13 * HOUR), { stored: false });

    // Act
    const schedule = await refreshIfStale(calendar, deadline, deps);

    // Assess
    expect(schedule).toEqual(READ_SCHEDULE);
  });
});
