/** The calendar file's "calendars": the format, its rules and precedence, and the dump that loads again. */
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createMicrosoftEmulator,
  demoCalendar,
  loadSandboxCalendar,
  parseSandboxCalendar,
  type SandboxCalendarFile,
} from '../../local/sandbox/microsoft';
import { graph, signIn, startEmulator, type Running } from './helpers';

const FIXTURE = fileURLToPath(new URL('../events/sandbox/several-calendars.json', import.meta.url));
const USER = { displayName: 'Pat Manager', mail: 'pat@contoso.example' };
const EVENT = {
  subject: 'x',
  start: { dateTime: '2026-03-04T10:00:00', timeZone: 'UTC' },
  end: { dateTime: '2026-03-04T11:00:00', timeZone: 'UTC' },
};
const file = (extra: Record<string, unknown>) => ({ user: USER, mailboxSettings: {}, ...extra });

describe('parseSandboxCalendar: calendars', () => {
  it('loads a mailbox with several calendars beside the top-level (default) events', () => {
    // Act
    const calendar = loadSandboxCalendar(FIXTURE);

    // Assess
    expect(calendar.events.map((e) => e.id)).toEqual(['default-showing']);
    expect(calendar.calendars?.map((c) => c.name)).toEqual(['Showings', 'Maintenance crew', 'Team leave']);
    expect(calendar.calendars?.[1]).toMatchObject({ canEdit: false, shared: { address: 'sam.super@contoso.example' } });
  });

  it('takes a file of calendars only (the isDefault one holds the default events), "events" then []', () => {
    // Act
    const calendar = parseSandboxCalendar(file({ calendars: [{ name: 'Work', isDefault: true, events: [EVENT] }] }));

    // Assess
    expect(calendar.events).toEqual([]);
    expect(calendar.calendars?.[0]?.events).toHaveLength(1);
  });

  it.each([
    [{}, /events: required \(may be \[\]\) when there are no "calendars"/],
    [
      {
        calendars: [
          { name: 'A', isDefault: true, events: [] },
          { name: 'B', isDefault: true, events: [] },
        ],
      },
      /calendars\[1\]\.isDefault: only one calendar can be the default \(calendars\[0\] is\)/,
    ],
    [
      {
        events: [],
        calendars: [
          { name: 'Work', events: [] },
          { name: 'work', events: [] },
        ],
      },
      /calendars\[1\]\.name: duplicate calendar name \(calendars\[0\] has it\)/,
    ],
    [
      { events: [], calendars: [{ name: 'calendar', events: [] }] },
      /calendars\[0\]\.name: "Calendar" is the default calendar's name when none isDefault/,
    ],
    [
      { calendars: [{ name: 'A', isDefault: true, canEdit: false, shared: true, events: [] }] },
      /calendars\[0\]\.canEdit: the default calendar is always editable[\s\S]*calendars\[0\]\.shared/,
    ],
    [
      { events: [EVENT], calendars: [{ name: 'A', isDefault: true, events: [] }] },
      /events: the default calendar's events are in calendars\[0\]\.events/,
    ],
    [
      { events: [{ ...EVENT, id: 'e1' }], calendars: [{ name: 'B', events: [{ ...EVENT, id: 'e1' }] }] },
      /calendars\[0\]\.events\[0\]\.id: duplicate id "e1"/,
    ],
    [
      { events: [], calendars: [{ name: 'B', shared: { address: 'PAT@contoso.example' }, events: [] }] },
      /calendars\[0\]\.shared\.address: is the mailbox's own address/,
    ],
    [{ events: [], calendars: [{ name: 'B', isdefault: true, events: [] }] }, /calendars\[0\]: .*\(isdefault\)/],
  ])('names the broken rule in %j', (extra, message) => {
    // Act
    const parsing = () => parseSandboxCalendar(file(extra), 'inline');

    // Assess
    expect(parsing).toThrow(message);
  });

  it('allows one transactionId in two calendars (dedup is per calendar), not twice in one', () => {
    // Prepare
    const twice = { ...EVENT, transactionId: 't1' };

    // Act
    const apart = () => parseSandboxCalendar(file({ events: [twice], calendars: [{ name: 'B', events: [twice] }] }));
    const together = () => parseSandboxCalendar(file({ events: [twice, twice] }));

    // Assess
    expect(apart).not.toThrow();
    expect(together).toThrow(/events\[1\]\.transactionId: duplicate transactionId "t1"/);
  });

  it('gives the demo mailbox its own Showings calendar and a read-only one shared by a colleague', () => {
    // Act
    const demo = parseSandboxCalendar(demoCalendar(Date.parse('2026-03-04T18:00:00Z')), 'demo');

    // Assess
    expect(demo.calendars?.map((c) => [c.name, c.canEdit ?? true, !!c.shared])).toEqual([
      ['Showings', true, false],
      ['Maintenance crew', false, true],
    ]);
  });
});

describe('MicrosoftEmulator: dump', () => {
  let run: Running | undefined;
  afterEach(async () => run?.close());

  it('keeps its shape: top-level events are the default calendar, "calendars" holds all as written', async () => {
    // Prepare
    run = await startEmulator({ calendar: loadSandboxCalendar(FIXTURE) });
    const token = String((await signIn(run)).access_token);
    const calendars = (await (await graph(run, token, '/me/calendars')).json()) as { value: { id: string }[] };
    const booking = { ...EVENT, transactionId: 'booking-1' };

    // Act
    await graph(run, token, '/me/events', { method: 'POST', body: booking });
    await graph(run, token, `/me/calendars/${calendars.value[1]!.id}/events`, { method: 'POST', body: booking });
    const dump = (await (await fetch(`${run.baseUrl}/calendar`)).json()) as SandboxCalendarFile;

    // Assess
    expect(dump.user).toEqual(USER);
    expect(dump.events.map((e) => e.id ?? e.subject)).toEqual(['default-showing', expect.stringMatching(/^AAMk/)]);
    expect(dump.calendars?.map((c) => [c.name, c.isDefault, c.events.length])).toEqual([
      ['Calendar', true, 2],
      ['Showings', false, 2],
      ['Maintenance crew', false, 1],
      ['Team leave', false, 0],
    ]);
    expect(dump.calendars?.[0]?.events).toEqual(dump.events);
    expect(dump.calendars?.[2]).toMatchObject({ canEdit: false, shared: { name: 'Sam Super' } });
    expect(dump.calendars?.[3]).toMatchObject({ shared: true });
  });

  it('loads again as a calendar file and serves the same mailbox: same calendars, ids and events', async () => {
    // Prepare
    const first = createMicrosoftEmulator({ calendar: loadSandboxCalendar(FIXTURE) });
    first.addEvent({ ...EVENT, subject: 'Added' }, 'Showings');
    const dump = first.dump();

    // Act
    const again = createMicrosoftEmulator({ calendar: parseSandboxCalendar(JSON.parse(JSON.stringify(dump)), 'dump') });

    // Assess
    expect(again.dump()).toEqual(dump);
  });
});
