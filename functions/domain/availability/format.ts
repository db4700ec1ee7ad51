/**
 * How slots are written for the voice agent: ISO 8601 with the owner's offset, and en-US speech. Written from the
 * zone's offset (time/zone-offsets.ts) and fixed English names rather than a date library: the words are always
 * en-US, and the webhook's bundle sheds ~70 KB (test/domain/availability/format-oracle.test.ts holds the output to
 * luxon's, the library this replaced).
 */
import { DAY, MINUTE, offsetMinutes, wallText, weekdayOf } from '../time';
import type { Slot, SlotOption } from '../types';

/** weekdayOf's order: 0 = Monday. */
const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** The owner's wall reading of `ms` (as a UTC Date) and the offset it was read at, in minutes east of UTC. */
function local(ms: number, zone: string): { wall: Date; offset: number } {
  const offset = offsetMinutes(ms, zone);
  return { wall: new Date(ms + offset * MINUTE), offset };
}

const two = (n: number) => String(n).padStart(2, '0');

/** "+05:45", "-03:00", "+00:00": whole minutes, as ISO 8601 writes an offset (seconds of an old LMT offset dropped). */
function offsetText(minutes: number): string {
  const abs = Math.trunc(Math.abs(minutes));
  return `${minutes < 0 ? '-' : '+'}${two(Math.floor(abs / 60))}:${two(abs % 60)}`;
}

/** "Tuesday, November 24". */
function dayWords(wall: Date): string {
  const weekday = WEEKDAY_NAMES[weekdayOf(Math.floor(wall.getTime() / DAY))];
  return `${weekday}, ${MONTH_NAMES[wall.getUTCMonth()]} ${wall.getUTCDate()}`;
}

/** "2:00 PM": the 12-hour clock, midnight and noon as 12. */
function clockWords(wall: Date): string {
  const hour = wall.getUTCHours();
  return `${hour % 12 || 12}:${two(wall.getUTCMinutes())} ${hour < 12 ? 'AM' : 'PM'}`;
}

/** ISO 8601 to the second with the owner's numeric offset, e.g. "2026-11-24T14:00:00-05:00" (UTC is "+00:00"). */
export function isoWithOffset(ms: number, zone: string): string {
  const { wall, offset } = local(ms, zone);
  return `${wallText(wall.getTime())}${offsetText(offset)}`;
}

/** "Tuesday, November 24 at 2:00 PM" in the owner's zone. */
export function spokenTime(ms: number, zone: string): string {
  const { wall } = local(ms, zone);
  return `${dayWords(wall)} at ${clockWords(wall)}`;
}

/** "Tuesday, November 24" for the local day containing `ms`. */
export function spokenDate(ms: number, zone: string): string {
  return dayWords(local(ms, zone).wall);
}

/** "2:00 PM" in the owner's zone. */
export function spokenClock(ms: number, zone: string): string {
  return clockWords(local(ms, zone).wall);
}

/** The local date "YYYY-MM-DD" of `ms`. */
export function localDateText(ms: number, zone: string): string {
  return wallText(local(ms, zone).wall.getTime()).slice(0, 10);
}

/** A slot as the voice agent receives it. */
export function toSlotOption(slot: Slot, zone: string): SlotOption {
  return {
    start: isoWithOffset(slot.start, zone),
    end: isoWithOffset(slot.end, zone),
    spoken: spokenTime(slot.start, zone),
  };
}

/** "A", "A or B", "A, B, or C". */
export function joinOr(items: readonly string[]): string {
  if (items.length <= 2) return items.join(' or ');
  return `${items.slice(0, -1).join(', ')}, or ${items[items.length - 1]}`;
}

/** A count with its noun in the right number: "1 viewing", "3 viewings". */
export function spokenCount(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** A spoken amount of time: "45 minutes", "2 hours", "1 day". */
export function spokenMinutes(minutes: number): string {
  const [amount, unit] =
    minutes % 1440 === 0 ? [minutes / 1440, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
  return spokenCount(amount, unit);
}
