/** The sentences the voice agent speaks about availability: plain text, ready to be read out as one answer. */
import type { Slot } from '../types';
import { joinOr, localDateText, spokenClock, spokenDate, spokenMinutes, spokenTime } from './format';

/** "14 days", or "day" for one, as in "in the next 14 days". */
export function spokenDays(days: number): string {
  return days === 1 ? 'day' : spokenMinutes(days * 1440);
}

/**
 * "I have A, B, or C. Which works best?"; options on one local date are said once:
 * "On Tuesday, November 24 I have 9:00 AM or 2:00 PM. Which works best?"
 */
export function offerSentence(slots: readonly Slot[], zone: string, lead = 'I have'): string {
  const question = slots.length === 1 ? 'Does that work?' : 'Which works best?';
  const oneDate = new Set(slots.map((slot) => localDateText(slot.start, zone))).size === 1;
  if (slots.length > 1 && oneDate) {
    return (
      `On ${spokenDate(slots[0]!.start, zone)} ${lead} ` +
      `${joinOr(slots.map((slot) => spokenClock(slot.start, zone)))}. ${question}`
    );
  }
  return `${lead} ${joinOr(slots.map((slot) => spokenTime(slot.start, zone)))}. ${question}`;
}

/** "The closest openings are A, B, or C. Would one of those work?" */
export function closestSentence(slots: readonly Slot[], zone: string): string {
  const said = joinOr(slots.map((slot) => spokenTime(slot.start, zone)));
  return slots.length === 1
    ? `The closest opening is ${said}. Would that work?`
    : `The closest openings are ${said}. Would one of those work?`;
}

/** Nothing is free within the horizon: say so and invite a call back. */
export function nothingOpenSentence(horizonDays: number): string {
  return (
    `I don't have any openings in the next ${spokenDays(horizonDays)}, ` +
    "so please call back later and we'll find a time."
  );
}

/** "every 30 minutes", "every hour", "every 2 hours". */
export function spokenEvery(minutes: number): string {
  return minutes === 60 ? 'every hour' : `every ${spokenMinutes(minutes)}`;
}
