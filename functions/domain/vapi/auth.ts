/**
 * Authentication of VAPI → webhook requests: a shared secret (X-Vapi-Secret or Bearer)
 * or an HMAC signature (vapi.md §4).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { secretMatches } from '../secret-compare';

const BEARER = /^Bearer[ \t]+(\S.*)$/i;
/** Replay window either side of now (Stripe's and Svix's default, security.md §3). */
const DEFAULT_TOLERANCE_SECONDS = 300;
/** Epoch seconds stay below this until the year 5138; epoch ms passed it in 1973, so the magnitude tells the unit. */
const MS_THRESHOLD = 1e11;
// Digits only, at most 16 of them, so Number() is exact and signs, decimals and exponents are rejected.
const TIMESTAMP = /^\d{1,16}$/;
const HEX_SHA256 = /^[0-9a-f]{64}$/i;
const BASE64_SHA256 = /^[A-Za-z0-9+/]{43}=?$/;
const SIGNATURE_PREFIX = /^sha256=/i;

/** The value of header `name`, looked up case-insensitively; non-string values (e.g. arrays) count as absent. */
function header(headers: Record<string, unknown>, name: string): string | undefined {
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() === name && typeof value === 'string') return value.trim();
  }
  return undefined;
}

/** The secrets the request presents: the X-Vapi-Secret value and the Bearer token, whichever are non-empty. */
function presented(headers: Record<string, unknown>): string[] {
  const found: string[] = [];
  const legacy = header(headers, 'x-vapi-secret');
  if (legacy) found.push(legacy);
  const bearer = BEARER.exec(header(headers, 'authorization') ?? '')?.[1]?.trim();
  if (bearer) found.push(bearer);
  return found;
}

/** Configured secrets that may be used: an empty one must never let an empty (or any) request through. */
function usable(secrets: readonly string[]): string[] {
  return Array.isArray(secrets) ? secrets.filter((s) => typeof s === 'string' && s.length > 0) : [];
}

/**
 * True if the request carries one of `secrets` (current and previous, during rotation) as `X-Vapi-Secret: <secret>`
 * or `Authorization: Bearer <secret>`. Compares SHA-256 digests in constant time, so lengths never leak or throw.
 */
export function verifyVapiSecret(headers: Record<string, string | undefined>, secrets: readonly string[]): boolean {
  if (headers === null || typeof headers !== 'object') return false;
  const expected = usable(secrets);
  let ok = false;
  // No early exit: both presented values are checked, so timing does not reveal which one (if any) matched.
  for (const value of presented(headers)) ok = secretMatches(value, expected) || ok;
  return ok;
}

/** The x-timestamp value as epoch ms (sent as seconds or ms; VAPI does not document which), or undefined if garbled. */
function timestampMs(raw: string): number | undefined {
  if (!TIMESTAMP.test(raw)) return undefined;
  const value = Number(raw);
  return value > MS_THRESHOLD ? value : value * 1000;
}

/** The 32 signature bytes from x-signature (hex or base64, optional `sha256=`), or undefined if it cannot be one. */
function signatureBytes(raw: string): Buffer | undefined {
  const value = raw.replace(SIGNATURE_PREFIX, '');
  if (HEX_SHA256.test(value)) return Buffer.from(value, 'hex');
  if (BASE64_SHA256.test(value)) return Buffer.from(value, 'base64');
  return undefined;
}

/** A signature that verified: its 32 bytes (the replay record's key) and when it says it was sent. */
export interface VerifiedSignature {
  signature: Buffer;
  sentAtMs: number;
}

