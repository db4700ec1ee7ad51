/** The webhook's authentication step: credential, then (for a signature) the replay record; a refusal is a 401. */
import { authenticateVapiRequest, type VapiAuthFailure } from '../../domain/vapi/auth';
import { isReplayed } from '../../domain/vapi/replay';
import type { WebhookDeps } from '../../runtime/compose-webhook';
import { logger } from '../../runtime/logger';
import { type HttpEvent, type HttpResult, json, lowerHeaders, rawBody } from './http';

/** What authenticating the webhook needs from its composition root. */
export type WebhookAuthDeps = Pick<WebhookDeps, 'vapiSecrets' | 'vapiAuthMode' | 'replays'>;

/** The WARN line's reason: what was wrong, never what was presented. */
const REASONS: Record<VapiAuthFailure, string> = {
  missing: 'missing credential',
  wrong: 'wrong credential',
  stale: 'stale credential',
  static: 'static secret refused (VAPI_AUTH_MODE=hmac)',
};

/** A 401 for a request that does not authenticate or replays a signature already admitted; undefined to go on. */
export async function refuseUnauthenticated(event: HttpEvent, deps: WebhookAuthDeps): Promise<HttpResult | undefined> {
  const nowMs = Date.now();
  const verdict = authenticateVapiRequest({
    headers: lowerHeaders(event),
    rawBody: rawBody(event),
    secrets: await deps.vapiSecrets(),
    nowMs,
    mode: deps.vapiAuthMode,
  });
  let reason: string | undefined;
  if (!verdict.ok) reason = REASONS[verdict.failure];
  else if (verdict.via === 'signature' && (await isReplayed(verdict, deps.replays, nowMs)))
    reason = 'replayed signature';
  if (reason === undefined) return undefined;
  logger.warn('webhook request rejected', { status: 401, reason });
  return json(401, { error: 'Unauthorized' });
}
