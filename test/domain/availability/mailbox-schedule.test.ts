import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { freeSlots, scheduleFromMailbox } from '../../../functions/domain/availability';
import type { MailboxSettings } from '../../../functions/domain/types';
import { at, hours, NOW, NY, onDate, rules } from './fixtures';

const fallback = { timeZone: NY, working: { timeZone: NY, week: hours() } };
const workingHours = (zoneName: string | null, extra: Record<string, unknown> = {}) => ({
  daysOfWeek: ['Monday', 'Tuesday', 'Wednesday'],
  startTime: '08:00:00.0000000',
  endTime: '16:30:00.0000000',
  timeZone: { name: zoneName },
  ...extra,
});

describe('scheduleFromMailbox', () => {
  it.each<{ name: string; settings: MailboxSettings; timeZone: string; workingZone: string }>([
    { name: 'Windows names', settings: { timeZone: 'Pacific Standard Time', workingHours: workingHours('Pacific Standard Time') }, timeZone: 'America/Los_Angeles', workingZone: 'America/Los_Angeles' },
    { name: 'W. Europe', settings: { timeZone: 'W. Europe Standard Time', workingHours: workingHours('W. Europe Standard Time') }, timeZone: 'Europe/Berlin', workingZone: 'Europe/Berlin' },
    { name: 'IANA names', settings: { timeZone: 'Europe/London', workingHours: workingHours('Europe/London') }, timeZone: 'Europe/London', workingZone: 'Europe/London' },
    { name: 'hours in another zone', settings: { timeZone: 'Pacific Standard Time', workingHours: workingHours('Eastern Standard Time') }, timeZone: 'America/Los_Angeles', workingZone: 'America/New_York' },
    {
      name: 'customTimeZone',
      settings: { timeZone: 'W. Europe Standard Time', workingHours: workingHours('Customized Time Zone', { timeZone: { name: 'Customized Time Zone', bias: -60, '@odata.type': '#microsoft.graph.customTimeZone' } }) },
      timeZone: 'Europe/Berlin', workingZone: 'Europe/Berlin',
    },
    {
      name: 'customTimeZone with a known name',
      settings: { timeZone: 'Pacific Standard Time', workingHours: workingHours('Eastern Standard Time', { timeZone: { name: 'Eastern Standard Time', '@odata.type': '#microsoft.graph.customTimeZone' } }) },
      timeZone: 'America/Los_Angeles', workingZone: 'America/Los_Angeles',
    },
    { name: 'unmappable working zone', settings: { timeZone: 'Tokyo Standard Time', workingHours: workingHours('Nowhere Time') }, timeZone: 'Asia/Tokyo', workingZone: 'Asia/Tokyo' },
    { name: 'no mailbox zone', settings: { timeZone: null, workingHours: workingHours(null) }, timeZone: NY, workingZone: NY },
  ])('$name', ({ settings, timeZone, workingZone }) => {
    // Act
    const schedule = scheduleFromMailbox(settings, fallback);

    // Assess
    expect(schedule.timeZone).toBe(timeZone);
    expect(schedule.workingFromMailbox).toBe(true);
    expect(schedule.working).toEqual({
      timeZone: workingZone,
      week: { monday: [{ start: '08:00', end: '16:30' }], tuesday: [{ start: '08:00', end: '16:30' }], wednesday: [{ start: '08:00', end: '16:30' }] },
    });
  });

  it.each<{ name: string; settings: MailboxSettings | null }>([
    { name: 'no working hours', settings: { timeZone: 'W. Europe Standard Time' } },
    { name: 'null working hours', settings: { timeZone: 'W. Europe Standard Time', workingHours: null } },
    { name: 'no days', settings: { timeZone: 'W. Europe Standard Time', workingHours: workingHours(null, { daysOfWeek: [] }) } },
    { name: 'unknown days only', settings: { timeZone: 'W. Europe Standard Time', workingHours: workingHours(null, { daysOfWeek: ['funday'] }) } },
    { name: 'malformed time', settings: { timeZone: 'W. Europe Standard Time', workingHours: workingHours(null, { startTime: '8am' }) } },
    { name: 'end before start', settings: { timeZone: 'W. Europe Standard Time', workingHours: workingHours(null, { endTime: '07:00:00' }) } },
  ])('$name: the fallback hours, read in the mailbox zone', ({ settings }) => {
    // Act
    const schedule = scheduleFromMailbox(settings, fallback);

    // Assess
    expect(schedule).toEqual({ timeZone: 'Europe/Berlin', working: { timeZone: 'Europe/Berlin', week: hours() }, workingFromMailbox: false });
  });

  it('no settings at all: the fallback as is', () => {
    // Act
    const schedule = scheduleFromMailbox(null, fallback);

    // Assess
    expect(schedule).toEqual({ ...fallback, workingFromMailbox: false });
  });

  it('lowercases and de-duplicates days, and reads a midnight end as 24:00', () => {
    // Act
    const schedule = scheduleFromMailbox(
      { timeZone: 'UTC', workingHours: workingHours('UTC', { daysOfWeek: ['SATURDAY', 'saturday', ' Sunday '], endTime: '00:00:00.0000000' }) },
      fallback,
    );

    // Assess
    expect(schedule.working).toEqual({
      timeZone: 'UTC', week: { saturday: [{ start: '08:00', end: '24:00' }], sunday: [{ start: '08:00', end: '24:00' }] },
    });
  });

  it.each([
    { file: '../../events/graph/mailbox-settings.json', timeZone: 'America/Los_Angeles', start: '08:00', end: '17:00' },
    { file: '../../events/availability/mailbox-settings-custom-zone.json', timeZone: 'Europe/Berlin', start: '08:30', end: '17:30' },
  ])('a Graph response ($file)', ({ file, timeZone, start, end }) => {
    // Prepare
    const settings = JSON.parse(readFileSync(new URL(file, import.meta.url), 'utf8')) as MailboxSettings;

    // Act
    const schedule = scheduleFromMailbox(settings, fallback);

    // Assess
    expect(schedule).toEqual({ timeZone, working: { timeZone, week: hours(start, end) }, workingFromMailbox: true });
  });

  it('a Pacific mailbox books 08:00 Pacific, i.e. 16:00 UTC', () => {
    // Prepare
    const schedule = scheduleFromMailbox({ timeZone: 'Pacific Standard Time', workingHours: workingHours('Pacific Standard Time') }, fallback);
    const r = rules({ timeZone: schedule.timeZone, working: schedule.working, minNoticeMinutes: 0 }, schedule.timeZone);

    // Act
    const day = onDate(freeSlots(r, [], NOW), '2026-11-24', schedule.timeZone);

    // Assess
    expect(new Date(day[0]!.start).toISOString()).toBe('2026-11-24T16:00:00.000Z');
    expect(day.at(-1)!.start).toBe(at('2026-11-24T16:00', 'America/Los_Angeles'));
  });
});
