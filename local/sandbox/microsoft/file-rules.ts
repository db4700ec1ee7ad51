/**
 * The cross-field rules of a calendar file. Precedence: a calendar with `"isDefault": true` is the default calendar and
 * holds its events; the top-level "events" may then be left out or repeat them exactly (a dump does). Without one, the
 * top-level "events" are the default calendar, named "Calendar". At most one default; names unique (any case); the
 * default is the mailbox's own and editable; event ids unique in the file, transactionIds in each calendar.
 */
import type * as z from 'zod/mini';
import { canonical } from './graph/event-store';

/** The name of the default calendar when no calendar of the file is marked isDefault (Outlook's own name). */
export const DEFAULT_CALENDAR_NAME = 'Calendar';

type Event = { id?: string; transactionId?: string };
type Calendar = { name: string; isDefault?: boolean; canEdit?: boolean; shared?: unknown; events: Event[] };
type File = { user: { mail: string }; events?: Event[]; calendars?: Calendar[] };
type Path = (string | number)[];

/** Adds an issue per broken rule (zod superRefine). */
export function checkCalendars(file: File, ctx: z.core.$RefinementCtx): void {
  const issue = (path: Path, message: string) => ctx.addIssue({ code: 'custom', path, message });
  const calendars = file.calendars ?? [];
  if (!file.events && !file.calendars) issue(['events'], 'required (may be []) when there are no "calendars"');
  const defaults = calendars.flatMap((c, i) => (c.isDefault ? [i] : []));
  for (const i of defaults.slice(1))
    issue(['calendars', i, 'isDefault'], `only one calendar can be the default (calendars[${defaults[0]}] is)`);
  const chosen = defaults[0];
  checkNames(calendars, chosen === undefined, issue);
  if (chosen !== undefined) checkDefault(file, chosen, issue);
  calendars.forEach((calendar, i) => {
    const shared = calendar.shared as { address?: string } | boolean | undefined;
    const owner = typeof shared === 'object' ? shared.address : undefined;
    if (owner?.toLowerCase() === file.user.mail.toLowerCase())
      issue(['calendars', i, 'shared', 'address'], "is the mailbox's own address: the calendar would not be shared");
  });
  // The top-level events repeat the default calendar's only when one is chosen; checked above, counted once here.
  const lists: Array<{ path: Path; events: Event[] }> = calendars.map((c, i) => ({
    path: ['calendars', i, 'events'],
    events: c.events,
  }));
  if (chosen === undefined) lists.unshift({ path: ['events'], events: file.events ?? [] });
  checkKeys(lists, issue);
}

function checkNames(calendars: Calendar[], impliedDefault: boolean, issue: (p: Path, m: string) => void): void {
  const seen = new Map<string, number>();
  calendars.forEach((calendar, i) => {
    const key = calendar.name.trim().toLowerCase();
    const first = seen.get(key);
    if (first !== undefined) issue(['calendars', i, 'name'], `duplicate calendar name (calendars[${first}] has it)`);
    else if (impliedDefault && key === DEFAULT_CALENDAR_NAME.toLowerCase())
      issue(['calendars', i, 'name'], `"${DEFAULT_CALENDAR_NAME}" is the default calendar's name when none isDefault`);
    seen.set(key, first ?? i);
  });
}

function checkDefault(file: File, index: number, issue: (p: Path, m: string) => void): void {
  const calendar = file.calendars![index]!;
  if (calendar.canEdit === false) issue(['calendars', index, 'canEdit'], 'the default calendar is always editable');
  if (calendar.shared) issue(['calendars', index, 'shared'], "the default calendar is the mailbox's own");
  if (file.events?.length && canonical(file.events) !== canonical(calendar.events)) {
    issue(
      ['events'],
      `the default calendar's events are in calendars[${index}].events: leave "events" out, or make it the same list`,
    );
  }
}

// Ids key the event store across calendars, transactionIds the dedup table of one calendar: a repeat would shadow.
function checkKeys(lists: Array<{ path: Path; events: Event[] }>, issue: (p: Path, m: string) => void): void {
  const ids = new Set<string>();
  for (const { path, events } of lists) {
    const transactions = new Set<string>();
    events.forEach((event, i) => {
      if (event.id !== undefined && ids.has(event.id)) issue([...path, i, 'id'], `duplicate id "${event.id}"`);
      if (event.id !== undefined) ids.add(event.id);
      const txn = event.transactionId;
      if (txn !== undefined && transactions.has(txn))
        issue([...path, i, 'transactionId'], `duplicate transactionId "${txn}"`);
      if (txn !== undefined) transactions.add(txn);
    });
  }
}
