/** How slots are written for the voice agent: ISO 8601 with the owner's offset, and en-US speech. */
import { DateTime } from 'luxon';
import type { Slot, SlotOption } from '../types';

const LOCALE = 'en-US';

function local(ms: number, zone: string): DateTime {
  return DateTime.fromMillis(ms, { zone, locale: LOCALE });
}

/** ISO 8601 to the second with the owner's numeric offset, e.g. "2026-11-24T14:00:00-05:00" (UTC is "+00:00"). */
export function isoWithOffset(ms: number, zone: string): string {
  return local(ms, zone).toFormat("yyyy-MM-dd'T'HH:mm:ssZZ");
}

/** "Tuesday, November 24 at 2:00 PM" in the owner's zone. */
export function spokenTime(ms: number, zone: string): string {
  return local(ms, zone).toFormat("EEEE, MMMM d 'at' h:mm a");
}

/** "Tuesday, November 24" for the local day containing `ms`. */
export function spokenDate(ms: number, zone: string): string {
  return local(ms, zone).toFormat('EEEE, MMMM d');
}

/** "2:00 PM" in the owner's zone. */
export function spokenClock(ms: number, zone: string): string {
  return local(ms, zone).toFormat('h:mm a');
}

/** The local date "YYYY-MM-DD" of `ms`. */
export function localDateText(ms: number, zone: string): string {
  return local(ms, zone).toFormat('yyyy-MM-dd');
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

/** A spoken amount of time: "45 minutes", "2 hours", "1 day". */
export function spokenMinutes(minutes: number): string {
  const [amount, unit] =
    minutes % 1440 === 0 ? [minutes / 1440, 'day'] : minutes % 60 === 0 ? [minutes / 60, 'hour'] : [minutes, 'minute'];
  return `${amount} ${unit}${amount === 1 ? '' : 's'}`;
}
