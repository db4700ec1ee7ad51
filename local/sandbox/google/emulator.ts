/**
 * The Google emulator: OAuth (consent page, /token, /revoke, userinfo, JWKS) and Calendar v3 (/calendar/v3/...) for
 * one account, in memory. Google's hosts (accounts.google.com, oauth2.googleapis.com, www.googleapis.com,
 * openidconnect.googleapis.com) all collapse onto its one root, mounted under the app's server or standalone.
 */
import { listenStandalone } from '../shared/standalone';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { BadRequestBody, sendJson } from '../shared/http';
import { CalendarBook, calendarsOf } from './calendar/calendars';
import { eventProblem } from './calendar/event-rules';
import { EventStore, writableBody } from './calendar/event-store';
import { ConcurrencyMeter } from '../shared/concurrency-meter';
import { handleCalendar } from './calendar/router';
import type { AttendeeNotice, GoogleContext, GoogleUser, RequestLogEntry } from './context';
import { demoGoogleCalendar } from './demo-calendar';
import { dumpFile, seedEvents } from './dump';
import type { GoogleEmulator, GoogleEmulatorOptions } from './emulator-types';
import { FaultBook } from './faults';
import { EVENT_ID } from './file-rules';
import { AUTHORIZE_PATH, consentToUrl, handleAuthorize } from './identity/authorize';
import { IdentityStore } from './identity/grants';
import { handleRevoke } from './identity/revoke';
import { warmSigningKey } from './identity/signer';
import { handleToken, oauthError, sendOAuthError } from './identity/token';
import { handlePublicDocument, handleUserinfo } from './identity/userinfo';

export type { GoogleEmulator, GoogleEmulatorOptions, TokenState } from './emulator-types';

/** The account: a 21-digit sub like Google's, stable for the email. */
function accountOf(user: { name: string; email: string }): GoogleUser {
  const digits = BigInt(`0x${createHash('sha256').update(user.email.toLowerCase()).digest('hex')}`) % 10n ** 20n;
  const [givenName = user.name, ...rest] = user.name.trim().split(/\s+/);
  return {
    ...user,
    sub: `1${digits.toString().padStart(20, '0')}`,
    givenName,
    familyName: rest.join(' ') || undefined,
  };
}

/** Creates an emulator for one Google account. */
export function createGoogleEmulator(opts: GoogleEmulatorOptions = {}): GoogleEmulator {
  warmSigningKey();
  // Monotonic default clock, so tests that fake Date do not also move the emulator.
  const origin = Date.now() - performance.now();
  const baseClock = opts.clock ?? (() => Math.floor(origin + performance.now()));
  let offset = 0;
  const now = () => baseClock() + offset;
  const file = structuredClone(opts.calendar ?? demoGoogleCalendar(now()));
  let baseUrl = opts.baseUrl?.replace(/\/+$/, '');
  const requests: RequestLogEntry[] = [];
  const notices: AttendeeNotice[] = [];
  const meter = new ConcurrencyMeter();
  const user = accountOf(file.user);
  const events = new EventStore(now);
  seedEvents(events, file.calendars);
  const ctx: GoogleContext = {
    now,
    user,
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    redirectUris: opts.redirectUris,
    identity: new IdentityStore(now),
    faults: new FaultBook(opts.random),
    calendars: new CalendarBook(calendarsOf(file.calendars, user.email), user.email),
    events,
    notices,
    meetStatus: opts.meetStatus ?? 'success',
    baseUrl: (fallback) => baseUrl ?? fallback ?? 'http://127.0.0.1',
    log: (entry) => void requests.push(entry),
  };

  async function route(req: IncomingMessage, res: ServerResponse, pathWithQuery: string): Promise<boolean> {
    const url = new URL(pathWithQuery, 'http://emulator.invalid');
    const path = url.pathname;
    const mount = req.url?.endsWith(pathWithQuery) ? req.url.slice(0, req.url.length - pathWithQuery.length) : '';
    const base = () => ctx.baseUrl(`http://${req.headers.host ?? '127.0.0.1'}${mount}`);
    if (path === '/calendar') {
      const status = req.method === 'GET' ? 200 : 405;
      sendJson(res, status, status === 200 ? api.dump() : { error: { code: 405, message: 'Only GET /calendar.' } });
      ctx.log({ method: req.method ?? 'GET', route: 'dump', status });
    } else if (path === '/calendar/v3' || path.startsWith('/calendar/v3/'))
      await handleCalendar(ctx, meter, req, res, pathWithQuery.slice('/calendar/v3'.length) || '/');
    else if (path === AUTHORIZE_PATH) await handleAuthorize(ctx, req, res, url.searchParams);
    else if (path === '/token') await handleToken(ctx, req, res);
    else if (path === '/revoke') await handleRevoke(ctx, req, res, url.searchParams);
    else if (path === '/v1/userinfo' || path === '/oauth2/v3/userinfo') await handleUserinfo(ctx, req, res);
    else if (path === '/oauth2/v3/certs') await handlePublicDocument(ctx, req, res, 'certs', base());
    else if (path === '/.well-known/openid-configuration')
      await handlePublicDocument(ctx, req, res, 'discovery', base());
    else return false;
    return true;
  }

  async function handle(req: IncomingMessage, res: ServerResponse, pathWithQuery: string): Promise<boolean> {
    try {
      return await route(req, res, pathWithQuery);
    } catch (err) {
      if (res.headersSent) res.destroy(err as Error);
      else if (err instanceof BadRequestBody) sendOAuthError(res, oauthError(400, 'invalid_request', err.message));
      else {
        console.error('[sandbox google] request failed', err);
        sendOAuthError(res, oauthError(500, 'internal_failure', 'The sandbox emulator failed; see its log.'));
      }
      return true;
    }
  }

  const api: GoogleEmulator = {
    handle,
    async listen(port = 0) {
      const served = await listenStandalone(handle, port, { error: { code: 404, message: 'Not an emulator path.' } });
      baseUrl = served.baseUrl;
      return served;
    },
    async consent(authorizeUrl, options = {}) {
      return consentToUrl(ctx, authorizeUrl, options.deny ?? false, options.withhold ?? []);
    },
    faults: {
      add: (fault) => ctx.faults.add(fault),
      clear: () => ctx.faults.clear(),
      applied: () => ctx.faults.applied(),
    },
    revokeGrants: () => ctx.identity.revokeAll(),
    advanceClock: (ms) => void (offset += ms),
    now,
    requests,
    notices,
    maxConcurrent: () => meter.max,
    dump: () => dumpFile(ctx, file.user),
    addEvent(calendarId, input) {
      const calendar = ctx.calendars.find(calendarId);
      if (!calendar) throw new Error(`addEvent: the account has no calendar "${calendarId}"`);
      const problem = eventProblem(input as Record<string, unknown>, calendar.timeZone, true);
      if (problem) throw new Error(`addEvent: ${problem.path.join('.')}: ${problem.message}`);
      if (input.id !== undefined && (!EVENT_ID.test(input.id) || ctx.events.get(calendar.key, input.id)))
        throw new Error(`addEvent: id "${input.id}" is invalid or taken`);
      const { body, cancelled } = writableBody(input as Record<string, unknown>);
      return ctx.events.add(calendar.key, body, { id: input.id, deleted: cancelled }).id;
    },
    tokenState(token) {
      const access = ctx.identity.checkAccess(token);
      if (access.ok) return 'live';
      if (access.reason !== 'unknown') return access.reason;
      const refresh = ctx.identity.findRefresh(token);
      return refresh.ok ? 'live' : refresh.reason;
    },
  };
  return api;
}
