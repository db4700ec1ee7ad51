/**
 * POST /freeBusy: busy periods per requested calendar, merged and clipped to the window. Transparent, cancelled,
 * declined-by-self and workingLocation events take no time. A window over 90 days is refused with 400
 * `timeRangeTooLong` (Google's message; the reason string is unconfirmed, see README.md).
 */
import { DAY, isKnownZone } from '../../../../functions/domain/time';
import { readJson } from '../../shared/http';
import { badRequest, GoogleApiError, required } from '../errors';
import type { ApiCall } from './call';
import { sendApi } from './call';
import type { CalendarEntry } from './calendars';
import { calendarViews, type EventView } from './event-views';
import { isoMs, parseRfc3339, rfc3339 } from './times';

export const MAX_RANGE_MS = 90 * DAY;
const MAX_CALENDARS = 50;

interface FreeBusyRequest {
  timeMin?: unknown;
  timeMax?: unknown;
  timeZone?: unknown;
  items?: unknown;
  calendarExpansionMax?: unknown;
}

function blocks(call: ApiCall, calendar: CalendarEntry, view: EventView): boolean {
  const { body } = view.event;
  if (view.cancelled || body.transparency === 'transparent' || body.eventType === 'workingLocation') return false;
  const owner = call.ctx.calendars.ownerEmail(calendar);
  return !body.attendees?.some((a) => a.email.toLowerCase() === owner && a.responseStatus === 'declined');
}

/** Sorted, merged busy periods of a calendar within [fromMs, toMs). */
function busyOf(call: ApiCall, calendar: CalendarEntry, fromMs: number, toMs: number): Array<[number, number]> {
  const spans = calendarViews(call.ctx, calendar, true, fromMs, toMs)
    .filter((v) => blocks(call, calendar, v))
    .map((v): [number, number] => [Math.max(v.startMs, fromMs), Math.min(v.endMs, toMs)])
    .filter(([s, e]) => e > s)
    .sort((a, b) => a[0] - b[0]);
  const merged: Array<[number, number]> = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged;
}

/** Serves freeBusy.query; the answer is keyed by each item's id exactly as sent. */
export async function queryFreeBusy(call: ApiCall): Promise<void> {
  const body = ((await readJson(call.req)) ?? {}) as FreeBusyRequest;
  if (body.timeMin === undefined) throw required('Missing timeMin parameter.');
  if (body.timeMax === undefined) throw required('Missing timeMax parameter.');
  const fromMs = parseRfc3339(String(body.timeMin));
  const toMs = parseRfc3339(String(body.timeMax));
  if (fromMs === undefined || toMs === undefined) throw badRequest();
  if (toMs <= fromMs) throw new GoogleApiError(400, 'timeRangeEmpty', 'The specified time range is empty.');
  if (toMs - fromMs > MAX_RANGE_MS)
    throw new GoogleApiError(400, 'timeRangeTooLong', 'The requested time range is too long.', { domain: 'calendar' });
  const zone = typeof body.timeZone === 'string' && isKnownZone(body.timeZone) ? body.timeZone : 'UTC';
  const items = Array.isArray(body.items) ? (body.items as Array<{ id?: unknown }>) : [];
  const cap = Math.min(MAX_CALENDARS, Number(body.calendarExpansionMax) || MAX_CALENDARS);
  const calendars: Record<string, unknown> = {};
  items.forEach((item, i) => {
    const id = String(item?.id ?? '');
    const calendar = call.ctx.calendars.find(id);
    if (i >= cap) calendars[id] = { errors: [{ domain: 'global', reason: 'tooManyCalendarsRequested' }], busy: [] };
    else if (!calendar) calendars[id] = { errors: [{ domain: 'global', reason: 'notFound' }], busy: [] };
    else
      calendars[id] = {
        busy: busyOf(call, calendar, fromMs, toMs).map(([s, e]) => ({
          start: rfc3339(s, zone),
          end: rfc3339(e, zone),
        })),
      };
  });
  sendApi(call, 200, {
    kind: 'calendar#freeBusy',
    timeMin: isoMs(fromMs),
    timeMax: isoMs(toMs),
    calendars,
    groups: {},
  });
}
