/**
 * The Microsoft emulator: Entra sign-in (/login/...) and Graph calendar (/graph/v1.0/...) for one mailbox, in memory.
 * It serves the sandbox (mounted under the app's server, or standalone) and the tests, so the app's real msal-node
 * and Graph code run unchanged against it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { listenStandalone } from '../shared/standalone';
import { mailboxSettingsSchema } from './calendar-schema';
import type { EmulatorContext, MailboxUser, RequestLogEntry } from './context';
import { demoCalendar } from './demo-calendar';
import { dumpMailbox } from './dump';
import type { MicrosoftEmulator, MicrosoftEmulatorOptions } from './emulator-types';
import { FaultBook } from './faults';
import type { SandboxCalendarFile } from './file-schema';
import { EventStore } from './graph/event-store';
import { MailboxConcurrency } from './graph/mailbox-concurrency';
import { ViewCache } from './graph/view-cache';
import { calendarsOf, MailboxCalendars } from './graph/mailbox-calendars';
import type { AttendeeNotice } from './graph/notices';
import { ConcurrencyMeter } from '../shared/concurrency-meter';
import { handleGraph } from './graph/router';
import { BadRequestBody, sendJson, stableGuid } from '../shared/http';
import { consentToUrl, handleAuthorize } from './identity/authorize';
import { IdentityStore } from './identity/grants';
import { handleToken } from './identity/token';

export type { MicrosoftEmulator, MicrosoftEmulatorOptions } from './emulator-types';

function mailboxUser(calendar: SandboxCalendarFile): MailboxUser {
  const mail = calendar.user.mail;
  return {
    oid: stableGuid(`oid:${mail.toLowerCase()}`),
    tid: stableGuid(`tid:${mail.split('@')[1]?.toLowerCase() ?? ''}`),
    displayName: calendar.user.displayName,
    mail,
    userPrincipalName: calendar.user.userPrincipalName ?? mail,
  };
}

/** Creates an emulator for one mailbox. */
export function createMicrosoftEmulator(opts: MicrosoftEmulatorOptions = {}): MicrosoftEmulator {
  // Monotonic default clock, so tests that fake Date for msal do not also move the emulator.
  const origin = Date.now() - performance.now();
  const baseClock = opts.clock ?? (() => origin + performance.now());
  let offset = 0;
  const now = () => baseClock() + offset;
  const calendar = structuredClone(opts.calendar ?? demoCalendar(now()));
  let baseUrl = opts.baseUrl?.replace(/\/+$/, '');
  const requests: RequestLogEntry[] = [];
  const notices: AttendeeNotice[] = [];
  const meter = new ConcurrencyMeter();
  const faults = new FaultBook(opts.random);
  const user = mailboxUser(calendar);
  const seeded = calendarsOf(calendar, user);
  const events = new EventStore(
    now,
    seeded.map((s) => ({ calendarId: s.calendar.id, events: s.events })),
  );
  const ctx: EmulatorContext = {
    now,
    user,
    clientId: opts.clientId,
    clientSecret: opts.clientSecret,
    identity: new IdentityStore(now),
    faults,
    calendars: new MailboxCalendars(seeded.map((s) => s.calendar)),
    events,
    concurrency: new MailboxConcurrency(opts.mailboxConcurrency),
    views: new ViewCache(events),
    mailboxSettings: calendar.mailboxSettings,
    duplicateTransactionStatus: opts.duplicateTransactionStatus ?? 400,
    notices,
    withheldScopes: [...(opts.withheldScopes ?? [])],
    baseUrl: (fallback) => baseUrl ?? fallback ?? 'http://127.0.0.1',
    log: (entry) => void requests.push(entry),
  };

  async function handle(req: IncomingMessage, res: ServerResponse, pathWithQuery: string): Promise<boolean> {
    const url = new URL(pathWithQuery, 'http://emulator.invalid');
    const path = url.pathname;
    const isGraph = path === '/graph/v1.0' || path.startsWith('/graph/v1.0/');
    if (path !== '/calendar' && !isGraph && !path.startsWith('/login/')) return false;
    // Without a configured base URL, derive it from where this request was mounted (for absolute nextLinks).
    const mount = req.url?.endsWith(pathWithQuery) ? req.url.slice(0, req.url.length - pathWithQuery.length) : '';
    const fallback = `http://${req.headers.host ?? '127.0.0.1'}${mount}`;
    try {
      if (path === '/calendar') {
        const status = req.method === 'GET' ? 200 : 405;
        sendJson(
          res,
          status,
          status === 200 ? api.dump() : { error: 'method_not_allowed', error_description: 'Only GET /calendar.' },
        );
        ctx.log({ method: req.method ?? 'GET', route: 'dump', status });
      } else if (isGraph) {
        await handleGraph(
          ctx,
          meter,
          req,
          res,
          pathWithQuery.slice('/graph/v1.0'.length) || '/',
          `${ctx.baseUrl(fallback)}/graph/v1.0`,
        );
      } else {
        const login = /^\/login\/([^/]+)\/oauth2\/v2\.0\/(authorize|token)$/i.exec(path);
        if (!login?.[1])
          sendJson(res, 404, { error: 'not_found', error_description: `No sandbox sign-in endpoint at ${path}.` });
        else if (login[2]?.toLowerCase() === 'token') await handleToken(ctx, req, res, url.searchParams);
        else await handleAuthorize(ctx, req, res, decodeURIComponent(login[1]), url.searchParams);
      }
    } catch (err) {
      if (res.headersSent) res.destroy(err as Error);
      else if (err instanceof BadRequestBody)
        sendJson(res, 400, { error: 'invalid_request', error_description: err.message });
      else {
        console.error('[sandbox microsoft] request failed', err);
        sendJson(res, 500, { error: 'server_error', error_description: 'The sandbox emulator failed; see its log.' });
      }
    }
    return true;
  }

  const api: MicrosoftEmulator = {
    handle,
    async listen(port = 0) {
      const served = await listenStandalone(handle, port, {
        error: 'not_found',
        error_description: 'Not an emulator path.',
      });
      baseUrl = served.baseUrl;
      return served;
    },
    async consent(authorizeUrl, options = {}) {
      return consentToUrl(ctx, authorizeUrl, options.deny ?? false, options.withhold ?? ctx.withheldScopes);
    },
    withholdScopes: (scopes) => void (ctx.withheldScopes = [...scopes]),
    faults: { add: (fault) => faults.add(fault), clear: () => faults.clear(), applied: () => faults.applied() },
    revokeGrants: () => ctx.identity.revokeAll(),
    advanceClock: (ms) => void (offset += ms),
    now,
    requests,
    notices,
    maxConcurrent: () => meter.max,
    calendarViewExpansions: () => ctx.views.expansions,
    addEvent: (input, calendarName) => {
      const target = calendarName === undefined ? ctx.calendars.default() : ctx.calendars.byName(calendarName);
      if (!target) throw new Error(`addEvent: the mailbox has no calendar named "${calendarName}"`);
      const outcome = ctx.events.create(target.id, input);
      if (outcome.kind !== 'created') throw new Error(`addEvent: ${outcome.kind}`);
      return outcome.event.id;
    },
    updateMailboxSettings: (settings) =>
      void Object.assign(calendar.mailboxSettings, mailboxSettingsSchema.parse(settings)),
    dump: () => dumpMailbox(ctx, calendar.user),
  };
  return api;
}
