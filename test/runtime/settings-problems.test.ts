/** A manager's settings update: the "field: reason" lines the admin API, its CLI and the manager's page show. */
import { beforeEach, describe, expect, it, vi } from 'vitest';

type ManagerSettings = typeof import('../../functions/contract/manager-settings');
let settings: ManagerSettings;

beforeEach(async () => {
  // The schemas and their messages are module-level values: load them afresh (why: test/mutation/README.md).
  vi.resetModules();
  settings = await import('../../functions/contract/manager-settings');
});

const SETTINGS =
  'timeZone, workingHours, slotMinutes, slotIntervalMinutes, bufferMinutes, minNoticeMinutes, horizonDays, ' +
  'tentativeBlocks, inviteAttendees, onlineMeetings';

describe('Function: settingsProblems', () => {
  it('accepts every setting at its limits, and null to remove one', () => {
    // Act
    const problems = settings.settingsProblems({
      timeZone: 'Europe/Kiev',
      workingHours: 'mon-fri 09:00-17:00; sat 10:00-14:00',
      slotMinutes: 480,
      slotIntervalMinutes: 5,
      bufferMinutes: 0,
      minNoticeMinutes: 43_200,
      horizonDays: 365,
      tentativeBlocks: false,
      inviteAttendees: true,
      onlineMeetings: null,
    });

    // Assess
    expect(problems).toEqual([]);
  });

  it.each([
    ['not a number', { slotMinutes: 'ten' }, 'slotMinutes: must be a whole number from 5 to 480'],
    ['a fraction', { slotMinutes: 7.5 }, 'slotMinutes: must be a whole number from 5 to 480'],
    ['under the limit', { slotMinutes: 4 }, 'slotMinutes: must be a whole number from 5 to 480'],
    ['over the limit', { bufferMinutes: 241 }, 'bufferMinutes: must be a whole number from 0 to 240'],
    [
      'over 30 days of notice',
      { minNoticeMinutes: 43_201 },
      'minNoticeMinutes: must be a whole number from 0 to 43200',
    ],
    ['an unknown zone', { timeZone: 'Mars/Olympus' }, 'timeZone: must be an IANA time zone such as Europe/London'],
    [
      'hours of another form',
      { workingHours: 'weekdays 9-5' },
      'workingHours: must look like "mon-fri 09:00-17:00; sat 10:00-14:00"',
    ],
    ['tentativeBlocks not a boolean', { tentativeBlocks: 'yes' }, 'tentativeBlocks: must be true or false'],
    ['inviteAttendees not a boolean', { inviteAttendees: 1 }, 'inviteAttendees: must be true or false'],
    ['onlineMeetings not a boolean', { onlineMeetings: 'no' }, 'onlineMeetings: must be true or false'],
  ])('explains a value that is %s', (_case, input, line) => {
    // Act + Assess
    expect(settings.settingsProblems(input)).toEqual([line]);
  });

  it('names the unknown keys and lists the settings there are', () => {
    // Act + Assess
    expect(settings.settingsProblems({ slotMinute: 30, zone: 'UTC' })).toEqual([
      `slotMinute, zone: not a setting (the settings are ${SETTINGS})`,
    ]);
  });

  it("explains a body that is no object in zod's English words", () => {
    // Act + Assess
    expect(settings.settingsProblems('slotMinutes=30')).toEqual([
      'body: Invalid input: expected object, received string',
    ]);
  });
});
