/**
 * The outcome of a provider callback, carried to the result page in a short-lived signed token (a cookie), so the
 * callback can answer 303 at once and a refresh of the result page shows the same outcome again. It holds ids, a
 * status and our own message, never a code, a state or a credential.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import * as z from 'zod/mini';

/** How long the result page can be refreshed after a callback. */
export const RESULT_TTL_SECONDS = 600;

const outcomeSchema = z.discriminatedUnion('ok', [
  z.object({
    ok: z.literal(true),
    managerId: z.string().check(z.maxLength(128)),
    connectionId: z.string().check(z.maxLength(128)),
  }),
  z.object({
    ok: z.literal(false),
    status: z.number().check(z.int(), z.gte(400), z.lte(599)),
    message: z.string().check(z.maxLength(600)),
  }),
]);

/** A connected account (ids to look it up by), or a failure with its HTTP status and the text shown. */
export type ConnectOutcome = z.infer<typeof outcomeSchema>;

function sign(payload: string, key: string): Buffer {
  return createHmac('sha256', key).update(`result.v1.${payload}`).digest();
}

/** A token carrying `outcome` until `nowMs` + RESULT_TTL_SECONDS. */
export function createResultToken(outcome: ConnectOutcome, key: string, nowMs: number): string {
  const exp = Math.floor(nowMs / 1000) + RESULT_TTL_SECONDS;
  const payload = Buffer.from(JSON.stringify({ ...outcome, exp })).toString('base64url');
  return `${payload}.${sign(payload, key).toString('base64url')}`;
}

/** The outcome a valid, unexpired token carries; undefined for anything else (absent, forged, expired). */
export function readResultToken(token: string | undefined, key: string, nowMs: number): ConnectOutcome | undefined {
  const [payload, signature, extra] = (token ?? '').split('.');
  if (!payload || !signature || extra !== undefined || payload.length > 2048) return undefined;
  const expected = sign(payload, key);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const exp = z.object({ exp: z.number() }).safeParse(claims);
  if (!exp.success || exp.data.exp * 1000 <= nowMs) return undefined;
  const outcome = outcomeSchema.safeParse(claims);
  return outcome.success ? outcome.data : undefined;
}
