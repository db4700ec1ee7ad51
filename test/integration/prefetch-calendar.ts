/**
 * A mailbox no fixture of this repo holds: generated from the run's fast-check seed (FC_SEED), in Central European
 * time, open 07:30–18:00 Monday to Saturday, with busy, tentative, free, out-of-office, elsewhere, all-day and
 * cancelled events over the next fortnight, overlapping each other as they come.
 *
 * The events are placed relative to the day the tests run, so whether the calendar leaves an opening used to depend
 * on the date (one in eight events all-day could fill all 14 days: CI failed so on 2026-12-02). Two rules keep it
 * honest on any day: an event is all-day one time in eight, and one hour is always left open, 10:00–11:00 on the
 * first Monday-to-Saturday at least two days ahead, so a booking test always has a slot to take.
 */
import fc from 'fast-check';
import { DateTime } from 'luxon';
import type { EventResource, GoogleSandboxFile } from '../../local/sandbox/google';
import type { GraphEventInput, SandboxCalendarFile } from '../../local/sandbox/microsoft';
import { fastCheckSeed } from '../support/fast-check-seed';

const ZONE = 'Europe/Berlin';
const WINDOWS_ZONE = 'W. Europe Standard Time';
const SHOW_AS = ['busy', 'busy', 'busy', 'tentative', 'free', 'oof', 'workingElsewhere'] as const;

const eventArb = fc.record({
  day: fc.integer({ min: -1, max: 15 }),
  minute: fc.integer({ min: 6 * 60, max: 19 * 60 }),
  length: fc.constantFrom(10, 15, 30, 45, 60, 75, 120, 240),
  showAs: fc.constantFrom(...SHOW_AS),
  // fc.option's freq is the odds of null (1 in 8), so it made seven events in eight all-day: weigh it the other way.
  allDay: fc.oneof(
    { weight: 7, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 2 }) },
  ),
  isCancelled: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

/** The hour always left open: 10:00–11:00 on the first Monday-to-Saturday at least two days after `today`. */
function keptOpen(today: DateTime): { start: DateTime; end: DateTime } {
  let day = today.plus({ days: 2 });
  while (day.weekday === 7) day = day.plus({ days: 1 });
  const start = day.set({ hour: 10 });
  return { start, end: start.plus({ hours: 1 }) };
}

/** Whether [start, end) leaves the kept-open hour alone. */
const leavesOpen = (open: { start: DateTime; end: DateTime }, start: DateTime, end: DateTime) =>
  end <= open.start || start >= open.end;

type Spec = typeof eventArb extends fc.Arbitrary<infer T> ? T : never;

/** The specs placed on the calendar from `today`, with index and times, less any that would fill the kept-open hour. */
function placed(specs: Spec[], today: DateTime) {
  const open = keptOpen(today);
  return specs
    .map((e, i) => {
      const day = today.plus({ days: e.day });
      const start = e.allDay ? day : day.plus({ minutes: e.minute });
      const end = e.allDay ? day.plus({ days: e.allDay }) : start.plus({ minutes: e.length });
      return { e, i, day, start, end };
    })
    .filter(({ start, end }) => leavesOpen(open, start, end));
}

/** The generated mailbox, relative to `now`; the same for a given FC_SEED and day. */
export function unseenCalendar(now = Date.now()): SandboxCalendarFile {
  const today = DateTime.fromMillis(now, { zone: ZONE }).startOf('day');
  const local = (t: DateTime) => ({ dateTime: t.toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: WINDOWS_ZONE });
  const [specs] = fc.sample(fc.array(eventArb, { minLength: 40, maxLength: 120 }), {
    numRuns: 1,
    seed: fastCheckSeed(),
  });
  const events: GraphEventInput[] = placed(specs!, today).map(({ e, i, start, end }) => {
    return {
      subject: `Generated #${i}`,
      start: local(start),
      end: local(end),
      showAs: e.showAs,
      isAllDay: e.allDay !== null,
      isCancelled: e.isCancelled,
    };
  });
  return {
    user: { displayName: 'Unseen Manager', mail: 'unseen@fabrikam.example' },
    mailboxSettings: {
      timeZone: WINDOWS_ZONE,
      workingHours: {
        daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'],
        startTime: '07:30:00.0000000',
        endTime: '18:00:00.0000000',
        timeZone: { name: WINDOWS_ZONE },
      },
    },
    events,
  } as SandboxCalendarFile;
}

/** A Google account no fixture holds: its primary calendar in Sydney time (southern DST), events generated as above. */
export function unseenGoogleCalendar(now = Date.now()): GoogleSandboxFile {
  const zone = 'Australia/Sydney';
  const today = DateTime.fromMillis(now, { zone }).startOf('day');
  const [specs] = fc.sample(fc.array(eventArb, { minLength: 40, maxLength: 120 }), {
    numRuns: 1,
    seed: fastCheckSeed() + 1,
  });
  const events: EventResource[] = placed(specs!, today).map(({ e, i, start, end }) => {
    const times = e.allDay
      ? { start: { date: start.toISODate()! }, end: { date: end.toISODate()! } }
      : { start: { dateTime: start.toISO()!, timeZone: zone }, end: { dateTime: end.toISO()!, timeZone: zone } };
    return {
      summary: `Generated #${i}`,
      ...times,
      ...(e.showAs === 'free' ? { transparency: 'transparent' } : {}),
      ...(e.showAs === 'oof' && !e.allDay ? { eventType: 'outOfOffice' } : {}),
      ...(e.isCancelled ? { status: 'cancelled' } : {}),
    } as EventResource;
  });
  return {
    user: { name: 'Unseen Owner', email: 'unseen@harbour-lets.example' },
    calendars: [{ id: 'primary', summary: 'Unseen Owner', timeZone: zone, events }],
  } as GoogleSandboxFile;
}
