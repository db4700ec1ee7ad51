/**
 * GET /calendar/auth/start?invite=… opens a page, never a redirect: "Connect your calendar" for a manager with no
 * connection, "Your calendars" for one with connections. POST /calendar/auth/start (a button on either) goes on to the
 * provider's sign-in, once the invite, the invite cookie and the CSRF token all check out.
 */
import { startConnect } from '../../domain/connect/connect-calendar';
import { verifyInviteToken } from '../../domain/connect/invite';
import { inviteOlderThan } from '../../domain/connect/invite-age';
import { ValidationError } from '../../domain/errors';
import { getManagerView } from '../../domain/manage/manager-view';
import { PATHS } from '../../contract/routes';
import type { ConnectStartDeps } from '../../runtime/compose-connect';
import { logger } from '../../runtime/logger';
import { bindingCookie, pageCookie } from '../shared/cookies';
import { formFields, html, queryParam, seeOther, type HttpEvent, type HttpResult } from '../shared/http';
import { connectPage, type FormContext, sessionExpiredPage } from './connect-page';
import { readForm, startForm } from './forms';
import { openSession, sessionAccepts } from './invite-session';
import { managerPage, NOTICES, type Notice } from './manager-page';

const NO_INVITE = 'This page needs the connect link you were sent. Ask for a new invite link.';

/** The form context of a page for `invite`. */
export function formContext(deps: ConnectStartDeps, invite: string, csrf: string): FormContext {
  return {
    startUrl: `${deps.publicBaseUrl}${PATHS.connect}`,
    manageUrl: `${deps.publicBaseUrl}${PATHS.manage}`,
    invite,
    csrf,
  };
}

const isNotice = (word: string | undefined): word is Notice => word !== undefined && Object.hasOwn(NOTICES, word);

/** GET: the invite's page, with the invite cookie (re)set and the forms' CSRF token bound to it. */
export async function showInvitePage(event: HttpEvent, deps: ConnectStartDeps): Promise<HttpResult> {
  const token = queryParam(event, 'invite');
  if (!token) throw new ValidationError(NO_INVITE, 'invite_missing');
  const invite = verifyInviteToken(token, deps.inviteSigningKey, deps.clock());
  const session = openSession(event, invite.inviteId, deps);
  const view = await getManagerView(invite.managerId, deps);
  const form = formContext(deps, token, session.csrf);
  // A link pinned to a provider (npm run invite -- --provider) offers only that provider's buttons.
  const all = deps.providers.all();
  const plugins = all.filter((p) => invite.provider === undefined || p.id === invite.provider);
  const providers = plugins.map(({ id, label }) => ({ id, label }));
  const labels = all.map(({ id, label, revoke }) => ({ id, label, revokes: revoke !== undefined }));
  const done = queryParam(event, 'done');
  const mayAdd = !inviteOlderThan(invite.issuedAt, view.connections);
  const body = view.connections.length
    ? managerPage({ view, providers, labels, form, mayAdd, notice: isNotice(done) ? done : undefined })
    : connectPage({ managerId: invite.managerId, expectedEmail: invite.email, providers, form });
  // Its connect, reconnect and "another account" forms are answered with a 303 to the provider's sign-in.
  const formTargets = plugins.map((p) => p.authorizeOrigin);
  return html(200, body, { cookies: [session.cookie], formTargets });
}

/** POST: checks the form, then stores a pending authorization and answers 303 to the provider's sign-in page. */
export async function continueToProvider(event: HttpEvent, deps: ConnectStartDeps): Promise<HttpResult> {
  const form = readForm(startForm, formFields(event));
  const invite = verifyInviteToken(form.invite, deps.inviteSigningKey, deps.clock());
  if (!sessionAccepts(event, form.csrf, invite.inviteId, deps)) {
    logger.warn('connect form refused', { managerId: invite.managerId, reason: 'csrf' });
    return html(403, sessionExpiredPage());
  }
  const started = await startConnect({ invite: form.invite, provider: form.provider, intent: form.intent }, deps);
  logger.info('connect started', { managerId: started.managerId, provider: form.provider, intent: form.intent });
  const cookies = [bindingCookie(started.binding, deps.secureCookies, started.state)];
  // Only a provider without working hours has the result page link back (to the hours form): only then keep the link.
  if (deps.providers.get(form.provider)?.readsWorkingHours === false) {
    cookies.push(pageCookie(form.invite, deps.secureCookies));
  }
  return seeOther(started.authorizeUrl, cookies);
}
