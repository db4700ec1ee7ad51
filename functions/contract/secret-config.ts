/** How secrets are re-read and how the webhook authenticates VAPI: read the same way by the functions and npm start. */
import { ConfigError, type Env, integer } from './env';

/** Seconds a warm container keeps a secret before asking Secrets Manager again (so a rotation lands by then). */
export const DEFAULT_SECRETS_MAX_AGE_SECONDS = 120;

/** Seconds a fetched secret is reused: two minutes unless configured, from 1 s to an hour. */
export function readSecretsMaxAgeSeconds(env: Env): number {
  return integer(env, 'SECRETS_MAX_AGE_SECONDS', DEFAULT_SECRETS_MAX_AGE_SECONDS, 1, 3_600);
}

/**
 * What the webhook accepts: `any` (the static secret in X-Vapi-Secret / Bearer, or an HMAC signature) or `hmac`
 * (signatures only: a static secret can be replayed by anyone who saw it once, a signature only inside its window).
 */
export type VapiAuthMode = 'any' | 'hmac';

const MODES: readonly VapiAuthMode[] = ['any', 'hmac'];

/** VAPI_AUTH_MODE, `any` unless set; anything else fails fast naming the variable. */
export function readVapiAuthMode(env: Env): VapiAuthMode {
  const raw = env.VAPI_AUTH_MODE?.trim();
  if (!raw) return 'any';
  const mode = MODES.find((m) => m === raw.toLowerCase());
  if (!mode) throw new ConfigError(`VAPI_AUTH_MODE must be one of ${MODES.join(', ')}, got "${raw}"`);
  return mode;
}