/** The signature if x-signature is HMAC-SHA256(secret, `${x-timestamp}.${rawBody}`) for one of `secrets`, in window. */
function verifyHmac(
  headers: Record<string, unknown>,
  rawBody: string,
  secrets: string[],
  nowMs: number,
  toleranceSeconds: number,
): VerifiedSignature | undefined {
  const stamp = header(headers, 'x-timestamp');
  const signature = header(headers, 'x-signature');
  if (stamp === undefined || signature === undefined || typeof rawBody !== 'string') return undefined;
  const sentAt = timestampMs(stamp);
  // Checked before any HMAC work; NaN or a negative tolerance fails the comparison and so rejects (fail closed).
  if (sentAt === undefined || !(Math.abs(nowMs - sentAt) <= toleranceSeconds * 1000)) return undefined;
  const given = signatureBytes(signature);
  // Both sides are 32-byte SHA-256 digests from here on, so timingSafeEqual cannot throw on a length mismatch.
  if (given?.length !== 32) return undefined;
  // The timestamp is signed exactly as sent, so the unit does not matter for the signature itself.
  const payload = `${stamp}.${rawBody}`;
  let ok = false;
  for (const secret of secrets) {
    const expected = createHmac('sha256', secret).update(payload, 'utf8').digest();
    ok = timingSafeEqual(given, expected) || ok;
  }
  return ok ? { signature: given, sentAtMs: sentAt } : undefined;
}

export interface VapiRequestAuth {
  headers: Record<string, string | undefined>;
  rawBody: string;
  secrets: readonly string[];
  nowMs: number;
  toleranceSeconds?: number;
  /** `hmac`: only a signature authenticates; a static secret is refused without being compared. */
  mode?: 'any' | 'hmac';
}

/**
 * Why a request is refused: no credential at all, a wrong one, a signature whose timestamp is outside the window, or
 * a static secret where only signatures are accepted.
 */
export type VapiAuthFailure = 'missing' | 'wrong' | 'stale' | 'static';

/** How a request authenticated (a signature, which the caller must still check for replay), or why it did not. */
export type VapiAuthVerdict =
  | { ok: true; via: 'secret' }
  | ({ ok: true; via: 'signature' } & VerifiedSignature)
  | { ok: false; failure: VapiAuthFailure };

/**
 * Authenticates with a static secret (see verifyVapiSecret; not in `hmac` mode) or a valid VAPI HMAC signature
 * (`x-signature` = HMAC-SHA256 of `${x-timestamp}.${rawBody}` under one of `secrets`, sent within ±toleranceSeconds
 * of nowMs); else says why not, for the log. Never throws, never says what was presented.
 */
export function authenticateVapiRequest(input: VapiRequestAuth): VapiAuthVerdict {
  const { headers, rawBody, secrets, nowMs, toleranceSeconds = DEFAULT_TOLERANCE_SECONDS, mode = 'any' } = input;
  if (headers === null || typeof headers !== 'object') return { ok: false, failure: 'missing' };
  if (mode !== 'hmac' && verifyVapiSecret(headers, secrets)) return { ok: true, via: 'secret' };
  const signed = verifyHmac(headers, rawBody, usable(secrets), nowMs, toleranceSeconds);
  if (signed) return { ok: true, via: 'signature', ...signed };
  const signature = header(headers, 'x-signature');
  if (signature === undefined && presented(headers).length)
    return { ok: false, failure: mode === 'hmac' ? 'static' : 'wrong' };
  if (signature === undefined) return { ok: false, failure: 'missing' };
  const sentAt = timestampMs(header(headers, 'x-timestamp') ?? '');
  const inWindow = sentAt !== undefined && Math.abs(nowMs - sentAt) <= toleranceSeconds * 1000;
  return { ok: false, failure: sentAt !== undefined && !inWindow ? 'stale' : 'wrong' };
}

/** Undefined if the request authenticates (see authenticateVapiRequest), else why not. Never throws. */
export function vapiAuthFailure(input: VapiRequestAuth): VapiAuthFailure | undefined {
  const verdict = authenticateVapiRequest(input);
  return verdict.ok ? undefined : verdict.failure;
}

/** True if the request authenticates (see authenticateVapiRequest). Never throws. */
export function verifyVapiRequest(input: VapiRequestAuth): boolean {
  return vapiAuthFailure(input) === undefined;
}
