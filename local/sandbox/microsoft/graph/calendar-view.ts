/**
 * calendarView: one calendar's expanded instances in a window, by start, paged with $top/$skip and nextLink; the
 * pages of one query slice one expansion (ViewCache).
 */
import { applySelect, eventJson } from './event-json';
import type { MailboxCalendar } from './mailbox-calendars';
import { GraphError, odataContext, sendGraph, type GraphCall } from './respond';
import { parseRangeBound } from './time';

const DEFAULT_TOP = 10;
const MAX_TOP = 1000;

/** A query option by name, case-insensitively (Graph accepts "startdatetime" and "StartDateTime"). */
export function queryOption(query: URLSearchParams, name: string): string | null {
  const lower = name.toLowerCase();
  for (const [k, v] of query) if (k.toLowerCase() === lower) return v;
  return null;
}

export function intOption(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const raw = queryOption(query, name);
  if (raw === null) return fallback;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min)
    throw new GraphError(400, 'BadRequest', `Invalid value '${raw}' for query option ${name}.`);
  return Math.min(n, max);
}

/** The next page's URL: every query option kept, $skip moved on ('$' left readable, as Graph writes it). */
export function nextLink(call: GraphCall, skip: number): string {
  const parts: string[] = [];
  for (const [k, v] of call.query)
    if (k.toLowerCase() !== '$skip')
      parts.push(`${encodeURIComponent(k).replace(/^%24/, '$')}=${encodeURIComponent(v)}`);
  parts.push(`$skip=${skip}`);
  return `${call.graphBase}${call.path}?${parts.join('&')}`;
}

/** GET /me/calendarView, /me/calendar/calendarView (the default calendar) and /me/calendars/{id}/calendarView. */
export function getCalendarView(call: GraphCall, calendar: MailboxCalendar): void {
  const rawStart = queryOption(call.query, 'startDateTime');
  const rawEnd = queryOption(call.query, 'endDateTime');
  if (!rawStart || !rawEnd) {
    throw new GraphError(
      400,
      'ErrorInvalidParameter',
      'This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.',
    );
  }
  const from = parseRangeBound(rawStart);
  const to = parseRangeBound(rawEnd);
  if (from === undefined)
    throw new GraphError(
      400,
      'ErrorInvalidParameter',
      `The value '${rawStart}' of parameter 'StartDateTime' is invalid.`,
    );
  if (to === undefined)
    throw new GraphError(400, 'ErrorInvalidParameter', `The value '${rawEnd}' of parameter 'EndDateTime' is invalid.`);
  const top = intOption(call.query, '$top', DEFAULT_TOP, 1, MAX_TOP);
  const skip = intOption(call.query, '$skip', 0, 0, Number.MAX_SAFE_INTEGER);
  const select = queryOption(call.query, '$select')
    ?.split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const all = to > from ? call.ctx.views.instances(calendar.id, from, to) : [];
  // No Prefer header: Graph answers calendarView in UTC.
  const zone = call.zoneLabel ?? 'UTC';
  const value = all.slice(skip, skip + top).map((i) => applySelect(eventJson(i, call.ctx.user, zone), select));
  const owner = calendar.isDefault ? '' : `calendars('${calendar.id}')/`;
  const body: Record<string, unknown> = {
    '@odata.context': odataContext(
      `users('${call.ctx.user.oid}')/${owner}calendarView${select?.length ? `(${select.join(',')})` : ''}`,
    ),
    value,
  };
  if (skip + top < all.length) body['@odata.nextLink'] = nextLink(call, skip + top);
  sendGraph(call, 200, body, true);
}
