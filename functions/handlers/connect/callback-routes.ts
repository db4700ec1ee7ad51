/**
 * GET /calendar/auth/callback: the provider's redirect. Whatever the outcome, it answers 303 to the result page at
 * once, so the code and state leave the address bar (and history), and it clears the binding cookie. The outcome
 * travels in a short-lived signed cookie, not the URL: ids, a status and our own text (which may name the expected
 * account), visible to this browser only. GET /calendar/auth/result shows it, as often as it is refreshed.
 */
import type { Context } from 'aws-lambda';
import { finishConnect } from '../../domain/connect/finish-connect';
import {
  type ConnectOutcome,
  createResultToken,
  RESULT_TTL_SECONDS,
  readResultToken,
} from '../../domain/connect/result-token';
import { ValidationError } from '../../domain/errors';
import { PATHS } from '../../contract/routes';
import type { ConnectFinishDeps } from '../../runtime/compose-connect';
import { withDeadline } from '../../runtime/deadline';
import { errorKeys, logger } from '../../runtime/logger';
import {
  bindingCookieName,
  clearBindingCookie,
  clearPageCookie,
  pageCookieName,
  resultCookie,
  resultCookieName,
} from '../shared/cookies';
import { publicMessage, statusFor } from '../shared/errors';
import { cookieValue, html, queryParam, seeOther, type HttpEvent, type HttpResult } from '../shared/http';
import { problemPage } from '../shared/pages';
import { connectedPage, noResultPage } from './result-page';
import { HOURS_ANCHOR } from './manager-page';
import { inviteUrl, verifyInviteToken } from '../../domain/connect/invite';

/** Finishes the connect (or records why not) and sends the browser on to the result page. */
export async function finishCallback(event: HttpEvent, context: Context, deps: ConnectFinishDeps): Promise<HttpResult> {
  // Never log the event: its query string holds the authorization code and state.
  const state = queryParam(event, 'state');
  // The whole exchange, DynamoDB and KMS included, must finish inside the function's timeout (a cold start used some).
  const budgetMs = Math.max(1_000, Math.min(deps.budgetMs, context.getRemainingTimeInMillis() - 1_000));
  let outcome: ConnectOutcome;
  try {
    const input = {
      state,
      code: queryParam(event, 'code'),
      error: queryParam(event, 'error'),
      bindingCookie: cookieValue(event, bindingCookieName(deps.secureCookies, state)),
    };
    const done = await withDeadline({ at: Date.now() + budgetMs }, () => finishConnect(input, { ...deps, budgetMs }));
    logger.info('calendar connected', { managerId: done.managerId, provider: done.connection.provider });
    outcome = { ok: true, managerId: done.managerId, connectionId: done.connection.connectionId };
  } catch (error) {
    const status = statusFor(error);
    if (status >= 500) logger.error('request failed', { status, ...errorKeys(error) });
    else logger.info('connect not finished', { status, error: errorKeys(error).error, code: codeOf(error) });
    outcome = { ok: false, status, message: publicMessage(error, status) };
  }
  const token = createResultToken(outcome, deps.inviteSigningKey, deps.clock());
  return seeOther(`${deps.publicBaseUrl}${PATHS.result}`, [
    clearBindingCookie(deps.secureCookies, state),
    resultCookie(token, deps.secureCookies, RESULT_TTL_SECONDS),
  ]);
}

/** A refused connect's short code ("scopes", "account_mismatch"), never its text. */
const codeOf = (error: unknown) => (error instanceof ValidationError ? error.reason : undefined);

/** The result page: the connected account's calendars and roles (read now), or why it did not connect. */
export async function showResult(event: HttpEvent, deps: ConnectFinishDeps): Promise<HttpResult> {
  const token = cookieValue(event, resultCookieName(deps.secureCookies));
  const outcome = readResultToken(token, deps.inviteSigningKey, deps.clock());
  // The kept invite serves this page once, whatever it shows; a refresh then asks for the connect link instead.
  const cookies = cookieValue(event, pageCookieName(deps.secureCookies)) ? [clearPageCookie(deps.secureCookies)] : [];
  if (!outcome) return html(410, noResultPage(), { cookies });
  if (!outcome.ok) return html(outcome.status, problemPage(outcome.message), { cookies });
  const record = await deps.connections.get(outcome.managerId);
  const connection = record?.connections.find((c) => c.connectionId === outcome.connectionId);
  if (!connection) return html(410, noResultPage(), { cookies });
  const plugin = deps.providers.get(connection.provider);
  // A provider whose settings carry no working hours: say where the hours come from, and link to where they are set.
  const hours =
    plugin?.readsWorkingHours === false
      ? { providerLabel: plugin.label, pageUrl: managerPageUrl(event, deps, outcome.managerId) }
      : undefined;
  return html(200, connectedPage(connection, hours), { cookies });
}

/** The manager's page, from the invite the connect started with (while this browser has it and it is valid). */
function managerPageUrl(event: HttpEvent, deps: ConnectFinishDeps, managerId: string): string | undefined {
  const raw = cookieValue(event, pageCookieName(deps.secureCookies));
  if (!raw) return undefined;
  try {
    const invite = decodeURIComponent(raw);
    if (verifyInviteToken(invite, deps.inviteSigningKey, deps.clock()).managerId !== managerId) return undefined;
    return `${inviteUrl(deps.publicBaseUrl, invite)}#${HOURS_ANCHOR}`;
  } catch {
    return undefined;
  }
}
