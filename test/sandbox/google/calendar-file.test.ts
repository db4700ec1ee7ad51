import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  demoGoogleCalendar,
  GoogleSandboxError,
  loadGoogleSandboxFile,
  parseGoogleSandboxFile,
} from '../../../local/sandbox/google';
import { FIXTURES } from './helpers';

const user = { name: 'Pat Manager', email: 'pat@example.com' };
const event = (extra: Record<string, unknown> = {}) => ({
  start: { dateTime: '2026-03-16T09:00:00', timeZone: 'America/Chicago' },
  end: { dateTime: '2026-03-16T10:00:00', timeZone: 'America/Chicago' },
  ...extra,
});
const messageOf = (value: unknown) => {
  try {
    parseGoogleSandboxFile(value, 'test.json');
  } catch (err) {
    return (err as Error).message;
  }
  throw new Error('expected the file to be refused');
};

describe('Google sandbox file', () => {
  it('loads a fixture and fills the defaults', () => {
    // Act
    const file = loadGoogleSandboxFile(join(FIXTURES, 'list-calendar.json'));

    // Assess
    expect(file.user.email).toBe('pat@example.com');
    expect(file.calendars.map((c) => c.id)).toEqual([
      'primary',
      'team7abc@group.calendar.google.com',
      'en.usa#holiday@group.v.calendar.google.com',
    ]);
  });

  it('names the file and each bad field', () => {
    // Act
    let message = '';
    try {
      loadGoogleSandboxFile(join(FIXTURES, 'invalid-calendar.json'));
    } catch (err) {
      expect(err).toBeInstanceOf(GoogleSandboxError);
      message = (err as Error).message;
    }

    // Assess
    expect(message).toContain('invalid-calendar.json');
    expect(message).toContain('calendars[1].timeZone: unknown IANA time zone');
    expect(message).toContain('calendars[1]: Unrecognized key: "timezone"');
    expect(message).toContain('calendars[0].events[0].start.timeZone: Missing time zone definition for start time.');
    expect(message).toContain('calendars[0].events[1].id: Invalid resource id value.');
  });

  it('says where the JSON breaks, and when the file cannot be read', () => {
    // Act
    const broken = () => loadGoogleSandboxFile(join(FIXTURES, 'not-json.json'));
    const missing = () => loadGoogleSandboxFile(join(FIXTURES, 'nope.json'));

    // Assess
    expect(broken).toThrow(/not valid JSON at line 4, column 23/);
    expect(missing).toThrow(/Cannot read Google sandbox file .*nope\.json/);
  });

  it.each([
    [
      'two primary calendars',
      {
        calendars: [
          { id: 'a', timeZone: 'UTC', primary: true },
          { id: 'b', timeZone: 'UTC', primary: true },
        ],
      },
      'calendars[1].primary: only one calendar can be primary',
    ],
    [
      'a duplicate calendar id',
      {
        calendars: [
          { id: 'a', timeZone: 'UTC' },
          { id: 'A', timeZone: 'UTC' },
        ],
      },
      'calendars[1].id: duplicate calendar id',
    ],
    [
      'a second alias of the primary',
      {
        calendars: [
          { id: 'primary', timeZone: 'UTC' },
          { id: 'pat@example.com', timeZone: 'UTC' },
        ],
      },
      'calendars[1].id: "pat@example.com" names the primary calendar',
    ],
    [
      'a primary the account does not own',
      { calendars: [{ id: 'primary', timeZone: 'UTC', accessRole: 'reader' }] },
      'calendars[0].accessRole',
    ],
    [
      'a duplicate event id',
      { calendars: [{ id: 'primary', timeZone: 'UTC', events: [event({ id: 'abcde' }), event({ id: 'abcde' })] }] },
      'calendars[0].events[1].id: duplicate event id "abcde"',
    ],
    [
      'an end before the start',
      {
        calendars: [
          { id: 'primary', timeZone: 'UTC', events: [event({ end: { dateTime: '2026-03-16T08:00:00-05:00' } })] },
        ],
      },
      'calendars[0].events[0].end: The specified time range is empty.',
    ],
    [
      'a bad attendee',
      { calendars: [{ id: 'primary', timeZone: 'UTC', events: [event({ attendees: [{ email: 'nobody' }] })] }] },
      'calendars[0].events[0].attendees[0].email: Invalid attendee email.',
    ],
    [
      'a bad rule',
      {
        calendars: [
          { id: 'primary', timeZone: 'UTC', events: [event({ recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=XX'] })] },
        ],
      },
      'calendars[0].events[0].recurrence: Invalid recurrence rule.',
    ],
    [
      'an orphan exception',
      {
        calendars: [
          {
            id: 'primary',
            timeZone: 'UTC',
            events: [
              event({ id: 'abcde_20260316', recurringEventId: 'abcde', originalStartTime: { date: '2026-03-16' } }),
            ],
          },
        ],
      },
      'calendars[0].events[0].recurringEventId: names no recurring event',
    ],
    [
      'an unknown conference type',
      { calendars: [{ id: 'primary', timeZone: 'UTC', allowedConferenceSolutionTypes: ['zoom'] }] },
      'calendars[0].allowedConferenceSolutionTypes[0]',
    ],
    ['no calendars', { calendars: [] }, 'calendars: at least one calendar'],
  ])('refuses %s', (_name, rest, expected) => {
    // Act
    const message = messageOf({ user, ...rest });

    // Assess
    expect(message).toContain('Invalid Google sandbox file test.json');
    expect(message).toContain(expected);
  });

  it('accepts a series without start.timeZone in a file (read in the calendar’s zone)', () => {
    // Act
    const file = parseGoogleSandboxFile({
      user,
      calendars: [
        {
          id: 'primary',
          timeZone: 'UTC',
          events: [
            event({
              start: { dateTime: '2026-03-16T09:00:00Z' },
              end: { dateTime: '2026-03-16T10:00:00Z' },
              recurrence: ['RRULE:FREQ=DAILY'],
            }),
          ],
        },
      ],
    });

    // Assess
    expect(file.calendars[0]!.events).toHaveLength(1);
  });

  it('builds a valid demo relative to now', () => {
    // Act
    const demo = parseGoogleSandboxFile(demoGoogleCalendar(Date.parse('2026-03-04T18:00:00Z')));

    // Assess
    expect(demo.calendars.map((c) => c.summary)).toEqual([
      'demo.manager@example.com',
      'Showings',
      'Holidays in United States',
    ]);
    const primary = demo.calendars[0]!.events;
    expect(primary.some((e) => e.transparency === 'transparent')).toBe(true);
    expect(primary.some((e) => e.start.date !== undefined)).toBe(true);
    expect(primary.some((e) => e.recurrence)).toBe(true);
    expect(primary.some((e) => e.attendees?.some((a) => a.responseStatus === 'declined'))).toBe(true);
  });
});
