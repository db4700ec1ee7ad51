/** events.list and events.instances: windows with overlap semantics, expansion, filters, ordering and real paging. */
import { badRequest, GoogleApiError, notFound } from '../errors';
import { type ApiCall, calendarOf, flag, page, pageSize, responseZone, sendApi } from './call';
import type { CalendarEntry } from './calendars';
import { renderEvent } from './event-json';
import { calendarViews, type EventView, findView, seriesViews } from './event-views';
import { isSeries } from './instances';
import { isoMs, parseRfc3339 } from './times';

/** timeMin / timeMax / updatedMin: RFC 3339 with a mandatory offset, else Google's 400 badRequest. */
function instantParam(call: ApiCall, name: string): number | undefined {
  const text = call.query.get(name);
  if (text === null) return undefined;
  const ms = parseRfc3339(text);
  if (ms === undefined) throw badRequest();
  return ms;
}

function window(call: ApiCall): { fromMs?: number; toMs?: number } {
  const fromMs = instantParam(call, 'timeMin');
  const toMs = instantParam(call, 'timeMax');
  if (fromMs !== undefined && toMs !== undefined && toMs <= fromMs)
    throw new GoogleApiError(400, 'timeRangeEmpty', 'The specified time range is empty.');
  return { fromMs, toMs };
}

/** `key=value` pairs of a repeatable extended-property filter. */
function propertyFilters(call: ApiCall, name: string): Array<[string, string]> {
  return call.query.getAll(name).map((pair) => {
    const eq = pair.indexOf('=');
    if (eq < 1) throw badRequest(`Invalid ${name} value.`);
    return [pair.slice(0, eq), pair.slice(eq + 1)];
  });
}

/** The listing's filters, read (and checked) once: the predicate a view must pass. */
function filterOf(call: ApiCall, calendar: CalendarEntry, singleEvents: boolean): (view: EventView) => boolean {
  const showDeleted = flag(call, 'showDeleted');
  const privateProps = propertyFilters(call, 'privateExtendedProperty');
  const sharedProps = propertyFilters(call, 'sharedExtendedProperty');
  const types = call.query.getAll('eventTypes');
  const iCalUID = call.query.get('iCalUID');
  const updatedMin = instantParam(call, 'updatedMin');
  const q = call.query.get('q')?.toLowerCase();
  const matches = (props: Record<string, string> | undefined, wanted: Array<[string, string]>) =>
    wanted.every(([k, v]) => props?.[k] === v);
  return (view) => {
    const { body } = view.event;
    if (view.cancelled && !showDeleted) {
      // Google's quirk: without showDeleted and singleEvents, cancelled instances of a live series are still listed.
      const master = view.instanceOf && call.ctx.events.get(calendar.key, view.instanceOf.masterId);
      if (singleEvents || view.generated || !master || master.deleted) return false;
    }
    if (!matches(body.extendedProperties?.private, privateProps)) return false;
    if (!matches(body.extendedProperties?.shared, sharedProps)) return false;
    if (types.length && !types.includes(body.eventType ?? 'default')) return false;
    if (iCalUID !== null && view.event.iCalUID !== iCalUID) return false;
    if (updatedMin !== undefined && view.event.updatedMs < updatedMin) return false;
    const text = [body.summary, body.description, body.location].join('\n').toLowerCase();
    return !q || text.includes(q);
  };
}

function order(call: ApiCall, views: EventView[], singleEvents: boolean): EventView[] {
  const orderBy = call.query.get('orderBy');
  if (orderBy === null) return views;
  if (orderBy === 'startTime') {
    if (!singleEvents) throw badRequest('The requested ordering is not available for the particular query.');
    return [...views].sort((a, b) => a.startMs - b.startMs || (a.id < b.id ? -1 : 1));
  }
  if (orderBy === 'updated') return [...views].sort((a, b) => a.event.updatedMs - b.event.updatedMs);
  throw badRequest(`Invalid value for: orderBy`);
}

function respond(call: ApiCall, calendar: CalendarEntry, views: EventView[], scope: string): void {
  const zone = responseZone(call, calendar.timeZone);
  const { items, next } = page(views, pageSize(call, 250, 2500), call.query.get('pageToken'), scope);
  const updated = Math.max(0, ...call.ctx.events.list(calendar.key).map((e) => e.updatedMs));
  sendApi(call, 200, {
    kind: 'calendar#events',
    etag: `"${updated}"`,
    summary: calendar.summary,
    ...(calendar.description ? { description: calendar.description } : {}),
    updated: isoMs(updated),
    timeZone: calendar.timeZone,
    accessRole: calendar.accessRole,
    defaultReminders: calendar.primary ? [{ method: 'popup', minutes: 10 }] : [],
    ...(next ? { nextPageToken: next } : {}),
    items: items.map((v) => renderEvent(call.ctx, calendar, v, { zone })),
  });
}

/** GET /calendars/{calendarId}/events. */
export function listEvents(call: ApiCall, calendarId: string): void {
  const calendar = calendarOf(call, calendarId);
  const singleEvents = flag(call, 'singleEvents');
  const { fromMs, toMs } = window(call);
  const views = calendarViews(call.ctx, calendar, singleEvents, fromMs, toMs).filter(
    filterOf(call, calendar, singleEvents),
  );
  const scope = `events:${calendar.key}:${[...call.query].filter(([k]) => k !== 'pageToken' && k !== 'maxResults')}`;
  respond(call, calendar, order(call, views, singleEvents), scope);
}

/** GET /calendars/{calendarId}/events/{eventId}/instances: a series' instances (404 for a non-recurring event). */
export function listInstances(call: ApiCall, calendarId: string, eventId: string): void {
  const calendar = calendarOf(call, calendarId);
  const view = findView(call.ctx, calendar, eventId);
  if (!view || view.generated || !isSeries(view.event.body)) throw notFound();
  const { fromMs, toMs } = window(call);
  const views = seriesViews(call.ctx, calendar, view.event, fromMs, toMs).filter(
    (v) => !v.cancelled || flag(call, 'showDeleted'),
  );
  const scope = `instances:${calendar.key}:${eventId}:${call.query.get('timeMin')}:${call.query.get('timeMax')}`;
  respond(call, calendar, views, scope);
}
