/** get_availability: free slots narrowed to what the caller asked for, as up to three speakable options. */
import type { AvailabilityRules, CalendarEntry, Interval, Slot, SlotOption } from '../types';
import { aroundWindow, nearestSlots, spreadOptions } from './choose';
import { spokenDate, toSlotOption } from './format';
import { dayStart, instantAtMinute, minuteOfDay, parseDate } from '../time';
import { closestSentence, nothingOpenSentence, offerSentence, spokenDays } from './messages';
import { bookingWindow, freeSlots } from './slots';

export type TimeOfDay = 'morning' | 'afternoon' | 'evening';

/** The get_availability arguments the engine uses (already validated by the tool schema). */
export interface AvailabilityRequest {
  /** The day wanted, "YYYY-MM-DD" in the owner's zone; anything else is answered with a spoken reason. */
  date?: string;
  time_of_day?: TimeOfDay;
  duration_minutes?: number;
}

export interface AvailabilityAnswer {
  message: string;
  slots: SlotOption[];
}

/** Local minutes [from, to) of each part of the day: morning before noon, afternoon to 17:00, evening after. */
const PARTS: Record<TimeOfDay, [number, number]> = { morning: [0, 720], afternoon: [720, 1020], evening: [1020, 1440] };

function partOf(value: string | undefined): TimeOfDay | undefined {
  return value && Object.hasOwn(PARTS, value) ? (value as TimeOfDay) : undefined;
}

/** The instants of local `day` (a day number), or of one part of it. */
function dayWindow(day: number, part: TimeOfDay | undefined, zone: string): Interval {
  const [from, to] = part ? PARTS[part] : [0, 1440];
  return { start: instantAtMinute(day, from, zone), end: instantAtMinute(day, to, zone) };
}

/** Free options for the request, and the one sentence the agent says about them. Never throws on a bad date. */
export function findAvailability(input: {
  rules: AvailabilityRules;
  entries: readonly CalendarEntry[];
  now: number;
  request: AvailabilityRequest;
}): AvailabilityAnswer {
  const { rules, entries, now, request } = input;
  const zone = rules.timeZone;
  const horizon = spokenDays(rules.horizonDays);
  const slots = freeSlots(rules, entries, now, request.duration_minutes);
  if (!slots.length) return { message: nothingOpenSentence(rules.horizonDays), slots: [] };

  const answer = (chosen: Slot[], message: string): AvailabilityAnswer => ({
    message,
    slots: chosen.map((slot) => toSlotOption(slot, zone)),
  });
  const offer = (candidates: readonly Slot[], reason?: string): AvailabilityAnswer => {
    const chosen = spreadOptions(candidates, zone);
    return answer(
      chosen,
      reason ? `${reason} ${offerSentence(chosen, zone, 'I can offer')}` : offerSentence(chosen, zone),
    );
  };

  const part = partOf(request.time_of_day);
  const dateText = request.date?.trim();
  if (!dateText) {
    if (!part) return offer(slots);
    const [from, to] = PARTS[part];
    const matching = slots.filter((slot) => {
      const minute = minuteOfDay(slot.start, zone);
      return minute >= from && minute < to;
    });
    return matching.length
      ? offer(matching)
      : offer(slots, `I don't have any ${part} openings in the next ${horizon}.`);
  }

  const day = parseDate(dateText);
  if (day === undefined) return offer(slots, "I couldn't understand that date.");
  const { today, lastDay } = bookingWindow(rules, now);
  if (day < today) return offer(slots, 'That date has already passed.');
  if (day > lastDay) {
    return offer(
      slots,
      `I can only book up to ${horizon} ahead, through ${spokenDate(dayStart(lastDay, zone), zone)}.`,
    );
  }
  const window = dayWindow(day, part, zone);
  const matching = slots.filter((slot) => slot.start >= window.start && slot.start < window.end);
  if (matching.length) return offer(matching);
  // A whole day with nothing: one side each ("Tuesday … or Thursday …");
  // a part of a day: the nearest, same day first.
  const nearest = part ? nearestSlots(slots, window) : aroundWindow(slots, window);
  const wanted = `${spokenDate(window.start, zone)}${part ? ` in the ${part}` : ''}`;
  return answer(nearest, `I don't have anything open on ${wanted}. ${closestSentence(nearest, zone)}`);
}
