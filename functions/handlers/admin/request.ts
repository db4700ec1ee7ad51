/** Reading an operator's request: the bearer token, the path's segments and a small JSON body. */
import { PayloadTooLargeError, UnauthorizedError, ValidationError } from '../../domain/errors';
import { secretMatches } from '../../domain/secret-compare';
import { bodyBytes, type HttpEvent, lowerHeaders, rawBody } from '../shared/http';

/** The largest admin body accepted: a settings change is a few hundred bytes. */
export const MAX_ADMIN_BODY_BYTES = 16 * 1024;

/** Throws UnauthorizedError unless the request carries the admin token (constant-time compare). */
export function requireAdmin(event: HttpEvent, adminToken: string): void {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(lowerHeaders(event).authorization ?? '')?.[1];
  if (!secretMatches(bearer, [adminToken])) throw new UnauthorizedError('A valid admin bearer token is required.');
}

/**
 * The segments of the path below `prefix`, each percent-decoded on its own: a calendar id may hold an encoded "/"
 * (%2F), which must not split it (API Gateway's pathParameters.proxy is decoded as a whole, so it cannot be used).
 * Undefined when the path is not below `prefix`.
 */
export function pathSegments(rawPath: string, prefix: string): string[] | undefined {
  if (!rawPath.startsWith(`${prefix}/`)) return undefined;
  return rawPath
    .slice(prefix.length + 1)
    .split('/')
    .map((segment) => {
      try {
        return decodeURIComponent(segment);
      } catch {
        throw new ValidationError('path: a segment is not valid percent-encoding', 'path');
      }
    });
}

/** The JSON body (size-capped before it is decoded); `undefined` when there is none. */
export function jsonBody(event: HttpEvent): unknown {
  if (bodyBytes(event) > MAX_ADMIN_BODY_BYTES) {
    throw new PayloadTooLargeError(`body: at most ${MAX_ADMIN_BODY_BYTES} bytes`);
  }
  const text = rawBody(event);
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ValidationError('body: must be valid JSON', 'body');
  }
}

/** The query string as single values (the first of repeated ones), for schema parsing. */
export function queryOf(event: HttpEvent): Record<string, string> {
  const query = event.queryStringParameters ?? {};
  return Object.fromEntries(
    Object.entries(query).flatMap(([k, v]) => (v === undefined ? [] : [[k, v.split(',')[0]!.trim()]])),
  );
}
