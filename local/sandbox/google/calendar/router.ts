/** Calendar v3 front door: route matching, bearer and scope checks, scripted faults, the concurrency meter, the log. */
import type { ConcurrencyMeter } from '../../shared/concurrency-meter';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BadRequestBody } from '../../shared/http';
import { carryOut, holdAnswer, pause } from '../../shared/late-answer';
import type { GoogleContext } from '../context';
import { GoogleApiError, notFound, sendApiError } from '../errors';
import { faultDelay, resolveFault } from '../faults';
import type { ApiCall } from './call';
import { type CalendarRoute, ROUTE_SCOPES } from './route-scopes';
import { getCalendar, getCalendarListEntry, getSetting, listCalendarList } from './calendars-api';
import { listEvents, listInstances } from './events-list';
import { changeEvent, deleteEvent, getEvent, insertEvent } from './events-write';
import { queryFreeBusy } from './freebusy';

const WRITES = new Set<CalendarRoute>(['insertEvent', 'patchEvent', 'updateEvent', 'deleteEvent']);

interface Match {
  route: Exclude<CalendarRoute, 'unknown'>;
  run: (call: ApiCall) => void | Promise<void>;
}

/** Maps method + path below /calendar/v3 to a route. */
export function matchCalendarRoute(method: string, path: string): Match | undefined {
  const s = path.split('/').filter(Boolean).map(decodeURIComponent);
  const key = `${method} ${s.length}`;
  if (s[0] === 'users' && s[1] === 'me') {
    if (s[2] === 'calendarList' && key === 'GET 3') return { route: 'calendarList', run: listCalendarList };
    if (s[2] === 'calendarList' && key === 'GET 4')
      return { route: 'calendarListEntry', run: (c) => getCalendarListEntry(c, s[3]!) };
    if (s[2] === 'settings' && key === 'GET 4') return { route: 'settings', run: (c) => getSetting(c, s[3]!) };
    return undefined;
  }
  if (s[0] === 'freeBusy' && key === 'POST 1') return { route: 'freeBusy', run: queryFreeBusy };
  if (s[0] !== 'calendars' || !s[1]) return undefined;
  const [cid, events, eid, tail] = [s[1], s[2], s[3], s[4]];
  if (key === 'GET 2') return { route: 'calendar', run: (c) => getCalendar(c, cid) };
  if (events !== 'events') return undefined;
  if (key === 'GET 3') return { route: 'listEvents', run: (c) => listEvents(c, cid) };
  if (key === 'POST 3') return { route: 'insertEvent', run: (c) => insertEvent(c, cid) };
  if (!eid) return undefined;
  if (key === 'GET 4') return { route: 'getEvent', run: (c) => getEvent(c, cid, eid) };
  if (key === 'PATCH 4') return { route: 'patchEvent', run: (c) => changeEvent(c, cid, eid, false) };
  if (key === 'PUT 4') return { route: 'updateEvent', run: (c) => changeEvent(c, cid, eid, true) };
  if (key === 'DELETE 4') return { route: 'deleteEvent', run: (c) => deleteEvent(c, cid, eid) };
  if (key === 'GET 5' && tail === 'instances') return { route: 'instances', run: (c) => listInstances(c, cid, eid) };
  return undefined;
}

const unauthorized = () =>
  new GoogleApiError(401, 'authError', 'Invalid Credentials', {
    locationType: 'header',
    location: 'Authorization',
    headers: { 'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"' },
  });

function authorize(ctx: GoogleContext, req: IncomingMessage, route: Exclude<CalendarRoute, 'unknown'>): void {
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  const access = token ? ctx.identity.checkAccess(token) : undefined;
  if (!access?.ok) throw unauthorized();
  if (!ROUTE_SCOPES[route].some((s) => access.scopes?.includes(s)))
    throw new GoogleApiError(403, 'insufficientPermissions', 'Request had insufficient authentication scopes.', {
      status: 'PERMISSION_DENIED',
      itemMessage: 'Insufficient Permission',
    });
}

/** Renders a GoogleApiError a handler threw into `res` (a response nobody reads). */
const apiErrorInto = (res: ServerResponse, error: unknown) => {
  if (!(error instanceof GoogleApiError)) return false;
  sendApiError(res, error);
  return true;
};

/** Serves a request whose path is below /calendar/v3. */
export async function handleCalendar(
  ctx: GoogleContext,
  meter: ConcurrencyMeter,
  req: IncomingMessage,
  res: ServerResponse,
  pathWithQuery: string,
): Promise<void> {
  const url = new URL(pathWithQuery, 'http://calendar.invalid');
  const call: ApiCall = { ctx, req, res, query: url.searchParams };
  const method = req.method ?? 'GET';
  const found = matchCalendarRoute(method, url.pathname);
  meter.enter();
  let dropped: number | undefined;
  let release: (() => void) | undefined;
  let late = 0;
  try {
    if (!found) throw notFound();
    authorize(ctx, req, found.route);
    const fault = ctx.faults.take(found.route);
    await faultDelay(fault);
    if (fault?.lateResponseMs) [release, late] = [holdAnswer(res), fault.lateResponseMs];
    const scripted = fault && resolveFault(fault, 'calendar');
    const carried = () => carryOut(req, (lost) => found.run({ ...call, res: lost }), apiErrorInto);
    // A late error is an ambiguous write: the change lands first, into an answer nobody reads.
    if (scripted && release) await carried();
    if (scripted) {
      const headers: Record<string, string> = fault.retryAfter !== undefined ? { 'Retry-After': fault.retryAfter } : {};
      throw new GoogleApiError(scripted.status, scripted.reason, scripted.message, {
        domain: scripted.domain,
        headers,
      });
    }
    if (fault?.dropAnswer) {
      // The request is carried out (into a response nobody reads, error or not); the client sees its connection reset.
      dropped = await carried();
      res.destroy();
      return;
    }
    await found.run(call);
  } catch (err) {
    if (err instanceof GoogleApiError) sendApiError(res, err);
    else if (err instanceof BadRequestBody) sendApiError(res, new GoogleApiError(400, 'parseError', 'Parse Error'));
    else {
      console.error('[sandbox google] Calendar handler failed', err);
      sendApiError(res, new GoogleApiError(500, 'backendError', 'Backend Error'));
    }
  } finally {
    if (release) {
      await pause(late);
      release();
    }
    meter.leave();
    const route = found?.route ?? 'unknown';
    const status = dropped ?? res.statusCode;
    let sendUpdates: string | undefined;
    if (WRITES.has(route)) sendUpdates = url.searchParams.get('sendUpdates') ?? undefined;
    ctx.log({
      method,
      route,
      status,
      ...(sendUpdates !== undefined ? { sendUpdates } : {}),
      ...(dropped !== undefined ? { dropped: true as const } : {}),
    });
  }
}
