/** Constant-time comparison of secrets of any length. */
import { createHash, timingSafeEqual } from 'node:crypto';

/** True when `given` equals one of `expected`; digests first, so lengths never leak or throw. */
export function secretMatches(given: string | undefined, expected: readonly string[]): boolean {
  if (!given) return false;
  const a = createHash('sha256').update(given).digest();
  let match = false;
  for (const secret of expected) {
    if (secret && timingSafeEqual(a, createHash('sha256').update(secret).digest())) match = true;
  }
  return match;
}
