import { describe, expect, it, vi } from 'vitest';
import { rulesFor, scheduleConnection } from '../../../functions/domain/scheduling/manager-rules';
import type { CalendarConnection } from '../../../functions/domain/ports';
import { hours, rules } from '../availability/fixtures';

const defaults = rules({}, 'America/New_York');
const owner = { timeZone: 'Europe/Berlin', working: { week: hours('08:00', '16:00') } };

describe('Function: rulesFor', () => {
  it('uses the defaults when neither the owner nor the manager says anything', () => {
    // Act & Assess
    expect(rulesFor(undefined, defaults)).toEqual(defaults);
  });

  it("reads the default hours in the owner's zone", () => {
    // Act
    const applied = rulesFor({ timeZone: 'Europe/Berlin' }, defaults);
    // Assess
    expect(applied.timeZone).toBe('Europe/Berlin');
    expect(applied.working).toEqual({ timeZone: 'Europe/Berlin', week: defaults.working.week });
  });

  it("puts the manager's settings over the owner's schedule, rule by rule", () => {
    // Act
    const applied = rulesFor(owner, defaults, {
      workingHours: 'sat 10:00-14:00',
      slotMinutes: 45,
      tentativeBlocks: false,
    });
    // Assess
    expect(applied).toMatchObject({
      timeZone: 'Europe/Berlin',
      slotMinutes: 45,
      intervalMinutes: 45,
      tentativeBlocks: false,
      bufferMinutes: defaults.bufferMinutes,
      horizonDays: defaults.horizonDays,
      working: { timeZone: 'Europe/Berlin', week: { saturday: [{ start: '10:00', end: '14:00' }] } },
    });
  });

  it("reads the manager's hours in the manager's zone when they set one", () => {
    // Act
    const applied = rulesFor(owner, defaults, { timeZone: 'Asia/Kathmandu', workingHours: 'mon 09:00-12:00' });
    // Assess
    expect(applied.timeZone).toBe('Asia/Kathmandu');
    expect(applied.working.timeZone).toBe('Asia/Kathmandu');
  });

  it("keeps the owner's hours when only the slot settings are the manager's", () => {
    // Act
    const applied = rulesFor(owner, defaults, { slotIntervalMinutes: 15 });
    // Assess
    expect(applied.working).toEqual({ timeZone: 'Europe/Berlin', week: owner.working.week });
    expect(applied.intervalMinutes).toBe(15);
    expect(applied.slotMinutes).toBe(defaults.slotMinutes);
  });

  it('skips stored hours that do not parse, with a log line, rather than failing the call', () => {
    // Prepare
    const log = { warn: vi.fn() };
    // Act
    const applied = rulesFor(owner, defaults, { workingHours: 'weekdays 9-5' }, log);
    // Assess
    expect(applied.working.week).toEqual(owner.working.week);
    expect(log.warn).toHaveBeenCalledExactlyOnceWith(
      "stored working hours do not parse; using the calendar owner's or the default hours",
      {},
    );
  });

  it('skips stored hours that do not parse without a log to tell, rather than failing the call', () => {
    // Act
    const applied = rulesFor(undefined, defaults, { workingHours: 'weekdays 9-5' });

    // Assess
    expect(applied.working).toEqual(defaults.working);
  });
});

describe('Function: scheduleConnection', () => {
  const connection = (connectionId: string, role: 'book' | 'busy'): CalendarConnection => ({
    connectionId,
    provider: 'fake',
    accountId: connectionId,
    account: `${connectionId}@x.example`,
    credentials: 'v1.x.y',
    needsReconnect: false,
    connectedAt: '2026-01-01T00:00:00Z',
    version: 1,
    calendars: [{ id: 'c', name: 'C', role, canEdit: true }],
  });

  it('is the connection holding the book calendar, else the first', () => {
    // Act & Assess
    expect(scheduleConnection([connection('a', 'busy'), connection('b', 'book')])?.connectionId).toBe('b');
    expect(scheduleConnection([connection('a', 'busy')])?.connectionId).toBe('a');
    expect(scheduleConnection([])).toBeUndefined();
  });

  it('is the connection holding the book calendar among others of its own', () => {
    // Prepare
    const both = connection('b', 'book');
    both.calendars.push({ id: 'd', name: 'D', role: 'busy', canEdit: true });

    // Act
    const chosen = scheduleConnection([connection('a', 'busy'), both]);

    // Assess
    expect(chosen?.connectionId).toBe('b');
  });
});
