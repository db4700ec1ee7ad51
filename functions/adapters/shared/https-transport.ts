/**
 * The provider adapters' HTTP: the subset of fetch they use, over node:http / node:https with one keep-alive agent per
 * protocol. Not undici's fetch: that costs ~0.1-0.25 ms more CPU per request and ~20-40 ms to load and compile on the
 * first request of a process (after every cold start), while node:https is loaded by the AWS SDK anyway.
 * Like fetch: gzip/deflate answers are decompressed, an aborted signal rejects with its reason (TimeoutError for
 * AbortSignal.timeout, AbortError for a plain abort) before the request, during it and while the body is read.
 * Unlike fetch, a 3xx is answered as it is: no provider call here expects one, and a bearer token follows no link.
 * The answer side (body, decoding, headers) is https-response.ts.
 */
import { Agent as HttpAgent, type ClientRequest, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { decode, type HttpResponse, readBody, responseOf } from './https-response';

export {
  type HttpHeaders,
  type HttpResponse,
  MAX_BODY_BYTES,
  MAX_CODINGS,
  UnreadableAnswerError,
} from './https-response';

/** What the adapters send: fetch's init, narrowed to what they use. */
export interface HttpInit {
  method?: string;
  headers?: Record<string, string>;
  /** A URLSearchParams is sent form-encoded (with fetch's Content-Type unless one is given). */
  body?: string | URLSearchParams;
  signal?: AbortSignal;
}

/** The adapters' injection seam: this module's httpFetch by default; tests pass fakes, fetch itself also fits. */
export type HttpFetch = (url: string | URL, init?: HttpInit) => Promise<HttpResponse>;

/** Sent unless the caller names one (fetch sent "node"): providers' logs tell this app's requests apart. */
export const USER_AGENT = 'voice-calendar-booking';

// Idle sockets close after 4 s (undici's default), under the 5 s most servers keep them; a server's Keep-Alive
// timeout hint shortens that (node's Agent reads it).
const agentOptions = { keepAlive: true, scheduling: 'lifo', timeout: 4_000 } as const;
const agents = { http: new HttpAgent(agentOptions), https: new HttpsAgent(agentOptions) };

/** Errors of a kept-alive socket the server had closed (while a Lambda sandbox was frozen, say). */
const STALE_SOCKET = new Set(['ECONNRESET', 'EPIPE']);
/** Failures of a request sent on such a socket before any answer came: worth one more try on a new socket. */
const staleFailures = new WeakSet<object>();

/**
 * Sends one request and reads its whole body; rejects with the signal's reason on abort, an UnreadableAnswerError
 * for an answer that cannot be used, else a network error. A request that fails on a reused socket before any answer
 * is sent once more on a new one, as node's documentation advises: the server had closed that socket.
 */
export function httpFetch(input: string | URL, init: HttpInit = {}): Promise<HttpResponse> {
  return send(input, init).catch((error: unknown) => {
    if (!(error instanceof Error && staleFailures.has(error))) throw error;
    // Not pooled: every idle socket of the pool may be as stale as the one that failed.
    return send(input, init, true);
  });
}

function send(input: string | URL, init: HttpInit, fresh = false): Promise<HttpResponse> {
  const url = typeof input === 'string' ? new URL(input) : input;
  const { signal } = init;
  if (signal?.aborted) return Promise.reject(abortReason(signal));
  const https = url.protocol === 'https:';
  if (!https && url.protocol !== 'http:') return Promise.reject(new TypeError(`unsupported protocol ${url.protocol}`));
  const method = init.method ?? 'GET';
  const headers = requestHeaders(init);
  const body = init.body === undefined ? undefined : String(init.body);
  // Never chunked: a length for a body (node:http itself sends fetch's "0" for an empty POST).
  if (body !== undefined) headers['content-length'] = String(Buffer.byteLength(body));
  return new Promise<HttpResponse>((resolve, reject) => {
    const options = { method, headers, agent: fresh ? false : https ? agents.https : agents.http };
    const req: ClientRequest = (https ? httpsRequest : httpRequest)(url, options);
    let settled = false;
    let answered = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      // With the error, so node:http's diagnostics (http.client.request.error) see the request end.
      req.destroy(error instanceof Error ? error : undefined);
      const code = (error as { code?: unknown })?.code;
      if (error instanceof Error && !answered && req.reusedSocket && typeof code === 'string' && STALE_SOCKET.has(code))
        staleFailures.add(error);
      reject(error);
    };
    const onAbort = () => fail(abortReason(signal as AbortSignal));
    signal?.addEventListener('abort', onAbort, { once: true });
    req.on('error', fail);
    req.on('response', (res) => {
      answered = true;
      res.on('error', fail);
      readBody(res, fail, (raw) => {
        if (settled) return;
        settled = true;
        signal?.removeEventListener('abort', onAbort);
        try {
          resolve(responseOf(res, decode(raw, res.headers['content-encoding'])));
        } catch (error) {
          reject(error);
        }
      });
    });
    req.end(body);
  });
}

/** Lower-case names (fetch's Headers merge case variants too), plus what fetch would add. */
function requestHeaders(init: HttpInit): Record<string, string> {
  const headers: Record<string, string> = { 'accept-encoding': 'gzip, deflate', 'user-agent': USER_AGENT };
  for (const [name, value] of Object.entries(init.headers ?? {})) headers[name.toLowerCase()] = value;
  if (init.body instanceof URLSearchParams)
    headers['content-type'] ??= 'application/x-www-form-urlencoded;charset=UTF-8';
  return headers;
}

/** The signal's reason as fetch rejects with it (a DOMException AbortError when the abort gave none). */
function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}
