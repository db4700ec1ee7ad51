/**
 * set_appointment's start check, run on entries fetched right before booking. A start off the slot grid (2:10 when
 * slots are on the half hour) is refused as 'misaligned' with the nearest aligned openings: the agent is told to pass
 * a start get_availability returned, so an off-grid start is a misheard time more often than a real wish, and booking
 * it would leave unbookable slivers around it.
 */
import type { AvailabilityRules, CalendarEntry, Slot, SlotOption } from '../types';
import { busyIntervals, overlapsBusy } from './busy';
import { nearestSlots, spreadOptions } from './choose';
import { isoWithOffset, spokenMinutes, spokenTime, toSlotOption } from './format';
import { instantOfWall, isAligned, MINUTE, parseOffset, parseWallDateTime } from '../time';
import { closestSentence, nothingOpenSentence, offerSentence, spokenDays, spokenEvery } from './messages';
import { bookingWindow, freeSlots, slotMinutesFor } from './slots';
import { withinWorkingHours } from './working-hours';

export type StartRejection =
  | 'unparseable'
  | 'past'
  | 'too_soon'
  | 'beyond_horizon'
  | 'outside_hours'
  | 'misaligned'
  | 'taken';

export type StartCheck =
  | { ok: true; slot: Slot; startIso: string; endIso: string; spoken: string }
  | { ok: false; reason: StartRejection; message: string; alternatives: SlotOption[] };

/**
 * A parsed start: an instant, a local time the clocks skip (with the instant it would shift forward to),
 * or nothing usable.
 */
export type ParsedStart = { kind: 'instant'; ms: number } | { kind: 'skipped'; ms: number } | { kind: 'invalid' };

const START = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2}(?:\.\d{1,9})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Reads start_time: with Z or an offset it is that instant; without one it is the owner's wall time in `zone` (a time
 * repeated by a fall-back change means its first occurrence, as in working hours).
 */
export function parseStartText(text: string, zone: string): ParsedStart {
  const match = START.exec(text.trim());
  if (!match) return { kind: 'invalid' };
  const [, date, clock, seconds = '', offset] = match;
  const wall = parseWallDateTime(`${date}T${clock}${seconds}`);
  if (wall === undefined) return { kind: 'invalid' };
  if (offset) {
    const minutes = parseOffset(offset);
    return minutes === undefined ? { kind: 'invalid' } : { kind: 'instant', ms: wall - minutes * MINUTE };
  }
  const local = instantOfWall(wall, zone);
  return local.exists ? { kind: 'instant', ms: local.ms } : { kind: 'skipped', ms: local.ms };
}

function rejectionOf(
  slot: Slot,
  rules: AvailabilityRules,
  entries: readonly CalendarEntry[],
  now: number,
): StartRejection | undefined {
  const { earliest, horizonEnd } = bookingWindow(rules, now);
  if (slot.start < now) return 'past';
  if (slot.start < earliest) return 'too_soon';
  if (slot.start >= horizonEnd) return 'beyond_horizon';
  if (!withinWorkingHours(rules.working, slot)) return 'outside_hours';
  if (!isAligned(slot.start, rules.timeZone, rules.intervalMinutes)) return 'misaligned';
  if (overlapsBusy(busyIntervals(entries, rules), slot)) return 'taken';
  return undefined;
}

function reasonText(reason: StartRejection, rules: AvailabilityRules): string {
  switch (reason) {
    case 'unparseable':
      return "I couldn't understand that time.";
    case 'past':
      return 'That time has already passed.';
    case 'too_soon':
      return `I need at least ${spokenMinutes(rules.minNoticeMinutes)} of notice to book a viewing.`;
    case 'beyond_horizon':
      return `I can only book up to ${spokenDays(rules.horizonDays)} ahead.`;
    case 'outside_hours':
      return 'That time is outside viewing hours.';
    case 'misaligned':
      return `Viewings start ${spokenEvery(rules.intervalMinutes)}, so I can't book that exact time.`;
    case 'taken':
      return 'That time is already taken.';
  }
}

/** Whether `startText` can be booked now for `durationMinutes`; if not, why (in words) and the nearest alternatives. */
export function checkRequestedStart(input: {
  startText: string;
  durationMinutes?: number;
  rules: AvailabilityRules;
  entries: readonly CalendarEntry[];
  now: number;
}): StartCheck {
  const { rules, entries, now } = input;
  const zone = rules.timeZone;
  const minutes = slotMinutesFor(rules, input.durationMinutes);
  const parsed = parseStartText(input.startText, zone);
  const reject = (reason: StartRejection, chosen: Slot[], lead: string, near: boolean): StartCheck => {
    const follow = !chosen.length
      ? nothingOpenSentence(rules.horizonDays)
      : near
        ? closestSentence(chosen, zone)
        : offerSentence(chosen, zone, 'I can offer');
    return {
      ok: false,
      reason,
      message: `${lead} ${follow}`,
      alternatives: chosen.map((slot) => toSlotOption(slot, zone)),
    };
  };

  if (parsed.kind === 'invalid') {
    return reject(
      'unparseable',
      spreadOptions(freeSlots(rules, entries, now, minutes), zone),
      reasonText('unparseable', rules),
      false,
    );
  }
  const around = { start: parsed.ms, end: parsed.ms };
  if (parsed.kind === 'skipped') {
    const lead = "That time doesn't exist on that day because the clocks change.";
    return reject('unparseable', nearestSlots(freeSlots(rules, entries, now, minutes), around), lead, true);
  }
  const slot = { start: parsed.ms, end: parsed.ms + minutes * MINUTE };
  const reason = rejectionOf(slot, rules, entries, now);
  if (reason)
    return reject(
      reason,
      nearestSlots(freeSlots(rules, entries, now, minutes), around),
      reasonText(reason, rules),
      true,
    );
  return {
    ok: true,
    slot,
    startIso: isoWithOffset(slot.start, zone),
    endIso: isoWithOffset(slot.end, zone),
    spoken: spokenTime(slot.start, zone),
  };
}
