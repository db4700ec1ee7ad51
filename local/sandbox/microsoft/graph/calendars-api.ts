/** GET /me/calendars (every page), /me/calendars/{id} and /me/calendar: the mailbox's calendars in Graph's shape. */
import { intOption, nextLink, queryOption } from './calendar-view';
import { applySelect } from './event-json';
import type { MailboxCalendar } from './mailbox-calendars';
import { defaultProvider } from './online-meeting';
import { GraphError, odataContext, sendGraph, type GraphCall } from './respond';

// Graph's default page of calendars.
const DEFAULT_TOP = 10;

/** A calendar as Graph returns it; a shared one is read-only or not, someone else's, and tallies no responses. */
function calendarJson(calendar: MailboxCalendar): Record<string, unknown> {
  return {
    id: calendar.id,
    name: calendar.name,
    color: 'auto',
    hexColor: '',
    isDefaultCalendar: calendar.isDefault,
    changeKey: 'fJKVL07sbkmIfHqjbDnRgQAAAAACOA==',
    canShare: !calendar.shared,
    canViewPrivateItems: !calendar.shared,
    canEdit: calendar.canEdit,
    allowedOnlineMeetingProviders: [...calendar.onlineProviders],
    defaultOnlineMeetingProvider: defaultProvider(calendar),
    isTallyingResponses: calendar.isDefault,
    isRemovable: !calendar.isDefault,
    owner: { ...calendar.owner },
  };
}

function select(call: GraphCall): string[] | undefined {
  return queryOption(call.query, '$select')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The calendar a path names: 404 ErrorItemNotFound, as Graph answers, for an id the mailbox does not have. */
export function calendarNamed(call: GraphCall, id: string): MailboxCalendar {
  const calendar = call.ctx.calendars.byId(id);
  if (!calendar) throw new GraphError(404, 'ErrorItemNotFound', 'The specified object was not found in the store.');
  return calendar;
}

/** GET /me/calendar and /me/calendars/{id}. */
export function getCalendar(call: GraphCall, calendar: MailboxCalendar): void {
  sendGraph(call, 200, {
    '@odata.context': odataContext("users('me')/calendars/$entity"),
    ...applySelect(calendarJson(calendar), select(call)),
  });
}

/** GET /me/calendars, paged with $top / $skip and @odata.nextLink (the default calendar first). */
export function listCalendars(call: GraphCall): void {
  const top = intOption(call.query, '$top', DEFAULT_TOP, 1, 1000);
  const skip = intOption(call.query, '$skip', 0, 0, Number.MAX_SAFE_INTEGER);
  const all = call.ctx.calendars.all();
  const body: Record<string, unknown> = {
    '@odata.context': odataContext(`users('${call.ctx.user.oid}')/calendars`),
    value: all.slice(skip, skip + top).map((c) => applySelect(calendarJson(c), select(call))),
  };
  if (skip + top < all.length) body['@odata.nextLink'] = nextLink(call, skip + top);
  sendGraph(call, 200, body);
}
