/**
 * A mailbox no fixture of this repo holds: generated from the run's fast-check seed (FC_SEED), in Central European
 * time, open 07:30–18:00 Monday to Saturday, with busy, tentative, free, out-of-office, elsewhere, all-day and
 * cancelled events over the next fortnight, overlapping each other as they come.
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
  allDay: fc.option(fc.integer({ min: 1, max: 2 }), { freq: 8 }),
  isCancelled: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
});

/** The generated mailbox, relative to `now`; the same for a given FC_SEED and day. */
export function unseenCalendar(now = Date.now()): SandboxCalendarFile {
  const today = DateTime.fromMillis(now, { zone: ZONE }).startOf('day');
  const local = (t: DateTime) => ({ dateTime: t.toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: WINDOWS_ZONE });
  const [specs] = fc.sample(fc.array(eventArb, { minLength: 40, maxLength: 120 }), {
    numRuns: 1,
    seed: fastCheckSeed(),
  });
  const events: GraphEventInput[] = specs!.map((e, i) => {
    const day = today.plus({ days: e.day });
    const start = e.allDay ? day : day.plus({ minutes: e.minute });
    const end = e.allDay ? day.plus({ days: e.allDay }) : start.plus({ minutes: e.length });
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
  const events: EventResource[] = specs!.map((e, i) => {
    const day = today.plus({ days: e.day });
    const start = day.plus({ minutes: e.minute });
    const times = e.allDay
      ? { start: { date: day.toISODate()! }, end: { date: day.plus({ days: e.allDay }).toISODate()! } }
      : {
          start: { dateTime: start.toISO()!, timeZone: zone },
          end: { dateTime: start.plus({ minutes: e.length }).toISO()!, timeZone: zone },
        };
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
