/** A plausible property manager's calendar for the sandbox, laid out relative to "now" so it never goes stale. */
import { dateText, localDayOf, weekdayOf } from '../../../functions/domain/time';
import type { GraphEventInput } from './calendar-schema';
import type { SandboxCalendarFile } from './file-schema';

const ZONE = 'America/Los_Angeles';
const WINDOWS_ZONE = 'Pacific Standard Time';

/** A local date as a day number (days since 1970-01-01). */
type Day = number;

/** The n-th weekday after `today` (n >= 1), skipping Saturday and Sunday. */
function workday(today: Day, n: number): Day {
  let day = today;
  for (let left = n; left > 0; ) {
    day += 1;
    if (weekdayOf(day) < 5) left -= 1;
  }
  return day;
}

function local(day: Day, time: string): { dateTime: string; timeZone: string } {
  return { dateTime: `${dateText(day)}T${time}:00`, timeZone: WINDOWS_ZONE };
}

function timed(
  subject: string,
  day: Day,
  from: string,
  to: string,
  showAs: GraphEventInput['showAs'],
  extra: Partial<GraphEventInput> = {},
): GraphEventInput {
  return {
    subject,
    start: local(day, from),
    end: local(day, to),
    showAs,
    isAllDay: false,
    isCancelled: false,
    ...extra,
  };
}

/**
 * The demo mailbox: "Demo Manager", Pacific time, Mon–Fri 09:00–17:00, a fortnight of typical entries on the
 * default calendar, a "Showings" calendar of their own (a weekend open house: it counts as busy once connected, without
 * moving any weekday slot) and a read-only "Maintenance crew" calendar a colleague shared (always ignored: a shared
 * calendar takes no role).
 */
export function demoCalendar(now: number): SandboxCalendarFile {
  const today = localDayOf(now, ZONE);
  // The most recent Tuesday (possibly today) anchors the weekly series so this week already shows it.
  const seriesStart = today - ((weekdayOf(today) - 1 + 7) % 7);
  const allDay = workday(today, 6);
  const events: GraphEventInput[] = [
    timed('Showing – 12 Elm St, Unit 4B', workday(today, 1), '10:00', '11:00', 'busy', {
      location: { displayName: '12 Elm St, Unit 4B' },
      body: { contentType: 'text', content: 'Prospective tenant viewing.' },
    }),
    timed('Call with plumbing contractor (tentative)', workday(today, 1), '14:00', '14:30', 'tentative'),
    timed('Lease signing – 88 Harbor Ave #3', workday(today, 2), '13:00', '15:00', 'busy', {
      location: { displayName: '88 Harbor Ave #3' },
    }),
    timed('Lunch', workday(today, 3), '12:00', '13:00', 'free'),
    timed('Out of office – dentist', workday(today, 4), '09:00', '12:00', 'oof'),
    {
      subject: 'Annual fire inspection – Maple Court',
      start: local(allDay, '00:00'),
      end: local(allDay + 1, '00:00'),
      isAllDay: true,
      showAs: 'busy',
      isCancelled: false,
      location: { displayName: 'Maple Court' },
    },
    timed('HOA board meeting', workday(today, 7), '15:00', '16:00', 'busy', { isCancelled: true, isOrganizer: false }),
    timed('Weekly maintenance review', seriesStart, '09:00', '09:30', 'busy', {
      recurrence: {
        pattern: { type: 'weekly', interval: 1, daysOfWeek: ['tuesday'], firstDayOfWeek: 'sunday' },
        range: { type: 'noEnd', startDate: dateText(seriesStart), recurrenceTimeZone: WINDOWS_ZONE },
      },
    }),
  ];
  const saturday = today + ((5 - weekdayOf(today) + 7) % 7 || 7);
  const crewVisit = timed('Boiler service – Maple Court', workday(today, 3), '10:00', '12:00', 'busy');
  return {
    user: { displayName: 'Demo Manager', mail: 'demo.manager@contoso.example' },
    mailboxSettings: {
      timeZone: WINDOWS_ZONE,
      workingHours: {
        daysOfWeek: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'],
        startTime: '09:00:00.0000000',
        endTime: '17:00:00.0000000',
        timeZone: { name: WINDOWS_ZONE },
      },
    },
    events,
    calendars: [
      {
        name: 'Showings',
        events: [timed('Open house – 45 Oak Ave', saturday, '11:00', '14:00', 'busy')],
      },
      {
        name: 'Maintenance crew',
        canEdit: false,
        shared: { name: 'Sam Super', address: 'sam.super@contoso.example' },
        events: [crewVisit],
      },
    ],
  };
}
