/**
 * Graph v1.0 front door: route matching, bearer check, permission check, the mailbox's concurrency limit, scripted
 * faults, concurrency count.
 */
import type { ConcurrencyMeter } from '../../shared/concurrency-meter';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { EmulatorContext } from '../context';
import { resolveFault } from '../faults';
import { BadRequestBody, guid } from '../../shared/http';
import { carryOut, holdAnswer, pause } from '../../shared/late-answer';
import { GraphError, sendGraphError, type GraphCall } from './respond';
import { type Match, matchRoute, type Route } from './routes';
import { preferredTimeZone, prefersImmutableId } from './time';

const READ = ['calendars.read', 'calendars.readwrite', 'calendars.read.shared', 'calendars.readwrite.shared'];
const WRITE = ['calendars.readwrite', 'calendars.readwrite.shared'];
/** Delegated permissions that allow each route (any one suffices). */
const PERMISSIONS: Record<Route, string[]> = {
  me: ['user.read', 'user.readwrite', 'user.readbasic.all', 'user.read.all'],
  mailboxSettings: ['mailboxsettings.read', 'mailboxsettings.readwrite'],
  calendar: READ,
  calendars: READ,
  calendarView: READ,
  getSchedule: [...READ, 'calendars.readbasic'],
  getEvent: READ,
  createEvent: WRITE,
  updateEvent: WRITE,
  deleteEvent: WRITE,
  cancelEvent: WRITE,
};

/** Graph's 401, with the WWW-Authenticate challenge clients key on. */
function unauthorized(message: string): GraphError {
  return new GraphError(401, 'InvalidAuthenticationToken', message, {
    'WWW-Authenticate':
      'Bearer realm="", authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize", ' +
      'client_id="00000003-0000-0000-c000-000000000000"',
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

/** Renders a GraphError a handler threw into `res` (another response than the call's). */
const graphErrorInto = (call: GraphCall) => (res: ServerResponse, error: unknown) => {
  if (!(error instanceof GraphError)) return false;
  sendGraphError({ ...call, res }, error);
  return true;
};

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
  let release: (() => void) | undefined;
  let leave: (() => void) | undefined;
  let late = 0;
  meter.enter();
  try {
    found = matchRoute(ctx, method, url.pathname);
    if (!found)
      throw new GraphError(
        400,
        'BadRequest',
        `Resource not found for the segment '${url.pathname}' with method ${method}.`,
      );
    const match = found;
    authorize(ctx, req, found.route);
    // Held until the answer is out (a latency fault or a late answer included), as Outlook counts a running request.
    leave = ctx.concurrency.enter();
    const fault = ctx.faults.take(found.route);
    await pause(fault?.latencyMs);
    if (fault?.lateResponseMs) [release, late] = [holdAnswer(res), fault.lateResponseMs];
    const scripted = fault && resolveFault(fault, 'graph');
    // A late error is an ambiguous write: the change lands first, into an answer nobody reads.
    if (scripted && release) await carryOut(req, (lost) => match.run({ ...call, res: lost }), graphErrorInto(call));
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
    if (release) {
      await pause(late);
      release();
    }
    leave?.();
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
