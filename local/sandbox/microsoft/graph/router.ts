/** Graph v1.0 front door: route matching, bearer check, permission check, scripted faults, concurrency count. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from '../context';
import { resolveFault, type FaultRoute } from '../faults';
import { BadRequestBody, guid } from '../http';
import { getCalendarView } from './calendar-view';
import { cancelEvent, createEvent, deleteEvent, getEvent, updateEvent } from './events-api';
import { getCalendar, getMailboxSettings, getMe } from './profile';
import { GraphError, sendGraphError, type GraphCall } from './respond';
import { getSchedule } from './schedule';
import { preferredTimeZone, prefersImmutableId } from './time';

type Route = Exclude<FaultRoute, '*' | 'token'>;

interface Match {
  route: Route;
  run: (call: GraphCall) => void | Promise<void>;
}

const READ = ['calendars.read', 'calendars.readwrite', 'calendars.read.shared', 'calendars.readwrite.shared'];
const WRITE = ['calendars.readwrite', 'calendars.readwrite.shared'];
/** Delegated permissions that allow each route (any one suffices). */
const PERMISSIONS: Record<Route, string[]> = {
  me: ['user.read', 'user.readwrite', 'user.readbasic.all', 'user.read.all'],
  mailboxSettings: ['mailboxsettings.read', 'mailboxsettings.readwrite'],
  calendar: READ,
  calendarView: READ,
  getSchedule: [...READ, 'calendars.readbasic'],
  getEvent: READ,
  createEvent: WRITE,
  updateEvent: WRITE,
  deleteEvent: WRITE,
  cancelEvent: WRITE,
};

/** Maps method + path (below /v1.0) to a route; /users/{own mail|upn|id} is treated as /me. */
function match(ctx: EmulatorContext, method: string, path: string): Match | undefined {
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [root, who] = segments;
  const own = [ctx.user.mail, ctx.user.userPrincipalName, ctx.user.oid].map((s) => s.toLowerCase());
  if (root?.toLowerCase() === 'users' && who && own.includes(who.toLowerCase())) segments.splice(0, 2, 'me');
  if (segments[0]?.toLowerCase() !== 'me') return undefined;
  const rest = segments.slice(1);
  // /me/calendar/events and /me/calendar/calendarView address the default calendar, same as /me/events.
  if (rest[0]?.toLowerCase() === 'calendar' && ['events', 'calendarview'].includes(rest[1]?.toLowerCase() ?? ''))
    rest.shift();
  const [a = '', b, c] = [rest[0]?.toLowerCase(), rest[1], rest[2]?.toLowerCase()];
  const key = `${method} ${rest.length}`;
  if (key === 'GET 0') return { route: 'me', run: getMe };
  if (a === 'mailboxsettings' && method === 'GET' && rest.length <= 2)
    return { route: 'mailboxSettings', run: (call) => getMailboxSettings(call, b?.toLowerCase()) };
  if (a === 'calendar' && key === 'GET 1') return { route: 'calendar', run: getCalendar };
  if (a === 'calendar' && b?.toLowerCase() === 'getschedule' && key === 'POST 2')
    return { route: 'getSchedule', run: getSchedule };
  if (a === 'calendarview' && key === 'GET 1') return { route: 'calendarView', run: getCalendarView };
  if (a !== 'events') return undefined;
  if (key === 'POST 1') return { route: 'createEvent', run: createEvent };
  if (!b) return undefined;
  if (key === 'GET 2') return { route: 'getEvent', run: (call) => getEvent(call, b) };
  if (key === 'PATCH 2') return { route: 'updateEvent', run: (call) => updateEvent(call, b) };
  if (key === 'DELETE 2') return { route: 'deleteEvent', run: (call) => deleteEvent(call, b) };
  if (key === 'POST 3' && c === 'cancel') return { route: 'cancelEvent', run: (call) => cancelEvent(call, b) };
  return undefined;
}

/** Graph's 401, with the WWW-Authenticate challenge clients key on. */
function unauthorized(message: string): GraphError {
  return new GraphError(401, 'InvalidAuthenticationToken', message, {
    'WWW-Authenticate':
      'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", client_id="00000003-0000-0000-c000-000000000000"',
  });
}

function authorize(ctx: EmulatorContext, req: IncomingMessage, route: Route): void {
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
  if (!token) throw unauthorized('Access token is empty.');
  const access = ctx.identity.checkAccess(token);
  if (!access.ok) {
    if (access.reason === 'unknown') throw unauthorized('CompactToken parsing failed with error code: 80049217');
    throw unauthorized(
      access.reason === 'expired'
        ? 'Lifetime validation failed, the token is expired.'
        : 'Access token has expired or is not yet valid.',
    );
  }
  if (!access.scopes.has('.default') && !PERMISSIONS[route].some((p) => access.scopes.has(p))) {
    throw new GraphError(403, 'ErrorAccessDenied', 'Access is denied. Check credentials and try again.');
  }
}

/** Tracks in-flight Graph requests for the mailbox (Outlook allows four at once). */
export class ConcurrencyMeter {
  private current = 0;
  max = 0;
  enter(): void {
    this.current += 1;
    this.max = Math.max(this.max, this.current);
  }
  leave(): void {
    this.current -= 1;
  }
}

/** Serves a request whose path is below /graph/v1.0. */
export async function handleGraph(
  ctx: EmulatorContext,
  meter: ConcurrencyMeter,
  req: IncomingMessage,
  res: ServerResponse,
  pathWithQuery: string,
  graphBase: string,
): Promise<void> {
  const url = new URL(pathWithQuery, 'http://graph.invalid');
  const prefer = [req.headers.prefer ?? []].flat().join(', ');
  const clientRequestId = [req.headers['client-request-id'] ?? []].flat()[0] ?? guid();
  const call: GraphCall = {
    ctx,
    req,
    res,
    path: url.pathname,
    query: url.searchParams,
    zoneLabel: preferredTimeZone(prefer),
    immutableId: prefersImmutableId(prefer),
    requestId: guid(),
    clientRequestId,
    graphBase,
  };
  const method = req.method ?? 'GET';
  let found: Match | undefined;
  meter.enter();
  try {
    found = match(ctx, method, url.pathname);
    if (!found)
      throw new GraphError(
        400,
        'BadRequest',
        `Resource not found for the segment '${url.pathname}' with method ${method}.`,
      );
    authorize(ctx, req, found.route);
    const fault = ctx.faults.take(found.route);
    if (fault?.latencyMs) await new Promise((r) => setTimeout(r, fault.latencyMs));
    const scripted = fault && resolveFault(fault, 'graph');
    if (scripted)
      throw new GraphError(
        scripted.status,
        scripted.code,
        scripted.message,
        fault.retryAfter !== undefined ? { 'Retry-After': fault.retryAfter } : {},
      );
    await found.run(call);
  } catch (err) {
    if (err instanceof GraphError) sendGraphError(call, err);
    else if (err instanceof BadRequestBody) sendGraphError(call, new GraphError(400, 'BadRequest', err.message));
    else {
      console.error('[sandbox microsoft] Graph handler failed', err);
      sendGraphError(
        call,
        new GraphError(500, 'generalException', 'An unexpected error occurred in the sandbox emulator.'),
      );
    }
  } finally {
    meter.leave();
    ctx.log({
      method,
      route: found?.route ?? 'unknown',
      status: res.statusCode,
      clientRequestId,
      requestId: call.requestId,
    });
  }
}
