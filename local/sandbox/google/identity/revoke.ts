/** POST /revoke?token=… (or the token in the form body): the app disconnects, and the token's grant dies. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { readForm, sendJson } from '../../shared/http';
import type { GoogleContext } from '../context';
import { faultDelay, resolveFault } from '../faults';
import { oauthError, sendOAuthError } from './token';

/** Serves the revoke endpoint: 200 {} and the session (refresh and access tokens) revoked, or 400 invalid_token. */
export async function handleRevoke(
  ctx: GoogleContext,
  req: IncomingMessage,
  res: ServerResponse,
  query: URLSearchParams,
): Promise<void> {
  const method = req.method ?? 'POST';
  const form = method === 'POST' ? await readForm(req) : new URLSearchParams();
  const finish = (status: number) => ctx.log({ method, route: 'revoke', status });
  const fault = ctx.faults.take('revoke');
  await faultDelay(fault);
  const scripted = fault && resolveFault(fault, 'oauth');
  if (scripted) {
    sendOAuthError(res, oauthError(scripted.status, scripted.reason, scripted.message));
    return finish(scripted.status);
  }
  const token = query.get('token') ?? form.get('token');
  if (!token) {
    sendOAuthError(res, oauthError(400, 'invalid_request', 'Bad Request'));
    return finish(400);
  }
  if (!ctx.identity.revokeToken(token)) {
    sendOAuthError(res, oauthError(400, 'invalid_token', 'Token expired or revoked'));
    return finish(400);
  }
  sendJson(res, 200, {});
  finish(200);
}
