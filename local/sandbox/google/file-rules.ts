/**
 * Cross-field rules of a Google sandbox file: at most one primary calendar, which the account owns; calendar ids
 * unique (the primary may be named "primary" or by the account's email, another calendar by neither); every event
 * valid for its calendar's zone (eventProblem), event ids valid and unique per calendar, and an exception (an event
 * with recurringEventId) names a series of the same calendar.
 */
import type * as z from 'zod/mini';
import { primaryIndex } from './calendar/calendars';
import { eventProblem } from './calendar/event-rules';
import type { EventResource } from './calendar/event-types';
import { isSeries } from './calendar/instances';

type Calendar = { id: string; primary?: boolean; accessRole?: string; timeZone: string; events: EventResource[] };
type File = { user: { email: string }; calendars: Calendar[] };
type Path = Array<string | number>;

/** Google's event id alphabet (base32hex, lower case) and length. */
export const EVENT_ID = /^[a-v0-9]{5,1024}$/;

/** Adds an issue per broken rule (zod superRefine). */
export function checkFile(file: File, ctx: z.core.$RefinementCtx): void {
  const issue = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message });
  const marked = file.calendars.flatMap((c, i) => (c.primary ? [i] : []));
  for (const i of marked.slice(1))
    issue(['calendars', i, 'primary'], `only one calendar can be primary (calendars[${marked[0]}] is)`);
  const aliases = ['primary', file.user.email.toLowerCase()];
  const primary = primaryIndex(file.calendars, file.user.email);
  const seen = new Map<string, number>();
  file.calendars.forEach((calendar, i) => {
    const key = calendar.id.toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) issue(['calendars', i, 'id'], `duplicate calendar id (calendars[${first}] has it)`);
    seen.set(key, first ?? i);
    if (i !== primary && aliases.includes(key))
      issue(['calendars', i, 'id'], `"${calendar.id}" names the primary calendar, which is calendars[${primary}]`);
    if (i === primary && calendar.accessRole && calendar.accessRole !== 'owner')
      issue(['calendars', i, 'accessRole'], 'the primary calendar is always the account’s own (owner)');
    checkEvents(calendar, ['calendars', i, 'events'], issue);
  });
}

function checkEvents(calendar: Calendar, path: Path, issue: (p: Path, m: string) => void): void {
  const ids = new Set<string>();
  const series = new Set(calendar.events.filter((e) => isSeriesSafe(e)).map((e) => e.id));
  calendar.events.forEach((event, j) => {
    const at = [...path, j];
    const bad = eventProblem(event as Record<string, unknown>, calendar.timeZone, true);
    if (bad) {
      issue([...at, ...bad.path], bad.message);
      return;
    }
    const id = event.id;
    if (id !== undefined) {
      const own = event.recurringEventId;
      const valid = typeof id === 'string' && (own ? id.startsWith(`${own}_`) : EVENT_ID.test(id));
      if (!valid) issue([...at, 'id'], own ? `an exception's id is "${own}_<stamp>"` : 'Invalid resource id value.');
      else if (ids.has(id)) issue([...at, 'id'], `duplicate event id "${id}"`);
      ids.add(String(id));
    }
    if (event.recurringEventId !== undefined) {
      if (!series.has(event.recurringEventId))
        issue([...at, 'recurringEventId'], 'names no recurring event of this calendar');
      if (!event.originalStartTime || typeof event.originalStartTime !== 'object')
        issue([...at, 'originalStartTime'], 'an exception needs its originalStartTime');
      if (event.id === undefined) issue([...at, 'id'], 'an exception needs its instance id');
    }
  });
}

function isSeriesSafe(event: EventResource): boolean {
  return Array.isArray(event.recurrence) && isSeries(event) && typeof event.id === 'string';
}
