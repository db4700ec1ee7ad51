/**
 * The invite signing key's one rule, shared by the server's start-up config and `npm run invite`.
 *
 * Both keys this app generates pass: `npm start` makes `randomBytes(24).toString('base64url')` (32 characters of
 * A–Z a–z 0–9 - _) and the stack's secret is 48 characters of A–Z a–z 0–9 (`excludePunctuation`). Anything
 * shorter than 32 is a truncated paste (or too weak for an HMAC key); anything with quotes, spaces, "=" or other
 * punctuation is a copy-paste accident (a quoted value, trailing text, a JSON blob), never a key of ours. 128 leaves
 * room for a key an operator generates and stores by hand (`put-secret-value`, e.g. 64 hex or base64url characters).
 * Surrounding whitespace is trimmed, as every reader of the key trims it, so the signer and verifier agree.
 */
import { ConfigError } from './env';

export const INVITE_KEY_MIN_LENGTH = 32;
export const INVITE_KEY_MAX_LENGTH = 128;

/** A whole, trimmed invite signing key. */
export const INVITE_KEY_PATTERN = new RegExp(`^[A-Za-z0-9_-]{${INVITE_KEY_MIN_LENGTH},${INVITE_KEY_MAX_LENGTH}}$`);

const FORM =
  `${INVITE_KEY_MIN_LENGTH}–${INVITE_KEY_MAX_LENGTH} characters of A–Z, a–z, 0–9, "-" or "_" ` +
  "(the key npm start prints or the stack's invite-signing-key secret)";

/**
 * The trimmed key, or a ConfigError naming `variable` and the expected form. The message never contains the key,
 * only its length or that it has a character outside the set.
 */
export function readInviteSigningKey(value: string | undefined, variable = 'INVITE_SIGNING_KEY'): string {
  const key = value?.trim() ?? '';
  if (!key) throw new ConfigError(`${variable} is not set; it must be ${FORM}`);
  if (INVITE_KEY_PATTERN.test(key)) return key;
  const problem = /^[A-Za-z0-9_-]*$/.test(key)
    ? `got ${key.length} characters`
    : 'got a character outside that set (quotes, spaces or trailing text?)';
  throw new ConfigError(`${variable} must be ${FORM}; ${problem}`);
}
