/** Signs test requests the way VAPI's HMAC credential does: HMAC-SHA256(secret, `${timestamp}.${body}`). */
import { createHmac } from 'node:crypto';

export const CURRENT = 'whsec-current-0123456789abcdef';
export const PREVIOUS = 'whsec-previous-fedcba9876543210';
export const SECRETS = [CURRENT, PREVIOUS] as const;
/** A fixed "now" (2025-06-15T15:06:40Z) in epoch ms. */
export const NOW_MS = 1_750_000_000_000;
export const BODY = '{"message":{"type":"tool-calls","toolCallList":[]}}';

export type Encoding = 'hex' | 'base64';

/** The signature of `body` sent at `timestamp` (the header text, signed verbatim). */
export function sign(secret: string, timestamp: string, body: string, encoding: Encoding = 'hex'): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest(encoding);
}

/** The x-timestamp header for `offsetSeconds` away from NOW_MS, in seconds or milliseconds. */
export function stampAt(offsetSeconds: number, unit: 's' | 'ms' = 's'): string {
  const ms = NOW_MS + offsetSeconds * 1000;
  return unit === 'ms' ? String(ms) : String(Math.floor(ms / 1000));
}

/** HMAC headers signed with `secret` for `body`, `offsetSeconds` from NOW_MS. */
export function signedHeaders(
  body: string,
  opts: { secret?: string; offsetSeconds?: number; unit?: 's' | 'ms'; encoding?: Encoding; prefix?: string } = {},
): Record<string, string> {
  const timestamp = stampAt(opts.offsetSeconds ?? 0, opts.unit);
  const signature = sign(opts.secret ?? CURRENT, timestamp, body, opts.encoding);
  return { 'x-timestamp': timestamp, 'x-signature': `${opts.prefix ?? ''}${signature}` };
}
