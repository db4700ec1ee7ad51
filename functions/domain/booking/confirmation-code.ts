/** Short confirmation codes a caller can hear and repeat back. */
import { createHash, randomInt } from 'node:crypto';

/** No 0/O, 1/I/L, 2/Z, 5/S, 8/B: letters and digits that sound or look alike are left out. */
export const CODE_ALPHABET = 'ACDEFGHJKMNPQRTUVWXY34679';

/** A random code of `length` characters from the unambiguous alphabet. */
export function newConfirmationCode(length = 6, random: (max: number) => number = randomInt): string {
  let code = '';
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[random(CODE_ALPHABET.length)];
  return code;
}

/** The code spelled out for speech: "K, 7, M, 3, P, X". */
export function spellCode(code: string): string {
  return code.split('').join(', ');
}

/** The code for an idempotency key: every attempt of one booking (and its calendar event) carries the same code. */
export function confirmationCodeFor(key: string, length = 6): string {
  const digest = createHash('sha256').update(key).digest();
  let code = '';
  for (let i = 0; i < length; i++) code += CODE_ALPHABET[digest[i]! % CODE_ALPHABET.length];
  return code;
}
