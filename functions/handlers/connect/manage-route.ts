/**
 * POST /calendar/auth/manage: a form on the manager's page (a calendar's role, the bookable hours, or disconnecting an
 * account). Checked like every connect form (invite, invite cookie, CSRF); done, it answers 303 back to the page
 * (post/redirect/get).
 */
import { inviteUrl, verifyInviteToken } from '../../domain/connect/invite';
import { NotFoundError, ValidationError } from '../../domain/errors';
import { disconnect, setCalendarRole } from '../../domain/manage/calendar-admin';
import { settingsProblems } from '../../contract/manager-settings';
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
    } else if (form.action === 'hours') {
      await saveHours(managerId, form, deps);
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
  const connectionId = 'connection' in form ? form.connection : undefined;
  logger.info('manager changed calendars', { managerId, action: form.action, connectionId });
  return seeOther(`${page}&done=${notice}`);
}

/** Stores the page's hours and zone through the same rules as the admin API; a blank field removes the setting. */
async function saveHours(
  managerId: string,
  form: { workingHours: string; timeZone: string },
  deps: ConnectStartDeps,
): Promise<void> {
  const changes = { workingHours: form.workingHours.trim() || null, timeZone: form.timeZone.trim() || null };
  const problems = settingsProblems(changes);
  if (problems.length) throw new ValidationError(`Not saved: ${problems.join('; ')}.`, 'settings');
  await deps.settings.merge(managerId, changes, new Date(deps.clock()).toISOString());
}
