/** DEFAULT_WORKING_HOURS and the other booking defaults: what is accepted, what is refused, and how it is named. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type BookingConfig = typeof import('../../functions/contract/booking-config');
let config: BookingConfig;

beforeEach(async () => {
  // The weekday list parseWorkingHours indexes by is a module-level value: load it afresh
  // (why: test/mutation/README.md).
  vi.resetModules();
  config = await import('../../functions/contract/booking-config');
});

const FORM = 'DEFAULT_WORKING_HOURS must look like "mon-fri 09:00-17:00; sat 10:00-14:00"';

describe('Function: parseWorkingHours', () => {
  it('reads a whole week, spaces and a trailing semicolon included, until 24:00', () => {
    // Act
    const schedule = config.parseWorkingHours('Mon-Sun   08:00-24:00;', 'Europe/London');

    // Assess
    expect(schedule.timeZone).toBe('Europe/London');
    expect(Object.keys(schedule.week)).toEqual([
      'monday',
      'tuesday',
      'wednesday',
      'thursday',
      'friday',
      'saturday',
      'sunday',
    ]);
    expect(schedule.week.sunday).toEqual([{ start: '08:00', end: '24:00' }]);
  });

  it.each([
    ['no weekday at all', ' ; '],
    ['an unknown weekday', 'xyz 09:00-10:00'],
    ['text before the weekday', 'xmon 09:00-10:00'],
    ['text after the hours', 'mon 09:00-10:00x'],
    ['a range of weekdays backwards', 'mon 09:00-10:00; fri-mon 09:00-17:00'],
    ['a start that is no time', 'mon 09:60-10:00'],
    ['an end that is no time', 'mon 09:00-24:30'],
    ['an empty range', 'mon 10:00-10:00'],
    ['a range ending before it starts', 'mon 11:00-10:00'],
  ])('refuses %s, naming the variable and the value', (_case, spec) => {
    // Act + Assess
    expect(() => config.parseWorkingHours(spec, 'UTC')).toThrow(`${FORM}, got "${spec}"`);
  });
});

describe('Function: readBookingDefaults', () => {
  it('reads each variable by its name, trimmed, up to its limit', () => {
    // Act
    const defaults = config.readBookingDefaults({
      DEFAULT_TIME_ZONE: ' Europe/London ',
      SLOT_INTERVAL_MINUTES: '15',
      BUFFER_MINUTES: '240',
      MIN_NOTICE_MINUTES: '43200',
      HORIZON_DAYS: '365',
      TENTATIVE_BLOCKS: 'false',
    });

    // Assess
    expect(defaults).toMatchObject({
      timeZone: 'Europe/London',
      intervalMinutes: 15,
      bufferMinutes: 240,
      minNoticeMinutes: 43_200,
      horizonDays: 365,
      tentativeBlocks: false,
    });
  });

  it('takes blank working hours as unset: Monday to Friday, 9 to 5', () => {
    // Act
    const defaults = config.readBookingDefaults({ DEFAULT_WORKING_HOURS: '   ' });

    // Assess
    expect(Object.keys(defaults.working.week)).toEqual(['monday', 'tuesday', 'wednesday', 'thursday', 'friday']);
    expect(defaults.working.week.monday).toEqual([{ start: '09:00', end: '17:00' }]);
  });

  it('refuses more than 30 days of notice', () => {
    // Act + Assess
    expect(() => config.readBookingDefaults({ MIN_NOTICE_MINUTES: '43201' })).toThrow(
      'MIN_NOTICE_MINUTES must be an integer from 0 to 43200, got "43201"',
    );
  });
});
