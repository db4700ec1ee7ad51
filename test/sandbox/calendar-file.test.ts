import { fileURLToPath } from 'node:url';
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import {
  demoCalendar,
  loadSandboxCalendar,
  parseSandboxCalendar,
  SandboxCalendarError,
} from '../../local/sandbox/microsoft';

const fixture = (name: string) => fileURLToPath(new URL(`../events/sandbox/${name}`, import.meta.url));

describe('loadSandboxCalendar', () => {
  it('loads a valid file', () => {
    // Act
    const calendar = loadSandboxCalendar(fixture('march-2026.json'));

    // Assess
    expect(calendar.user.mail).toBe('pat@contoso.example');
    expect(calendar.events).toHaveLength(9);
  });

  it('loads real Graph events (etag, changeKey, organizer, 7-digit fractions), keeping what shapes free/busy', () => {
    // Act
    const calendar = loadSandboxCalendar(fixture('graph-dump-calendar.json'));

    // Assess
    expect(calendar.events).toHaveLength(1);
    expect(calendar.events[0]).toMatchObject({
      id: 'AAMkAGI1AAAt9AHjAAA=',
      subject: 'Closing',
      showAs: 'busy',
      start: { dateTime: '2026-11-24T10:00:00.0000000', timeZone: 'Central Standard Time' },
      location: { displayName: 'Title office' },
    });
    expect(calendar.events[0]).not.toHaveProperty('changeKey');
  });

  it('names the file and every bad field', () => {
    // Prepare
    const path = fixture('invalid-calendar.json');

    // Act
    const attempt = () => loadSandboxCalendar(path);

    // Assess
    expect(attempt).toThrow(SandboxCalendarError);
    expect(attempt).toThrow(path);
    expect(attempt).toThrow(/events\[1\]\.start\.timeZone: unknown time zone/);
    expect(attempt).toThrow(/events\[1\]\.showAs/);
  });

  it('reports a file that is not JSON', () => {
    // Act
    const attempt = () => loadSandboxCalendar(fixture('not-json.json'));

    // Assess
    expect(attempt).toThrow(/not-json\.json is not valid JSON/);
  });

  it('reports a missing file', () => {
    // Act
    const attempt = () => loadSandboxCalendar(fixture('does-not-exist.json'));

    // Assess
    expect(attempt).toThrow(/Cannot read sandbox calendar file .*does-not-exist\.json/);
  });

  it('ignores properties it does not use, but rejects bad recurrences and backwards times', () => {
    // Prepare
    const base = loadSandboxCalendar(fixture('march-2026.json'));
    const event = {
      subject: 'x',
      start: { dateTime: '2026-03-04T10:00:00', timeZone: 'UTC' },
      end: { dateTime: '2026-03-04T09:00:00', timeZone: 'UTC' },
    };
    const weekly = {
      ...event,
      end: { dateTime: '2026-03-04T11:00:00', timeZone: 'UTC' },
      recurrence: { pattern: { type: 'weekly', interval: 1 }, range: { type: 'noEnd', startDate: '2026-03-04' } },
    };

    // Act
    const attempt = () => parseSandboxCalendar({ ...base, events: [{ ...event, colour: 'red' }, weekly] }, 'inline');

    // Assess
    expect(attempt).not.toThrow(/colour/);
    expect(attempt).toThrow(/events\[0\]\.end: end must not be before start/);
    expect(attempt).toThrow(/events\[1\]\.recurrence\.pattern\.daysOfWeek: required for weekly/);
  });

  it('rejects two events with the same id', () => {
    // Prepare
    const base = loadSandboxCalendar(fixture('march-2026.json'));
    const [first] = base.events;

    // Act
    const attempt = () => parseSandboxCalendar({ ...base, events: [first, { ...first, subject: 'copy' }] }, 'inline');

    // Assess
    expect(attempt).toThrow(/events\[1\]\.id: duplicate id "series-standup"/);
  });
});

describe('demoCalendar', () => {
  const now = Date.parse('2026-03-04T18:00:00Z'); // a Wednesday

  it('passes its own schema', () => {
    // Act
    const attempt = () => parseSandboxCalendar(demoCalendar(now), 'demo');

    // Assess
    expect(attempt).not.toThrow();
  });

  it('describes Demo Manager in Pacific time, Monday to Friday 09:00–17:00', () => {
    // Act
    const demo = demoCalendar(now);

    // Assess
    expect(demo.user).toEqual({ displayName: 'Demo Manager', mail: 'demo.manager@contoso.example' });
    expect(demo.mailboxSettings.timeZone).toBe('Pacific Standard Time');
    expect(demo.mailboxSettings.workingHours).toMatchObject({
      daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
      startTime: '09:00:00.0000000',
      endTime: '17:00:00.0000000',
    });
  });

  it('lays out busy, tentative, oof, free, all-day and weekly events within the next two weeks', () => {
    // Act
    const events = demoCalendar(now).events;

    // Assess
    const kinds = new Set(events.map((e) => e.showAs));
    for (const kind of ['busy', 'tentative', 'oof', 'free']) expect(kinds).toContain(kind);
    expect(events.some((e) => e.isAllDay)).toBe(true);
    expect(events.find((e) => e.recurrence)?.recurrence?.pattern.type).toBe('weekly');
    const horizon = DateTime.fromMillis(now).plus({ days: 15 }).toISODate() ?? '';
    for (const e of events.filter((x) => !x.recurrence)) {
      expect(e.start.dateTime.slice(0, 10) > '2026-03-04').toBe(true);
      expect(e.start.dateTime.slice(0, 10) < horizon).toBe(true);
    }
  });
});
