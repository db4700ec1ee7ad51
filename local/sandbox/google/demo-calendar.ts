/** A plausible property manager's Google account for the sandbox, laid out relative to "now" so it never goes stale. */
import { dateText, localDayOf, weekdayOf } from '../../../functions/domain/time';
import type { EventResource } from './calendar/event-types';
import type { GoogleSandboxFile } from './file-schema';

const ZONE = 'America/Chicago';
const EMAIL = 'demo.manager@example.com';

/** The n-th weekday after `today` (n >= 1), skipping Saturday and Sunday. */
function workday(today: number, n: number): number {
  let day = today;
  for (let left = n; left > 0; ) {
    day += 1;
    if (weekdayOf(day) < 5) left -= 1;
  }
  return day;
}

const at = (day: number, time: string) => ({ dateTime: `${dateText(day)}T${time}:00`, timeZone: ZONE });

function timed(
  summary: string,
  day: number,
  from: string,
  to: string,
  extra: Partial<EventResource> = {},
): EventResource {
  return { summary, start: at(day, from), end: at(day, to), ...extra };
}

/**
 * The demo account: "Demo Manager", Central time. The primary calendar holds a showing with a prospective tenant, a
 * transparent lunch, a lease signing, an all-day inspection, a weekly maintenance review (every Tuesday since this
 * week's), a declined HOA invitation and an out-of-office morning; a "Showings" calendar of their own holds a Saturday
 * open house, and a read-only holidays calendar is subscribed.
 */
export function demoGoogleCalendar(now: number): GoogleSandboxFile {
  const today = localDayOf(now, ZONE);
  const tuesday = today - ((weekdayOf(today) - 1 + 7) % 7);
  const inspection = workday(today, 3);
  const saturday = today + ((5 - weekdayOf(today) + 7) % 7 || 7);
  const primary: EventResource[] = [
    timed('Showing – 12 Elm St, Unit 4B', workday(today, 1), '10:00', '11:00', {
      location: '12 Elm St, Unit 4B',
      description: 'Prospective tenant viewing.',
      attendees: [{ email: 'jordan.lee@example.net', displayName: 'Jordan Lee', responseStatus: 'accepted' }],
    }),
    timed('Lunch', workday(today, 1), '12:00', '13:00', { transparency: 'transparent' }),
    timed('Lease signing – 88 Harbor Ave #3', workday(today, 2), '13:00', '15:00', { location: '88 Harbor Ave #3' }),
    {
      summary: 'Annual fire inspection – Maple Court',
      start: { date: dateText(inspection) },
      end: { date: dateText(inspection + 1) },
      location: 'Maple Court',
    },
    timed('Weekly maintenance review', tuesday, '09:00', '09:30', { recurrence: ['RRULE:FREQ=WEEKLY;BYDAY=TU'] }),
    timed('HOA board meeting', workday(today, 2), '16:00', '17:00', {
      organizer: { email: 'board@maplecourt-hoa.example', displayName: 'Maple Court HOA' },
      attendees: [
        { email: 'board@maplecourt-hoa.example', responseStatus: 'accepted' },
        { email: EMAIL, responseStatus: 'declined' },
      ],
    }),
    timed('Out of office – dentist', workday(today, 4), '09:00', '12:00', { eventType: 'outOfOffice' }),
  ];
  const holiday = workday(today, 8);
  return {
    user: { name: 'Demo Manager', email: EMAIL },
    calendars: [
      { id: 'primary', summary: EMAIL, timeZone: ZONE, events: primary },
      {
        id: 'c_showings7q3v@group.calendar.google.com',
        summary: 'Showings',
        timeZone: ZONE,
        events: [timed('Open house – 45 Oak Ave', saturday, '11:00', '14:00', { location: '45 Oak Ave' })],
      },
      {
        id: 'en.usa#holiday@group.v.calendar.google.com',
        summary: 'Holidays in United States',
        timeZone: ZONE,
        accessRole: 'reader',
        allowedConferenceSolutionTypes: [],
        events: [
          {
            summary: 'Sandbox Appreciation Day',
            start: { date: dateText(holiday) },
            end: { date: dateText(holiday + 1) },
            transparency: 'transparent',
          },
        ],
      },
    ],
  };
}
