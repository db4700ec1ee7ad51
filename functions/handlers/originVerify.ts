/**
 * HTTP API Lambda authorizer (simple responses) on every route: a request passes only with the header CloudFront adds
 * (functions/contract/origin-verify.ts), so calls straight to the execute-api endpoint, around the WAF, never reach
 * a function. API Gateway answers 401 itself when the header is missing and caches each answer per header value.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { ORIGIN_VERIFY_HEADER } from '../contract/origin-verify';
import { errorFields } from '../domain/errors';
import { logger } from '../runtime/logger';
import { originSecretsFromEnv } from '../runtime/origin-secret';

/** The part of API Gateway's authorizer event (payload 2.0) this reads. */
export interface AuthorizerEvent {
  headers?: Record<string, string | undefined>;
}

let accepted: (() => Promise<string[]>) | undefined;

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/** Whether `given` equals one of `values`, in constant time (fixed-length digests, every value compared). */
export function matchesAny(given: string, values: readonly string[]): boolean {
  const mine = digest(given);
  return values.reduce((found, value) => timingSafeEqual(mine, digest(value)) || found, false);
}

/** Authorizes requests that came through the front door; fails closed when the secret cannot be read. */
export async function handler(event: AuthorizerEvent): Promise<{ isAuthorized: boolean }> {
  const given = event.headers?.[ORIGIN_VERIFY_HEADER];
  if (!given) return { isAuthorized: false };
  try {
    accepted ??= originSecretsFromEnv();
    return { isAuthorized: matchesAny(given, await accepted()) };
  } catch (error) {
    logger.error('Origin-verify secret unreadable; refusing the request', errorFields(error));
    return { isAuthorized: false };
  }
}
