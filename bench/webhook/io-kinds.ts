/**
 * What an outbound request of the app is, from what the diagnostics channels show of it: a DynamoDB request names its
 * operation in X-Amz-Target; a provider's token endpoint has /token or /oauth2/ in its path; Graph and Google
 * Calendar requests are below /v1.0/, /beta/ or /calendar/v3/ (the emulators keep those paths under their prefixes).
 */
import type { ClientRequest } from 'node:http';
import type { IoRequest } from './io-trace';

const TOKEN_PATH = /\/oauth2\/|\/token\b/;
const PROVIDER_PATH = /\/v1\.0\/|\/beta\/|\/calendar\/v3\//;

/** A node:http client request (the AWS SDK's, and the app's provider transport): any of the four kinds. */
export function nodeRequestKind(request: ClientRequest): Pick<IoRequest, 'kind' | 'op'> {
  const amzTarget = String(request.getHeader('x-amz-target') ?? '');
  if (amzTarget.startsWith('DynamoDB_')) return { kind: 'dynamo', op: amzTarget.split('.')[1] ?? amzTarget };
  const route = `${request.method} ${request.path.split('?')[0]}`;
  if (TOKEN_PATH.test(route)) return { kind: 'token', op: route };
  return { kind: PROVIDER_PATH.test(route) ? 'provider' : 'http', op: route };
}

/** An undici request (anything still on the global fetch): the app sends only provider and token requests there. */
export function undiciRequestKind(request: { method?: string; path?: string }): Pick<IoRequest, 'kind' | 'op'> {
  const route = `${request.method} ${request.path?.split('?')[0]}`;
  return { kind: TOKEN_PATH.test(route) ? 'token' : 'provider', op: route };
}
