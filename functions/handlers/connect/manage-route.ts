/**
 * POST /calendar/auth/manage: a form on the manager's page (a calendar's role, or disconnecting an account). Checked
 * like every connect form (invite, invite cookie, CSRF); done, it answers 303 back to the page (post/redirect/get).
 */
import { inviteUrl, verifyInviteToken } from '../../domain/connect/invite';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { disconnect, setCalendarRole } from '../../domain/manage/calendar-admin';
import type { ConnectStartDeps } from '../../runtime/compose-connect';
import { logger } from '../../runtime/logger';
import { formFields, html, seeOther, type HttpEvent, type HttpResult } from '../shared/http';
import { notChangedPage, sessionExpiredPage } from './connect-page';
import { manageForm, readForm } from './forms';
import { sessionAccepts } from './invite-session';
import type { Notice } from './manager-page';

/** Applies one change of the manager's page and sends the browser back to it. */
export async function manageCalendars(event: HttpEvent, deps: ConnectStartDeps): Promise<HttpResult> {
  const form = readForm(manageForm, formFields(event));
  const { managerId, inviteId } = verifyInviteToken(form.invite, deps.inviteSigningKey, deps.clock());
  if (!sessionAccepts(event, form.csrf, inviteId, deps)) {
    logger.warn('manage form refused', { managerId, reason: 'csrf' });
    return html(403, sessionExpiredPage());
  }
  const page = inviteUrl(deps.publicBaseUrl, form.invite);
  let notice: Notice;
  try {
    if (form.action === 'role') {
      const target = { connectionId: form.connection, calendarId: form.calendar, role: form.role };
      await setCalendarRole(managerId, target, deps);
      notice = 'saved';
    } else {
      await disconnect(managerId, form.connection, deps);
      notice = 'disconnected';
    }
  } catch (error) {
    // A refused change (the book calendar, a read-only one, something already gone) is the manager's to see.
    if (error instanceof ValidationError) return html(400, notChangedPage(error.message, page));
    if (error instanceof NotFoundError) {
      return html(404, notChangedPage('That calendar or account is no longer connected.', page));
    }
    throw error;
  }
  logger.info('manager changed calendars', { managerId, action: form.action, connectionId: form.connection });
  return seeOther(`${page}&done=${notice}`);
}
