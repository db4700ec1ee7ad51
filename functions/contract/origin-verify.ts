/**
 * The header CloudFront adds to every request it forwards to the HTTP API, and the environment variable naming the
 * secret it carries: the stack (lib/origin-verify.ts) and the authorizer (handlers/originVerify.ts) read both here.
 */

/** Set by CloudFront on the way to the origin (never by a viewer: CloudFront overwrites a viewer's copy). */
export const ORIGIN_VERIFY_HEADER = 'x-origin-verify';

/** The authorizer's variable holding the secret's ARN. */
export const ORIGIN_VERIFY_SECRET_ENV = 'ORIGIN_VERIFY_SECRET_ARN';

/** How long the authorizer trusts the secret values it read, and API Gateway its answers (seconds). */
export const ORIGIN_VERIFY_CACHE_SECONDS = 300;
