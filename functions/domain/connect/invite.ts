/** Signed, expiring invite links: the only way a manager id reaches the connect flow from a browser. */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { isManagerId } from '../../contract/booking-rules';
import { ExpiredError, UnauthorizedError, ValidationError } from '../errors';
import { sha256 } from './oauth-transaction';

/** What a manager is told for a link that does not verify: what may have happened, and what to do next. */
const INVALID_LINK =
  'This connect link is not valid: it may be incomplete or changed. ' +
  'Open the whole link from your message, or ask the person who sent it for a new one.';

/** Throws ValidationError unless `managerId` is a safe identifier. */
export function assertManagerId(managerId: string): void {
  if (!isManagerId(managerId)) {
    throw new ValidationError('Manager ids are 1-128 characters of letters, digits and . _ @ + -', 'manager_id');
  }
}

function sign(payload: string, key: string): Buffer {
  return createHmac('sha256', key).update(`invite.v1.${payload}`).digest();
}

/** An invite is a credential: it lasts at most a week (24 h unless configured otherwise). */
export const MAX_INVITE_HOURS = 24 * 7;

/** A plausible email address: one @, no spaces, a dot in the domain (the provider has the final word). */
const EMAIL = /^[^@\s]{1,64}@[^@\s]+\.[^@\s]{2,}$/;

/** The expected account as invites carry it (trimmed, lowercase); ValidationError unless it is an email address. */
export function expectedEmail(raw: string): string {
  const email = raw.trim().toLowerCase();
  if (!EMAIL.test(email) || email.length > 254) {
    throw new ValidationError('The expected account must be an email address.', 'email');
  }
  return email;
}

/** A provider id as invites carry it: the registry's short lowercase names ("acme"). */
const PROVIDER_ID = /^[a-z][a-z0-9-]{0,31}$/;

/** What an invite may pin besides the manager: the account it must connect, and the one provider it offers. */
export interface InviteExpectation {
  email?: string;
  provider?: string;
}

/**
 * A token binding `managerId` (and, optionally, the account it must connect and the provider it offers) until
 * `nowMs + ttlHours`, signed with `key` (HMAC-SHA256).
 */
export function createInviteToken(
  managerId: string,
  key: string,
  nowMs: number,
  ttlHours: number,
  expect: InviteExpectation = {},
): string {
  assertManagerId(managerId);
  if (!(ttlHours > 0 && ttlHours <= MAX_INVITE_HOURS)) {
    throw new ValidationError(`An invite lasts more than 0 and at most ${MAX_INVITE_HOURS} hours (7 days).`, 'ttl');
  }
  const email = expect.email === undefined ? undefined : expectedEmail(expect.email);
  if (expect.provider !== undefined && !PROVIDER_ID.test(expect.provider)) {
    throw new ValidationError('A provider is a short lowercase name such as "acme".', 'provider');
  }
  const payload = Buffer.from(
    JSON.stringify({
      m: managerId,
      iat: Math.floor(nowMs / 1000),
      exp: Math.floor(nowMs / 1000) + Math.round(ttlHours * 3600),
      n: randomBytes(9).toString('base64url'),
      ...(email ? { e: email } : {}),
      ...(expect.provider ? { p: expect.provider } : {}),
    }),
  ).toString('base64url');
  return `${payload}.${sign(payload, key).toString('base64url')}`;
}

/** The manager id a valid token carries; UnauthorizedError if forged or malformed, ExpiredError if expired. */
export function verifyInviteToken(
  token: string | undefined,
  key: string,
  nowMs: number,
): { managerId: string; expiresAt: number; issuedAt: number; inviteId: string; email?: string; provider?: string } {
  const [payload, signature, extra] = (token ?? '').split('.');
  if (!payload || !signature || extra !== undefined || payload.length > 1024) {
    throw new UnauthorizedError(INVALID_LINK);
  }
  const expected = sign(payload, key);
  const given = Buffer.from(signature, 'base64url');
  // Only the canonical encoding counts: base64url's last character carries spare bits a lenient decoder ignores.
  if (
    given.length !== expected.length ||
    given.toString('base64url') !== signature ||
    !timingSafeEqual(given, expected)
  ) {
    throw new UnauthorizedError(INVALID_LINK);
  }
  let claims: { m?: unknown; exp?: unknown; iat?: unknown; e?: unknown; p?: unknown };
  try {
    claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    throw new UnauthorizedError(INVALID_LINK);
  }
  if (typeof claims.m !== 'string' || !isManagerId(claims.m) || typeof claims.exp !== 'number') {
    throw new UnauthorizedError(INVALID_LINK);
  }
  if (claims.exp * 1000 <= nowMs) throw new ExpiredError('This connect link has expired. Ask for a new one.');
  // The id of a use-once invite: a hash of its signed payload (the payload carries a random nonce).
  const issuedAt = typeof claims.iat === 'number' ? claims.iat : 0;
  const email = typeof claims.e === 'string' ? { email: claims.e } : {};
  const provider = typeof claims.p === 'string' ? { provider: claims.p } : {};
  return { managerId: claims.m, expiresAt: claims.exp, issuedAt, inviteId: sha256(payload), ...email, ...provider };
}

/** The full connect URL for an invite token. */
export function inviteUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl.replace(/\/+$/, '')}/calendar/auth/start?invite=${encodeURIComponent(token)}`;
}
