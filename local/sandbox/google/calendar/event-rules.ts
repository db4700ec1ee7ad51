/**
 * The checks an event body must pass, with Google's reasons and messages. events.insert/patch/update answer the first
 * problem as a 400; a calendar file reports it at the field's path.
 */
import { instantOfIsoText, isKnownZone, parseDate } from '../../../../functions/domain/time';
import { parseRecurrence } from './recurrence';
import { timingOf } from './times';
import type { EventDateTime, EventResource } from './event-types';

export interface EventProblem {
  path: Array<string | number>;
  reason: string;
  message: string;
}

export const EVENT_TYPES = ['default', 'outOfOffice', 'focusTime', 'workingLocation', 'birthday', 'fromGmail'];
const ENUMS: Record<string, string[]> = {
  status: ['confirmed', 'tentative', 'cancelled'],
  transparency: ['opaque', 'transparent'],
  visibility: ['default', 'public', 'private', 'confidential'],
  eventType: EVENT_TYPES,
};
const RESPONSES = ['needsAction', 'declined', 'tentative', 'accepted'];
const EMAIL = /^[^@\s]+@[^@\s]+$/;

const problem = (path: EventProblem['path'], reason: string, message: string): EventProblem => ({
  path,
  reason,
  message,
});

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function timeProblem(t: unknown, side: 'start' | 'end'): EventProblem | undefined {
  if (t === undefined || t === null) return problem([side], 'required', `Missing ${side} time.`);
  if (!isRecord(t)) return problem([side], 'invalid', `Invalid ${side} time.`);
  const { date, dateTime, timeZone } = t as EventDateTime;
  if (timeZone !== undefined && (typeof timeZone !== 'string' || !isKnownZone(timeZone)))
    return problem([side, 'timeZone'], 'invalid', `Invalid time zone definition for ${side} time.`);
  if (date !== undefined && dateTime !== undefined) return problem([side], 'invalid', `Invalid ${side} time.`);
  if (date !== undefined)
    return typeof date === 'string' && parseDate(date) !== undefined
      ? undefined
      : problem([side, 'date'], 'invalid', `Invalid ${side} time.`);
  if (dateTime === undefined) return problem([side], 'required', `Missing ${side} time.`);
  const parsed =
    typeof dateTime === 'string' && /^\d{4}-\d{2}-\d{2}T/.test(dateTime) && instantOfIsoText(dateTime, 'UTC');
  if (!parsed) return problem([side, 'dateTime'], 'invalid', `Invalid ${side} time.`);
  if (!parsed.hadOffset && timeZone === undefined)
    return problem([side, 'timeZone'], 'required', `Missing time zone definition for ${side} time.`);
  return undefined;
}

function timesProblem(ev: Record<string, unknown>, calendarZone: string, file: boolean): EventProblem | undefined {
  const bad = timeProblem(ev.start, 'start') ?? timeProblem(ev.end, 'end');
  if (bad) return bad;
  const start = ev.start as EventDateTime;
  const end = ev.end as EventDateTime;
  if ((start.date === undefined) !== (end.date === undefined))
    return problem(['end'], 'invalid', 'Start and end times must either both be date or both be dateTime.');
  const timing = timingOf(start, end, calendarZone);
  // Google accepts a zero-length event; only an end before the start is an empty range.
  if (timing.endMs < timing.startMs) return problem(['end'], 'timeRangeEmpty', 'The specified time range is empty.');
  if (ev.recurrence !== undefined && start.dateTime !== undefined && start.timeZone === undefined && !file)
    return problem(['start', 'timeZone'], 'required', 'Missing time zone definition for start time.');
  return undefined;
}

function listsProblem(ev: Record<string, unknown>): EventProblem | undefined {
  if (ev.recurrence !== undefined) {
    const lines = ev.recurrence;
    if (!Array.isArray(lines) || lines.some((l) => typeof l !== 'string'))
      return problem(['recurrence'], 'invalid', 'Invalid recurrence rule.');
    if (lines.length && !parseRecurrence(lines as string[]))
      return problem(['recurrence'], 'invalid', 'Invalid recurrence rule.');
  }
  if (ev.attendees !== undefined) {
    if (!Array.isArray(ev.attendees)) return problem(['attendees'], 'invalid', 'Invalid attendee value.');
    for (const [i, a] of ev.attendees.entries()) {
      if (!isRecord(a) || a.email === undefined)
        return problem(['attendees', i, 'email'], 'required', 'Missing attendee email.');
      if (typeof a.email !== 'string' || !EMAIL.test(a.email))
        return problem(['attendees', i, 'email'], 'invalid', 'Invalid attendee email.');
      if (a.responseStatus !== undefined && !RESPONSES.includes(a.responseStatus as string))
        return problem(['attendees', i, 'responseStatus'], 'invalid', 'Invalid attendee response status.');
    }
  }
  const props = ev.extendedProperties;
  if (props !== undefined) {
    const ok = (m: unknown) => m === undefined || (isRecord(m) && Object.values(m).every((v) => typeof v === 'string'));
    if (!isRecord(props) || !ok(props.private) || !ok(props.shared))
      return problem(['extendedProperties'], 'invalid', 'Invalid extended property value.');
  }
  return undefined;
}

/** The first problem of an event body, or undefined. `file`: a calendar file (a series may omit start.timeZone). */
export function eventProblem(
  ev: Record<string, unknown>,
  calendarZone: string,
  file = false,
): EventProblem | undefined {
  for (const field of ['summary', 'description', 'location', 'colorId'])
    if (ev[field] !== undefined && ev[field] !== null && typeof ev[field] !== 'string')
      return problem([field], 'invalid', `Invalid value for: ${field}`);
  for (const [field, allowed] of Object.entries(ENUMS))
    if (ev[field] !== undefined && !allowed.includes(ev[field] as string))
      return problem([field], 'invalid', `Invalid value for: ${field}`);
  if (ev.organizer !== undefined && !(isRecord(ev.organizer) && EMAIL.test(String(ev.organizer.email))))
    return problem(['organizer', 'email'], 'invalid', 'Invalid organizer email.');
  return timesProblem(ev, calendarZone, file) ?? listsProblem(ev);
}

/** Typed view of a body that passed eventProblem. */
export function asEvent(ev: Record<string, unknown>): EventResource {
  return ev as unknown as EventResource;
}
