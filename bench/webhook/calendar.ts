/** The bench mailbox: the integration fixture (Eastern, open 08:00–20:00 every day) plus generated events. */
import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import type { GraphEventInput, SandboxCalendarFile } from '../../local/sandbox/microsoft';
import { seededRandom } from '../random';

/** The mailbox owner's zone (IANA), as the fixture sets it. */
export const ZONE = 'America/New_York';
const WINDOWS_ZONE = 'Eastern Standard Time';
const EVENTS = 200;
/** Days from today that the generated events cover (and the bench's availability queries sweep). */
export const EVENT_DAYS = 14;

const SUBJECTS = [
  'Showing',
  'Lease signing',
  'Inspection',
  'Contractor call',
  'Owner meeting',
  'Move-out walkthrough',
  'Team sync',
  'Lunch',
];
const DURATIONS = [15, 30, 30, 30, 45, 60, 60, 90];

/**
 * `count` events over the `days` days from today (Eastern), within 08:00–21:30: 80% busy, 10% tentative, 10% free.
 */
export function benchCalendar(now = Date.now(), count = EVENTS, days = EVENT_DAYS, seed = 7): SandboxCalendarFile {
  const fixture = JSON.parse(
    readFileSync(new URL('../../test/events/integration/calendar.json', import.meta.url), 'utf8'),
  ) as SandboxCalendarFile;
  const rnd = seededRandom(seed);
  const today = DateTime.fromMillis(now, { zone: ZONE }).startOf('day');
  const local = (t: DateTime) => ({ dateTime: t.toFormat("yyyy-MM-dd'T'HH:mm:ss"), timeZone: WINDOWS_ZONE });
  const events: GraphEventInput[] = [];
  for (let i = 0; i < count; i++) {
    const start = today
      .plus({ days: Math.floor(rnd() * days) })
      .set({ hour: 8 })
      .plus({ minutes: 15 * Math.floor(rnd() * 46) });
    const end = start.plus({ minutes: DURATIONS[Math.floor(rnd() * DURATIONS.length)]! });
    const r = rnd();
    const showAs = r < 0.8 ? 'busy' : r < 0.9 ? 'tentative' : 'free';
    events.push({
      subject: `${SUBJECTS[i % SUBJECTS.length]} #${i}`,
      start: local(start),
      end: local(end),
      showAs,
      isAllDay: false,
      isCancelled: false,
    });
  }
  return { ...fixture, events };
}
