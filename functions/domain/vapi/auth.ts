/** Authentication of VAPI → webhook requests by a shared secret (legacy X-Vapi-Secret or a Bearer credential). */
import { createHash, timingSafeEqual } from 'node:crypto';

const BEARER = /^Bearer[ \t]+(\S.*)$/i;

function digest(value: string): Buffer {
  return createHash('sha256').update(value, 'utf8').digest();
}

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

/**
 * True if the request carries one of `secrets` (current and previous, during rotation) as `X-Vapi-Secret: <secret>`
 * or `Authorization: Bearer <secret>`. Compares SHA-256 digests in constant time, so lengths never leak or throw.
 */
export function verifyVapiSecret(headers: Record<string, string | undefined>, secrets: readonly string[]): boolean {
  if (headers === null || typeof headers !== 'object') return false;
  // An empty configured secret must never let an empty (or any) header through.
  const expected = secrets.filter((s) => typeof s === 'string' && s.length > 0).map(digest);
  let ok = false;
  for (const value of presented(headers)) {
    const given = digest(value);
    // No early exit: every comparison runs, so timing does not reveal which secret (if any) matched.
    for (const candidate of expected) ok = timingSafeEqual(given, candidate) || ok;
  }
  return ok;
}
