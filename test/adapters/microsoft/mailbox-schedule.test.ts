import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { ownerScheduleFromMailbox, type MailboxSettings } from '../../../functions/adapters/microsoft/mailbox-schedule';
import { freeSlots } from '../../../functions/domain/availability';
import { rulesFor } from '../../../functions/domain/scheduling/manager-calendar';
import { at, hours, NOW, NY, onDate, rules } from '../../domain/availability/fixtures';

const defaults = rules({ minNoticeMinutes: 0 }, NY);
const workingHours = (zoneName: string | null, extra: Record<string, unknown> = {}) => ({
  daysOfWeek: ['Monday', 'Tuesday', 'Wednesday'],
  startTime: '08:00:00.0000000',
  endTime: '16:30:00.0000000',
  timeZone: { name: zoneName },
  ...extra,
});
const week = {
  monday: [{ start: '08:00', end: '16:30' }],
  tuesday: [{ start: '08:00', end: '16:30' }],
  wednesday: [{ start: '08:00', end: '16:30' }],
};

describe('Function: ownerScheduleFromMailbox', () => {
  it.each<{ name: string; settings: MailboxSettings; timeZone?: string; workingZone?: string }>([
    {
      name: 'Windows names',
      settings: { timeZone: 'Pacific Standard Time', workingHours: workingHours('Pacific Standard Time') },
      timeZone: 'America/Los_Angeles',
      workingZone: 'America/Los_Angeles',
    },
    {
      name: 'W. Europe',
      settings: { timeZone: 'W. Europe Standard Time', workingHours: workingHours('W. Europe Standard Time') },
      timeZone: 'Europe/Berlin',
      workingZone: 'Europe/Berlin',
    },
    {
      name: 'current CLDR data (Mexico 2022)',
      settings: {
        timeZone: 'Mountain Standard Time (Mexico)',
        workingHours: workingHours('Mountain Standard Time (Mexico)'),
      },
      timeZone: 'America/Mazatlan',
      workingZone: 'America/Mazatlan',
    },
    {
      name: 'current CLDR data (Kazakhstan 2024)',
      settings: { timeZone: 'Central Asia Standard Time', workingHours: workingHours(null) },
      timeZone: 'Asia/Bishkek',
      workingZone: 'Asia/Bishkek',
    },
    {
      name: 'IANA names',
      settings: { timeZone: 'Europe/London', workingHours: workingHours('Europe/London') },
      timeZone: 'Europe/London',
      workingZone: 'Europe/London',
    },
    {
      name: 'hours in another zone',
      settings: { timeZone: 'Pacific Standard Time', workingHours: workingHours('Eastern Standard Time') },
      timeZone: 'America/Los_Angeles',
      workingZone: 'America/New_York',
    },
    {
      name: 'customTimeZone',
      settings: {
        timeZone: 'W. Europe Standard Time',
        workingHours: workingHours('Customized Time Zone', {
          timeZone: { name: 'Customized Time Zone', bias: -60, '@odata.type': '#microsoft.graph.customTimeZone' },
        }),
      },
      timeZone: 'Europe/Berlin',
      workingZone: 'Europe/Berlin',
    },
    {
      name: 'customTimeZone with a known name',
      settings: {
        timeZone: 'Pacific Standard Time',
        workingHours: workingHours('Eastern Standard Time', {
          timeZone: { name: 'Eastern Standard Time', '@odata.type': '#microsoft.graph.customTimeZone' },
        }),
      },
      timeZone: 'America/Los_Angeles',
      workingZone: 'America/Los_Angeles',
    },
    {
      name: 'unmappable working zone',
      settings: { timeZone: 'Tokyo Standard Time', workingHours: workingHours('Nowhere Time') },
      timeZone: 'Asia/Tokyo',
      workingZone: 'Asia/Tokyo',
    },
    { name: 'no mailbox zone', settings: { timeZone: null, workingHours: workingHours(null) } },
  ])('$name', ({ settings, timeZone, workingZone }) => {
    // Act
    const schedule = ownerScheduleFromMailbox(settings);

    // Assess
    expect(schedule.timeZone).toBe(timeZone);
    expect(schedule.working).toEqual(workingZone ? { timeZone: workingZone, week } : { week });
  });

  it.each<{ name: string; settings: MailboxSettings | null }>([
    { name: 'no working hours', settings: { timeZone: 'W. Europe Standard Time' } },
    { name: 'null working hours', settings: { timeZone: 'W. Europe Standard Time', workingHours: null } },
    {
      name: 'no days',
      settings: { timeZone: 'W. Europe Standard Time', workingHours: workingHours(null, { daysOfWeek: [] }) },
    },
    {
      name: 'unknown days only',
      settings: { timeZone: 'W. Europe Standard Time', workingHours: workingHours(null, { daysOfWeek: ['funday'] }) },
    },
    {
      name: 'malformed time',
      settings: { timeZone: 'W. Europe Standard Time', workingHours: workingHours(null, { startTime: '8am' }) },
    },
    {
      name: 'end before start',
      settings: { timeZone: 'W. Europe Standard Time', workingHours: workingHours(null, { endTime: '07:00:00' }) },
    },
  ])('$name: the zone only, so the default hours apply in it', ({ settings }) => {
    // Act
    const schedule = ownerScheduleFromMailbox(settings);

    // Assess
    expect(schedule).toEqual({ timeZone: 'Europe/Berlin' });
    expect(rulesFor(schedule, defaults).working).toEqual({ timeZone: 'Europe/Berlin', week: hours() });
  });

  it('no settings at all: nothing, so the defaults apply as they are', () => {
    // Act
    const schedule = ownerScheduleFromMailbox(null);

    // Assess
    expect(schedule).toEqual({});
    expect(rulesFor(schedule, defaults)).toEqual(defaults);
  });

  it('an unknown Windows zone is logged by name and left out: the configured default zone applies, never UTC', () => {
    // Prepare
    const log = { warn: vi.fn() };

    // Act
    const schedule = ownerScheduleFromMailbox(
      { timeZone: 'Martian Standard Time', workingHours: workingHours(null) },
      log,
    );
    const applied = rulesFor(schedule, defaults);

    // Assess
    expect(log.warn).toHaveBeenCalledWith(expect.stringContaining('time zone'), {
      field: 'timeZone',
      zone: 'Martian Standard Time',
    });
    expect(schedule).toEqual({ working: { week } });
    expect(applied.timeZone).toBe(NY);
    expect(applied.working).toEqual({ timeZone: NY, week });
  });

  it('lowercases and de-duplicates days, and reads a midnight end as 24:00', () => {
    // Act
    const schedule = ownerScheduleFromMailbox({
      timeZone: 'UTC',
      workingHours: workingHours('UTC', {
        daysOfWeek: ['SATURDAY', 'saturday', ' Sunday '],
        endTime: '00:00:00.0000000',
      }),
    });

    // Assess
    expect(schedule.working).toEqual({
      timeZone: 'UTC',
      week: { saturday: [{ start: '08:00', end: '24:00' }], sunday: [{ start: '08:00', end: '24:00' }] },
    });
  });

  it.each([
    { file: '../../events/graph/mailbox-settings.json', timeZone: 'America/Los_Angeles', start: '08:00', end: '17:00' },
    {
      file: '../../events/availability/mailbox-settings-custom-zone.json',
      timeZone: 'Europe/Berlin',
      start: '08:30',
      end: '17:30',
    },
  ])('a Graph response ($file)', ({ file, timeZone, start, end }) => {
    // Prepare
    const settings = JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as MailboxSettings;

    // Act
    const schedule = ownerScheduleFromMailbox(settings);

    // Assess
    expect(schedule).toEqual({ timeZone, working: { timeZone, week: hours(start, end) } });
  });

  it('a Pacific mailbox books 08:00 Pacific, i.e. 16:00 UTC', () => {
    // Prepare
    const schedule = ownerScheduleFromMailbox({
      timeZone: 'Pacific Standard Time',
      workingHours: workingHours('Pacific Standard Time'),
    });
    const r = rulesFor(schedule, defaults);

    // Act
    const day = onDate(freeSlots(r, [], NOW), '2026-11-24', r.timeZone);

    // Assess
    expect(new Date(day[0]!.start).toISOString()).toBe('2026-11-24T16:00:00.000Z');
    expect(day.at(-1)!.start).toBe(at('2026-11-24T16:00', 'America/Los_Angeles'));
  });

  it.each([
    ['Graph form', '08:00:00.0000000', '16:30:00.0000000'],
    ['hours and minutes', '08:00', '16:30'],
    ['whole seconds', '08:00:00', '16:30:00'],
    ['padding', ' 08:00 ', ' 16:30:00.0000000 '],
  ])('reads times in %s', (_name, startTime, endTime) => {
    // Act
    const schedule = ownerScheduleFromMailbox({ workingHours: workingHours(null, { startTime, endTime }) });

    // Assess
    expect(schedule).toEqual({ working: { week } });
  });

  it.each([
    ['text before the time', { startTime: 'T08:00:00' }],
    ['text after the time', { startTime: '08:00 am' }],
    ['hour 24', { endTime: '24:00:00' }],
    ['minute 60', { endTime: '16:60:00' }],
    ['no start', { startTime: undefined }],
    ['a day that ends where it starts', { startTime: '08:00', endTime: '08:00' }],
    ['a day from midnight to midnight', { startTime: '00:00:00', endTime: '00:00:00' }],
  ])('drops working hours with %s, keeping the zone', (_name, extra) => {
    // Act
    const schedule = ownerScheduleFromMailbox({
      timeZone: 'W. Europe Standard Time',
      workingHours: workingHours(null, extra),
    });

    // Assess
    expect(schedule).toEqual({ timeZone: 'Europe/Berlin' });
  });

  it("reads working hours without a zone of their own in the mailbox's zone", () => {
    // Act
    const schedule = ownerScheduleFromMailbox({
      timeZone: 'W. Europe Standard Time',
      workingHours: workingHours(null, { timeZone: undefined }),
    });

    // Assess
    expect(schedule).toEqual({ timeZone: 'Europe/Berlin', working: { timeZone: 'Europe/Berlin', week } });
  });

  it('logs an unmappable working-hours zone under its field, and a blank zone not at all', () => {
    // Prepare
    const log = { warn: vi.fn() };

    // Act
    ownerScheduleFromMailbox({ timeZone: '  ', workingHours: workingHours('Nowhere Time') }, log);

    // Assess
    expect(log.warn).toHaveBeenCalledTimes(1);
    expect(log.warn).toHaveBeenCalledWith(expect.any(String), { field: 'workingHours.timeZone', zone: 'Nowhere Time' });
  });
});
